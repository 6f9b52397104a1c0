import { ApiError } from '#shared/api';
import { describeError } from './describe-error';

describe('describeError', () => {
  it('keeps the reason of a refused decision', () => {
    const refused = new ApiError(409, 'CONFLICT', 'The gate is not ready (tasks not done: 1.2).');
    expect(describeError(refused)).toEqual({
      code: 'CONFLICT',
      detail: 'The gate is not ready (tasks not done: 1.2).',
    });
  });

  it('says only the code where the message adds nothing for the user', () => {
    expect(describeError(new ApiError(503, 'SERVICE_UNAVAILABLE', 'Temporal is not available'))).toEqual({
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(describeError(new ApiError(0, 'UNREACHABLE', 'Failed to fetch'))).toEqual({ code: 'UNREACHABLE' });
  });

  it('treats anything else as an internal error', () => {
    expect(describeError(new TypeError('x is undefined'))).toEqual({ code: 'INTERNAL' });
  });
});
