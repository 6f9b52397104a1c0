import { z } from 'zod';
import { replyObject, restating } from './reply';

describe('a reply record', () => {
  const organisation = replyObject({ id: z.string(), version: z.number(), note: z.string().optional() });

  it('checks the fields it names and keeps those a newer service adds', () => {
    expect(organisation.parse({ id: 'a', version: 2, verifiedAt: '2026-12-04' })).toEqual({
      id: 'a',
      version: 2,
      verifiedAt: '2026-12-04',
    });
    expect(organisation.safeParse({ id: 'a' }).success).toBe(false);
    expect(organisation.safeParse({ id: 'a', version: 2, note: null }).success).toBe(false);
  });

  it('compiles, restating a type, only while both have the same fields (checked by typecheck)', () => {
    const same = restating<{ id: string; tags: { label?: string }[] }>()(
      replyObject({ id: z.string(), tags: z.array(replyObject({ label: z.string().optional() })) }),
    );
    // @ts-expect-error the schema leaves out an optional field of the type
    restating<{ id: string; note?: string }>()(replyObject({ id: z.string() }));
    // @ts-expect-error the schema leaves out an optional field nested in a list
    restating<{ tags: { label?: string }[] }>()(replyObject({ tags: z.array(replyObject({})) }));
    // @ts-expect-error the schema names a field the type does not have
    restating<{ id: string }>()(replyObject({ id: z.string(), extra: z.number() }));
    expect(same.parse({ id: 'a', tags: [] })).toEqual({ id: 'a', tags: [] });
  });
});
