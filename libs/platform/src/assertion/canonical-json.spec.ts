import { canonicalJson } from './canonical-json';

/**
 * JSON.stringify with every object's keys sorted: the meaning canonicalJson must keep, for keys that are not
 * array indices (an object puts those first in numeric order, whatever a replacer does).
 */
function sortedStringify(value: unknown): string {
  return (
    JSON.stringify(value, (_key, current: unknown) =>
      current !== null && typeof current === 'object' && !Array.isArray(current)
        ? Object.fromEntries(
            Object.keys(current)
              .sort()
              .map((key) => [key, (current as Record<string, unknown>)[key]]),
          )
        : current,
    ) ?? 'null'
  );
}

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function randomValue(next: () => number, depth: number): unknown {
  const scalars: Array<() => unknown> = [
    () => null,
    () => undefined,
    () => next() < 0.5,
    () => Math.round((next() - 0.5) * 1e6) / 100,
    () => [NaN, Infinity, -0, 1e21, 5e-324][Math.floor(next() * 5)],
    () => ['', 'a"b\\c', 'Rp 1.250.000', '\u202e\u0000', '12,5', '\ud83c\udf3e'][Math.floor(next() * 6)],
    () => new Date(Date.UTC(2026, 11, 7, Math.floor(next() * 24))),
    () => () => 1,
  ];
  if (depth <= 0 || next() < 0.4) return scalars[Math.floor(next() * scalars.length)]();
  const size = Math.floor(next() * 5);
  if (next() < 0.4) return Array.from({ length: size }, () => randomValue(next, depth - 1));
  const keys = ['b', 'a', 'z', 'éa', 'A', '_id', 'actor', '-1', '1.5'];
  return Object.fromEntries(
    Array.from({ length: size }, () => [
      keys[Math.floor(next() * keys.length)],
      randomValue(next, depth - 1),
    ]),
  );
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes a Date as its ISO string', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: new Date(Date.UTC(2026, 0, 2)) } })).toBe(
      '{"a":{"c":"2026-01-02T00:00:00.000Z","d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('leaves out what JSON leaves out, and writes null for what it cannot write in a list', () => {
    expect(canonicalJson({ a: undefined, f: () => 1, n: NaN, list: [undefined, () => 1, Infinity] })).toBe(
      '{"list":[null,null,null],"n":null}',
    );
    expect(canonicalJson(undefined)).toBe('null');
  });

  it.each(Array.from({ length: 200 }, (_, index) => index + 1))(
    'writes what sorted JSON.stringify writes (seed %i)',
    (seed) => {
      const value = randomValue(seeded(seed), 4);
      expect(canonicalJson(value)).toBe(sortedStringify(value));
    },
  );

  it('sorts keys that look like numbers as text too, as a verifier in any language would', () => {
    expect(canonicalJson({ a: 3, 2: 'two', 10: 'ten' })).toBe('{"10":"ten","2":"two","a":3}');
  });

  it('gives the same text for the same value whatever order its keys were built in', () => {
    expect(canonicalJson({ actor: { userId: 'u', role: 'partner' }, id: 1 })).toBe(
      canonicalJson(JSON.parse('{"id":1,"actor":{"role":"partner","userId":"u"}}')),
    );
  });
});
