import { ErrorCode } from './error-code';
import { MitraError } from './mitra-error';

describe('MitraError', () => {
  it('carries a refusal code and its parameters across a transport', () => {
    const refused = MitraError.refused(
      ErrorCode.Conflict,
      'funding.request_exceeds_fund',
      { available: 5_000_000 },
      'The request exceeds what the fund holds (Rp 5.000.000 available).',
    );
    const body = refused.toBody();
    expect(body).toEqual({
      code: 'CONFLICT',
      message: 'The request exceeds what the fund holds (Rp 5.000.000 available).',
      refusal: { code: 'funding.request_exceeds_fund', params: { available: 5_000_000 } },
    });
    expect(MitraError.fromBody(JSON.parse(JSON.stringify(body))).refusal).toEqual(body.refusal);
  });

  it('leaves out what an error does not have', () => {
    expect(MitraError.notFound('The plan').toBody()).toEqual({
      code: 'NOT_FOUND',
      message: 'The plan was not found.',
    });
  });
});
