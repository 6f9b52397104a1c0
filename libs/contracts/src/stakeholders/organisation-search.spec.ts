import { parseContract } from '../common/validation';
import { ErrorCode } from '../errors/error-code';
import { duplicateSearchParamsSchema, organisationSearchParamsSchema } from './organisation-search';
import { organisationInputSchema } from './organisation';

describe('the organisation search query string', () => {
  it('turns query parameters into a filter, a page size and a cursor', () => {
    expect(
      parseContract(organisationSearchParamsSchema, {
        name: ' forum ',
        sector: ['business', 'cso,community'],
        province: 'Jawa Barat',
        regency: 'Kota Bandung',
        resources: 'funds,network,funds',
        vulnerableGroups: 'women',
        limit: '50',
        cursor: 'abc_-1',
      }),
    ).toEqual({
      filter: {
        name: 'forum',
        sectors: ['business', 'cso', 'community'],
        region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
        resources: ['funds', 'network'],
        vulnerableGroups: ['women'],
      },
      limit: 50,
      cursor: 'abc_-1',
    });
  });

  it('gives an empty filter for no parameters', () => {
    expect(parseContract(organisationSearchParamsSchema, {})).toEqual({ filter: {} });
  });

  it('names every bad parameter, including ones that are not search parameters', () => {
    const attempt = () =>
      parseContract(organisationSearchParamsSchema, { sector: 'bank', limit: '101', 'name[$ne]': 'x', cursor: '{"$gt":""}', resources: 'gold' });
    expect(attempt).toThrow(
      expect.objectContaining({
        code: ErrorCode.ValidationFailed,
        errors: expect.arrayContaining([
          expect.objectContaining({ field: 'sector.0' }),
          expect.objectContaining({ field: 'limit', reason: 'must be at most 100' }),
          expect.objectContaining({ field: 'name[$ne]', reason: 'is not an allowed field' }),
          expect.objectContaining({ field: 'cursor', reason: 'must be a cursor returned by a previous page' }),
          expect.objectContaining({ field: 'resources.0' }),
        ]),
      }),
    );
  });

  it('refuses a parameter given as an object, as an extended query parser would build it', () => {
    expect(() => parseContract(organisationSearchParamsSchema, { name: { $ne: null } })).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ field: 'name' })] }),
    );
  });

  it('reads the duplicate report switches', () => {
    expect(parseContract(duplicateSearchParamsSchema, { onlyUnacknowledged: 'true', page: '2' })).toEqual({ onlyUnacknowledged: true, page: 2 });
    expect(() => parseContract(duplicateSearchParamsSchema, { onlyUnacknowledged: 'yes' })).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'onlyUnacknowledged', reason: 'must be true or false' })] }));
  });
});

describe('the organisation record', () => {
  it('needs the regency for a district and the district for a village', () => {
    expect(() => parseContract(organisationInputSchema, { name: 'LPM', sector: 'community', region: { province: 'Jawa Barat', district: 'Coblong', village: 'Dago' } })).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ field: 'region.regency', reason: 'is required when a district is given' })] }),
    );
  });

  it('refuses a resource kind or a vulnerable group named twice', () => {
    expect(() =>
      parseContract(organisationInputSchema, {
        name: 'LPM',
        sector: 'community',
        region: { province: 'Jawa Barat' },
        resources: [{ kind: 'funds' }, { kind: 'funds', note: 'lagi' }],
        vulnerableGroups: ['poor', 'poor'],
      }),
    ).toThrow(
      expect.objectContaining({
        errors: [
          expect.objectContaining({ field: 'resources.1', reason: 'names a resource kind twice' }),
          expect.objectContaining({ field: 'vulnerableGroups.1', reason: 'names a group twice' }),
        ],
      }),
    );
  });

  it('fills in empty contacts, resources and groups', () => {
    expect(parseContract(organisationInputSchema, { name: 'LPM Dago', sector: 'community', region: { province: 'Jawa Barat' } })).toEqual({
      name: 'LPM Dago',
      sector: 'community',
      region: { province: 'Jawa Barat' },
      contacts: [],
      resources: [],
      vulnerableGroups: [],
    });
  });
});
