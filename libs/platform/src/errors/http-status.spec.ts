import { ErrorCode } from '@mitra/contracts';
import { errorCodeOfStatus, httpStatusOf } from './http-status';

describe('httpStatusOf', () => {
  it('tells a request that was not delivered (503) from one whose outcome is unknown (504)', () => {
    expect(httpStatusOf(ErrorCode.ServiceUnavailable)).toBe(503);
    expect(httpStatusOf(ErrorCode.OutcomeUnknown)).toBe(504);
    expect(errorCodeOfStatus(504)).toBe(ErrorCode.OutcomeUnknown);
  });
});
