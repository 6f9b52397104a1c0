const duplicateKeyCode = 11000;

/**
 * A unique index (or `_id`) refused the insert: with FerretDB this is the only reliable way to
 * learn that a concurrent writer got there first.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === duplicateKeyCode;
}
