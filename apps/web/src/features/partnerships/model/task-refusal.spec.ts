import { apiErrorFrom } from '#shared/api';
import { unmetFactsRefused } from './task-refusal';

describe('unmetFactsRefused', () => {
  it("reads the preconditions a refused task waits for from the api's refusal code and parameters", () => {
    const error = apiErrorFrom(
      409,
      {
        code: 'CONFLICT',
        message: 'Task 2.4 is done once its fact holds; not yet: sdg-targets, baseline.',
        refusal: {
          code: 'lifecycle.task_fact_unmet',
          params: { taskId: '2.4', preconditions: ['sdg-targets', 'baseline'] },
        },
      },
      null,
    );
    expect(unmetFactsRefused(error)).toEqual(['sdg-targets', 'baseline']);
  });

  it('leaves any other refusal to the general error message', () => {
    expect(
      unmetFactsRefused(apiErrorFrom(409, { code: 'CONFLICT', message: 'The partnership is paused.' }, null)),
    ).toBeUndefined();
    expect(unmetFactsRefused(new Error('network'))).toBeUndefined();
  });
});
