import { indicatorInputSchema } from './plan';
import { aggregationOf, unitKind, unitValueRefusal } from './indicator-unit';

const indicator = (unit: string, overrides = {}) => ({
  name: 'Balita ditimbang',
  sdg: { kind: 'target' as const, code: '2.2' },
  unit,
  direction: 'higher_is_better' as const,
  accumulation: 'per_period' as const,
  ...overrides,
});

describe('indicator units', () => {
  it.each([
    ['%', 'percent'],
    ['% balita', 'percent'],
    ['Persen', 'percent'],
    ['per 1000 kelahiran hidup', 'rate'],
    ['kasus/100.000', 'rate'],
    ['skor', 'rate'],
    ['orang', 'count'],
    [' Rumah  Tangga ', 'count'],
    ['households', 'count'],
    ['Rp', 'money'],
    ['rupiah', 'money'],
    ['ton', 'amount'],
    ['ha', 'amount'],
  ])('reads %j as a %s', (unit, kind) => {
    expect(unitKind(unit)).toBe(kind);
  });

  it('adds counts, money and amounts up, never percentages or rates', () => {
    expect(aggregationOf('count')).toBe('sum');
    expect(aggregationOf('money')).toBe('sum');
    expect(aggregationOf('amount')).toBe('sum');
    expect(aggregationOf('percent')).toBe('per_group');
    expect(aggregationOf('rate')).toBe('per_group');
  });

  it('refuses a percentage above 100, a fractional count and a negative count, and keeps what fits', () => {
    expect(unitValueRefusal('%', 100.5)).toBe('must be between 0 and 100');
    expect(unitValueRefusal('%', 12.5)).toBeNull();
    expect(unitValueRefusal('orang', 12.5)).toBe('must be a whole number');
    expect(unitValueRefusal('orang', -3)).toBe('must be at least 0');
    expect(unitValueRefusal('Rp', 1_250_000.5)).toBe('must be a whole number');
    expect(unitValueRefusal('ton', -2.5)).toBeNull();
  });

  it('refuses an indicator whose target breaks its unit, naming the target', () => {
    const parsed = indicatorInputSchema.safeParse(
      indicator('%', {
        targets: [
          { periodNumber: 1, value: 20 },
          { periodNumber: 2, value: 125 },
        ],
      }),
    );
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({ path: ['targets', 1, 'value'], message: 'must be between 0 and 100' }),
    ]);
    expect(
      indicatorInputSchema.safeParse(indicator('orang', { targets: [{ periodNumber: 1, value: 12.5 }] }))
        .success,
    ).toBe(false);
    expect(
      indicatorInputSchema.safeParse(indicator('%', { targets: [{ periodNumber: 1, value: 12.5 }] })).success,
    ).toBe(true);
  });

  it('refuses adding a percentage up over periods', () => {
    const parsed = indicatorInputSchema.safeParse(indicator('%', { accumulation: 'cumulative' }));
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['accumulation'] })]);
    expect(indicatorInputSchema.safeParse(indicator('orang', { accumulation: 'cumulative' })).success).toBe(
      true,
    );
  });
});
