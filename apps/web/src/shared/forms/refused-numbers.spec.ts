import { refusedNumberErrors, refusedNumberPaths } from './refused-numbers';

describe('refused numbers in form values', () => {
  it('names the path of every NaN, in lists and nested objects, and nothing else', () => {
    const values = {
      name: 'Kemitraan',
      settings: { remindAfterDays: Number.NaN, escalateAfterDays: 7, approvalDueDays: '' },
      entries: [
        { interest: 3, influence: Number.NaN },
        { interest: Number.NaN, influence: 2 },
      ],
    };
    expect(refusedNumberPaths(values)).toEqual([
      'settings.remindAfterDays',
      'entries.0.influence',
      'entries.1.interest',
    ]);
    expect(refusedNumberErrors({ amount: Number.NaN }, 'Periksa angka ini.')).toEqual({
      amount: 'Periksa angka ini.',
    });
  });

  it('finds nothing in a form without refused numbers', () => {
    expect(refusedNumberPaths({ a: 0, b: -3, c: [1.5], d: null, e: undefined })).toEqual([]);
  });
});
