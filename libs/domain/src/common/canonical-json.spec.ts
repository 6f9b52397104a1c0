import { canonicalize, CanonicalizationError } from './canonical-json';
import { sha256Hex } from '../agreements/content-hash';

describe('canonicalize (RFC 8785)', () => {
  it('matches the RFC 8785 §3.2.2 example: sorted members, ECMAScript numbers and string escapes', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals": [null, true, false]}',
    );
    const expected = '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}';

    expect(canonicalize(input)).toBe(expected);
    // Pinned with sha256sum over the RFC's expected output.
    expect(sha256Hex(canonicalize(input))).toBe('2d5e01a318d0f0879ab568c4be289c8b1f64ef8921a53c6277d5e069978baacb');
  });

  it('sorts member names by UTF-16 code units, as RFC 8785 §3.2.3 does', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const names = Object.keys(JSON.parse(canonicalize(input)) as object);
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];

    // JSON.parse puts the integer-like "1" first again, so compare the text itself.
    expect(canonicalize(input)).toBe(`{${order.map((name) => `${JSON.stringify(name)}:${JSON.stringify(input[name as keyof typeof input])}`).join(',')}}`);
    expect(names).toHaveLength(7);
  });

  it('serialises numbers the ECMAScript way (RFC 8785 appendix B)', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [1, '1'],
      [-1.5, '-1.5'],
      [1e21, '1e+21'],
      [1e-7, '1e-7'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [9007199254740992, '9007199254740992'],
      [295147905179352830000, '295147905179352830000'],
      [0.000001, '0.000001'],
    ];
    for (const [value, text] of cases) expect(canonicalize(value)).toBe(text);
  });

  it('gives the same text whatever the member order and leaves out undefined members', () => {
    const a = { b: [1, { z: 'x', a: null }], a: 'é', c: undefined };
    const b = { a: 'é', b: [1, { a: null, z: 'x' }] };

    expect(canonicalize(a)).toBe(canonicalize(b));
    expect(canonicalize(a)).toBe('{"a":"é","b":[1,{"a":null,"z":"x"}]}');
  });

  it('refuses values with no single JSON form, naming where they are', () => {
    expect(() => canonicalize({ a: [1, Number.NaN] })).toThrow(new CanonicalizationError('$.a[1]', 'is not a finite number'));
    expect(() => canonicalize({ a: Infinity })).toThrow(CanonicalizationError);
    expect(() => canonicalize({ s: 'x\ud800y' })).toThrow('contains a lone surrogate');
    expect(() => canonicalize({ d: new Date(0) })).toThrow('is not a plain object');
    expect(() => canonicalize({ n: BigInt(1) })).toThrow('a bigint has no JSON form');
    expect(() => canonicalize(undefined)).toThrow('$: a undefined has no JSON form');
  });

  it('keeps a surrogate pair, which is a well-formed character', () => {
    expect(canonicalize('\ud83d\ude00')).toBe('"😀"');
  });
});
