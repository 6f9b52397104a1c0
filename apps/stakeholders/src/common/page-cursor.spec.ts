import { ErrorCode } from '@mitra/contracts';
import { decodeCursor, encodeCursor } from './page-cursor';

describe('page cursors', () => {
  it('give back the position they were made from', () => {
    const position = { sortKey: 'forum csr kota bandung', id: '0123456789abcdef01234567' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(decodeCursor(encodeCursor({ ...position, shown: 40 }))).toEqual({ ...position, shown: 40 });
  });

  it('refuse a forged cursor with a field error', () => {
    const forged = Buffer.from(JSON.stringify([{ $gt: '' }, '0123456789abcdef01234567'])).toString(
      'base64url',
    );
    const negative = Buffer.from(JSON.stringify(['a', '0123456789abcdef01234567', -1])).toString('base64url');
    for (const cursor of [
      forged,
      negative,
      'bm90IGpzb24',
      Buffer.from('["a","not-an-id"]').toString('base64url'),
    ]) {
      expect(() => decodeCursor(cursor)).toThrow(
        expect.objectContaining({
          code: ErrorCode.ValidationFailed,
          errors: [
            {
              field: 'cursor',
              reason: 'must be a cursor returned by a previous page',
              code: 'cursor.invalid',
            },
          ],
        }),
      );
    }
  });
});
