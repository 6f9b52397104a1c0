import type { z } from 'zod';

/** Why the api refused a field, as a key of the partnerships namespace's `fieldErrors`. */
export type FieldReason =
  | { key: 'required' }
  | { key: 'minLength'; count: number }
  | { key: 'maxLength'; count: number }
  | { key: 'score' }
  | { key: 'wholeNumber' }
  | { key: 'alreadyInMap' }
  | { key: 'notRegistered' }
  | { key: 'alreadyLead' }
  | { key: 'mouPartyRequired' }
  | { key: 'responsibilityRequired' }
  | { key: 'userIdCharacters' };

const exact: Record<string, FieldReason> = {
  'is required': { key: 'required' },
  'must be between 1 and 5': { key: 'score' },
  'must be a whole number': { key: 'wholeNumber' },
  'is already in the map': { key: 'alreadyInMap' },
  'is not a registered organisation': { key: 'notRegistered' },
  'is already the lead': { key: 'alreadyLead' },
  'must list at least one responsibility': { key: 'responsibilityRequired' },
  'may contain only letters, digits and _ . : @ -': { key: 'userIdCharacters' },
};

/**
 * The contracts' own checks speak English (`must be at least 3 characters`); a form that runs a contract's
 * check before sending (`contractCheck`) says its reason in the user's language. The api's refusals are
 * worded from their codes instead (`useErrorWords`).
 */
export function fieldReason(reason: string): FieldReason | undefined {
  if (Object.hasOwn(exact, reason)) return exact[reason];
  const atLeast = /^must (?:be|give a reason of) at least (\d+) characters$/.exec(reason);
  if (atLeast) return { key: 'minLength', count: Number(atLeast[1]) };
  const atMost = /^must be at most (\d+) characters$/.exec(reason);
  if (atMost) return { key: 'maxLength', count: Number(atMost[1]) };
  if (reason.startsWith('is required: the MoU in force')) return { key: 'mouPartyRequired' };
  return undefined;
}

/** The form's own checks besides the contract's reasons. */
export type FieldErrorName = FieldReason['key'] | 'confirm';
export type Translate = (key: `fieldErrors.${FieldErrorName}`, values?: { count: number }) => string;

const inLanguage = (reason: string, translate: Translate): string => {
  const known = fieldReason(reason);
  if (!known) return reason;
  return 'count' in known
    ? translate(`fieldErrors.${known.key}`, { count: known.count })
    : translate(`fieldErrors.${known.key}`);
};

/**
 * A form field's check by the contract's own schema of that field, so the screen asks exactly what the
 * api will, in the user's language: null when the value passes.
 */
export const contractCheck =
  (schema: z.ZodType, translate: Translate) =>
  (value: unknown): string | null => {
    const result = schema.safeParse(value);
    return result.success ? null : inLanguage(result.error.issues[0]?.message ?? '', translate);
  };
