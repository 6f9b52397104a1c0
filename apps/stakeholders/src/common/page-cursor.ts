import { z } from 'zod';
import { MitraError, objectIdSchema } from '@mitra/contracts';

/**
 * The position after the last item of a page: the sort key and the id that breaks ties, and how many
 * items the pages up to it showed (so a later page can say how many matched so far).
 */
export interface CursorPosition {
  sortKey: string;
  id: string;
  shown?: number;
}

const positionSchema = z.union([
  z.tuple([z.string().max(400), objectIdSchema]),
  z.tuple([z.string().max(400), objectIdSchema, z.number().int().min(0).max(1_000_000_000)]),
]);

export function encodeCursor(position: CursorPosition): string {
  const fields =
    position.shown === undefined
      ? [position.sortKey, position.id]
      : [position.sortKey, position.id, position.shown];
  return Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [sortKey, id, shown] = positionSchema.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    return shown === undefined ? { sortKey, id } : { sortKey, id, shown };
  } catch {
    throw MitraError.validation([
      { field: 'cursor', reason: 'must be a cursor returned by a previous page', code: 'cursor.invalid' },
    ]);
  }
}
