import {
  formatNumber,
  numberRules,
  parseNumber,
  unitRule,
  type NumberLanguage,
  type NumberRule,
} from './number';

const money: NumberRule = { money: true, integer: true, min: 0 };
const percent: NumberRule = { percent: true, min: 0, max: 100 };
const count: NumberRule = { integer: true, min: 0 };
const value = (text: string, language: NumberLanguage, rule?: NumberRule) => {
  const parsed = parseNumber(text, language, rule);
  return parsed.ok ? parsed.value : parsed.refusal.kind;
};

describe('parseNumber in Indonesian', () => {
  it.each([
    ['12,5', 12.5],
    ['1.250.000', 1_250_000],
    ['1.250', 1250],
    ['1.250.000,75', 1_250_000.75],
    ['125', 125],
    ['0,5', 0.5],
    ['  42  ', 42],
    ['\u00a012,5\u00a0', 12.5],
    ['1 250 000', 1_250_000],
    ['1\u202f250\u00a0000', 1_250_000],
    ['-3', -3],
    ['−3', -3],
    ['+7', 7],
    ['- 3', -3],
    ['-0', 0],
    ['007', 7],
  ])('reads %j as %p', (text, expected) => {
    expect(value(text, 'id')).toBe(expected);
  });

  it.each([
    ['12.5', 'ambiguous'],
    ['1.5', 'ambiguous'],
    ['12.50', 'ambiguous'],
    ['1.2345', 'ambiguous'],
    ['0.500', 'ambiguous'],
    ['1,250,000', 'ambiguous'],
    ['1,250.5', 'ambiguous'],
    ['1.25.000', 'grouping'],
    ['1.250.00', 'grouping'],
    ['1234.567', 'grouping'],
    ['1..250', 'grouping'],
    ['1.250 000', 'grouping'],
    ['12 5', 'grouping'],
    [',5', 'separators'],
    ['12,', 'separators'],
    ['.250', 'separators'],
    ['1.250.', 'separators'],
    ['12, 5', 'separators'],
    ['١٢٫٥', 'foreignDigits'],
    ['۱۲', 'foreignDigits'],
    ['12٣', 'foreignDigits'],
    ['abc', 'notANumber'],
    ['12a', 'notANumber'],
    ['--3', 'notANumber'],
    ['3-', 'notANumber'],
    ['1e5', 'notANumber'],
    ['Rp 5', 'notANumber'],
    ['12%', 'notANumber'],
    ['-', 'notANumber'],
    ['12345678901234567890', 'tooLong'],
    ['0,1234567890123456', 'tooLong'],
  ])('refuses %j (%s)', (text, refusal) => {
    expect(value(text, 'id')).toBe(refusal);
  });

  it('gives null for an empty field, however much space it holds', () => {
    expect(value('', 'id')).toBeNull();
    expect(value(' \u00a0 ', 'id')).toBeNull();
  });
});

describe('parseNumber in English mirrors the rules', () => {
  it.each([
    ['12.5', 12.5],
    ['1,250,000', 1_250_000],
    ['1,250,000.75', 1_250_000.75],
    ['1.250', 1.25],
    ['-3', -3],
  ])('reads %j as %p', (text, expected) => {
    expect(value(text, 'en')).toBe(expected);
  });

  it.each([
    ['12,5', 'ambiguous'],
    ['1.250.000', 'ambiguous'],
    ['1.250,5', 'ambiguous'],
    ['1,25,000', 'grouping'],
  ])('refuses %j (%s)', (text, refusal) => {
    expect(value(text, 'en')).toBe(refusal);
  });
});

describe('parseNumber with a field rule', () => {
  it('reads Rupiah with their prefix and the Indonesian "no cents" ending, whole only', () => {
    expect(value('Rp 1.250.000', 'id', money)).toBe(1_250_000);
    expect(value('Rp1.250.000,-', 'id', money)).toBe(1_250_000);
    expect(value('rp. 1.250.000,00', 'id', money)).toBe(1_250_000);
    expect(value('IDR 1,250,000', 'en', money)).toBe(1_250_000);
    expect(value('Rp 1.250.000,50', 'id', money)).toBe('notWhole');
    expect(value('-Rp 5.000', 'id', money)).toBe('belowMin');
    expect(value('Rp -5.000', 'id', money)).toBe('belowMin');
  });

  it('reads a percentage with or without its sign, within 0 to 100', () => {
    expect(value('12,5 %', 'id', percent)).toBe(12.5);
    expect(value('100', 'id', percent)).toBe(100);
    expect(value('100,5', 'id', percent)).toBe('outOfRange');
    expect(value('-1', 'id', percent)).toBe('outOfRange');
  });

  it('refuses, never corrects, a count that is fractional or negative and a score outside its scale', () => {
    expect(value('12,5', 'id', count)).toBe('notWhole');
    expect(value('-3', 'id', count)).toBe('belowMin');
    expect(value('7', 'id', { integer: true, min: 1, max: 5 })).toBe('outOfRange');
    expect(parseNumber('7', 'id', { integer: true, min: 1, max: 5 })).toEqual({
      ok: false,
      refusal: { kind: 'outOfRange', min: 1, max: 5 },
    });
  });
});

describe('formatNumber', () => {
  it.each([
    [1_250_000.5, 'id', '1.250.000,5'],
    [1_250_000.5, 'en', '1,250,000.5'],
    [-3, 'id', '-3'],
  ] as const)('writes %p in %s as %j, which reads back the same', (number, language, text) => {
    expect(formatNumber(number, language)).toBe(text);
    expect(value(formatNumber(number, language), language)).toBe(number);
  });

  it('writes years without grouping', () => {
    expect(formatNumber(2026, 'id', { grouping: false })).toBe('2026');
  });
});

describe('the rules of the fields', () => {
  it('gives an indicator’s fields its unit’s limits and signs', () => {
    expect(value('12,5 %', 'id', unitRule('%'))).toBe(12.5);
    expect(value('101', 'id', unitRule('persen'))).toBe('outOfRange');
    expect(value('12,5', 'id', unitRule('orang'))).toBe('notWhole');
    expect(value('-2,5', 'id', unitRule('ton'))).toBe(-2.5);
    expect(value('Rp 1.250.000', 'id', unitRule('Rp'))).toBe(1_250_000);
  });

  it('refuses, rather than clamps, a negative number of days and a score above its scale', () => {
    expect(value('-3', 'id', numberRules.whole(1, 3650))).toBe('outOfRange');
    expect(value('7', 'id', numberRules.whole(1, 5))).toBe('outOfRange');
    expect(value('2.026', 'id', numberRules.whole(2000, 2100))).toBe(2026);
  });
});
