import { api, ApiError } from '#shared/api';
import { fetchOrganisation } from './organisation-names';

describe('fetchOrganisation', () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers null for an id the registry does not know, so the screen says so and does not ask again', async () => {
    jest
      .spyOn(api, 'get')
      .mockRejectedValue(new ApiError(404, 'NOT_FOUND', 'The organisation was not found.'));
    await expect(fetchOrganisation('0123456789abcdef01234567')).resolves.toBeNull();
  });

  it('answers null without asking for an id no registry record can have', async () => {
    const get = jest.spyOn(api, 'get');
    await expect(fetchOrganisation('org-posyandu')).resolves.toBeNull();
    expect(get).not.toHaveBeenCalled();
  });

  it('lets any other failure through, to be retried later', async () => {
    const unavailable = new ApiError(503, 'SERVICE_UNAVAILABLE', 'Stakeholders is not available.');
    jest.spyOn(api, 'get').mockRejectedValue(unavailable);
    await expect(fetchOrganisation('0123456789abcdef01234567')).rejects.toBe(unavailable);
  });
});
