import { z } from 'zod';
import { MitraError, objectIdSchema } from '@mitra/contracts';

/** The position after the last item of a page: the sort key and the id that breaks ties. */
export interface CursorPosition {
  sortKey: string;
  id: string;
}

const positionSchema = z.tuple([z.string().max(400), objectIdSchema]);

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sortKey, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [sortKey, id] = positionSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { sortKey, id };
  } catch {
    throw MitraError.validation([{ field: 'cursor', reason: 'must be a cursor returned by a previous page' }]);
  }
}
