import { createHash } from 'node:crypto';

/** SHA-256 of a command's validated input, so a key reused for different input is refused. */
export function hashInput(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}
