import type { ApiFieldError } from '#shared/api';

export interface PlacedErrors {
  /** Form path → the api's reason, first reason per path. */
  placed: Record<string, string>;
  /** What no input of the form stands for; shown as a list under the form. */
  unplaced: ApiFieldError[];
}

/**
 * Puts the api's field errors at the form's inputs. `prefixes` are the wrappers the api and the service
 * put around the form's fields (`fields.`, `agreement.fields.`); `collapse` names the lists edited as one
 * input (lines, tags), whose item errors (`scope.2`) belong to that input; `known` says which of the
 * resulting paths the form shows.
 */
export function placeFieldErrors(
  errors: readonly ApiFieldError[],
  {
    prefixes,
    collapse = [],
    known,
  }: { prefixes: readonly string[]; collapse?: readonly RegExp[]; known: RegExp },
): PlacedErrors {
  const placed: Record<string, string> = {};
  const unplaced: ApiFieldError[] = [];
  for (const error of errors) {
    const prefix = [...prefixes]
      .sort((a, b) => b.length - a.length)
      .find((candidate) => error.field.startsWith(candidate));
    let path = prefix === undefined ? error.field : error.field.slice(prefix.length);
    for (const list of collapse) {
      const match = list.exec(path);
      if (match) path = match[1];
    }
    if (prefix !== undefined && known.test(path)) {
      if (!(path in placed)) placed[path] = error.reason;
    } else {
      unplaced.push(error);
    }
  }
  return { placed, unplaced };
}

/** Where the draft form shows the errors of `POST /agreements` and `POST /agreements/:id/versions`. */
export const draftErrorPlaces = {
  // The api checks the body (`fields.…`); the service checks the command again (`agreement.fields.…`).
  prefixes: ['fields.', 'agreement.fields.', 'revision.fields.'],
  collapse: [/^(scope|sdgTargets|parties\.\d+\.responsibilities)\.\d+$/],
  known: new RegExp(
    '^(' +
      [
        'title',
        'place',
        'mouReference',
        'background',
        'purpose',
        'scope',
        'sdgTargets',
        'communication',
        'confidentiality',
        'startDate',
        'durationMonths',
        'disputeVenue',
        'governance\\.(body|decisionRule|meetingFrequency)',
        'funding\\.(mechanism|notes)',
        'reporting\\.(frequency|notes)',
        'parties',
        'parties\\.\\d+\\.(organisationId|name|sector|address|role|responsibilities|contributions)',
        'parties\\.\\d+\\.representative\\.(userId|name|title)',
        'parties\\.\\d+\\.contributions\\.\\d+\\.(kind|description|amountIdr)',
      ].join('|') +
      ')$',
  ),
} as const;

/** Where the open-signing form shows the errors of `POST /agreements/:id/signing-rounds`. */
export const signingErrorPlaces = {
  // The api names the body's fields; the rules name the command's (`signing.expiresAt`).
  prefixes: ['', 'signing.'],
  known: /^(mode|dueAt|expiresAt)$/,
} as const;
