import { breakdownMismatch, combineValues, reportValueErrors } from './indicator-arithmetic';

const children = { unit: 'anak' };
const stunting = { unit: '%' };
const entry = (value: number, sex = 'female') => ({ dimensions: { sex }, value });

describe('indicator arithmetic', () => {
  it('finds a count breakdown that does not add up, with the difference', () => {
    expect(
      breakdownMismatch(children, { value: 125, breakdown: [entry(600), entry(31.25, 'male')] }),
    ).toEqual({
      total: 125,
      sum: 631.25,
      difference: -506.25,
    });
  });

  it('accepts a count breakdown that adds up, decimals included', () => {
    expect(breakdownMismatch(children, { value: 125, breakdown: [entry(60), entry(65, 'male')] })).toBeNull();
    expect(
      breakdownMismatch({ unit: 'ton' }, { value: 0.3, breakdown: [entry(0.1), entry(0.2, 'male')] }),
    ).toBeNull();
  });

  it('never adds up the groups of a percentage or a rate', () => {
    expect(breakdownMismatch(stunting, { value: 24, breakdown: [entry(22), entry(26, 'male')] })).toBeNull();
    expect(
      breakdownMismatch({ unit: 'per 1000' }, { value: 5, breakdown: [entry(4), entry(6, 'male')] }),
    ).toBeNull();
  });

  it('refuses a total or a group outside the unit, naming each field', () => {
    expect(reportValueErrors(stunting, { value: 125, breakdown: [entry(-3)] }, 'report.values.0')).toEqual([
      {
        field: 'report.values.0.value',
        reason: 'must be between 0 and 100',
        code: 'number.out_of_range',
        params: { min: 0, max: 100 },
      },
      {
        field: 'report.values.0.breakdown.0.value',
        reason: 'must be between 0 and 100',
        code: 'number.out_of_range',
        params: { min: 0, max: 100 },
      },
    ]);
    expect(reportValueErrors(children, { value: 12.5, breakdown: [] }, 'v')).toEqual([
      { field: 'v.value', reason: 'must be a whole number', code: 'number.not_whole' },
    ]);
  });

  it('names the breakdown of a count that does not add up', () => {
    expect(
      reportValueErrors(children, { value: 125, breakdown: [entry(600), entry(31, 'male')] }, 'v'),
    ).toEqual([
      {
        field: 'v.breakdown',
        reason: 'adds up to 631, not the value 125 (difference -506)',
        code: 'monitoring.breakdown_mismatch',
        params: { breakdownSum: 631, reported: 125, difference: -506 },
      },
    ]);
  });

  it('adds organisations’ counts and averages their percentages', () => {
    expect(combineValues(children, [10, 15])).toBe(25);
    expect(combineValues(stunting, [20, 30])).toBe(25);
  });
});
