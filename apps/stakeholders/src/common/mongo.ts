import mongoose from 'mongoose';

export { isDuplicateKeyError } from '@mitra/platform';

/**
 * Marks an operator object that this service built itself as safe; `sanitizeFilter` neutralises
 * every other `$` key, so input that reaches a filter can only ever be compared for equality.
 */
export const operator = <T extends object>(value: T): T => mongoose.trusted(value) as T;

/** Makes user text match itself literally inside a regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
