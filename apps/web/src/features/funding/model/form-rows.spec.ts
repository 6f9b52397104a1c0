import { placeFieldErrors, withinBody } from './form-rows';

describe('placing the api’s field errors', () => {
  it('puts each under its input and keeps the rest apart, the first reason per input', () => {
    const toFormPath = (field: string) =>
      field === 'commitment.contribution.amount' || field === 'commitment.contribution'
        ? 'amount'
        : undefined;
    expect(
      placeFieldErrors(
        {
          'commitment.contribution.amount': 'must be more than 0',
          'commitment.contribution': 'other',
          'commitment.unknown': 'is odd',
        },
        toFormPath,
      ),
    ).toEqual({
      placed: { amount: 'must be more than 0' },
      unplaced: [{ field: 'commitment.unknown', reason: 'is odd' }],
    });
  });

  it('takes the body’s wrapper off a field, and only that wrapper', () => {
    expect(withinBody('plan.lines.0.amount', 'plan')).toBe('lines.0.amount');
    expect(withinBody('plan', 'plan')).toBe('');
    expect(withinBody('planned.x', 'plan')).toBeUndefined();
  });
});
