import { claimsToSettle, organisationClaimKey, type ClaimRecord } from './organisation-claim';

const bandung = { province: 'Jawa Barat', regency: 'Kota Bandung' };

describe('organisation claim key', () => {
  it('is the same for every spelling duplicate detection treats as one organisation in one regency', () => {
    const key = organisationClaimKey({ name: 'PT. Bumi Hijau Tbk.', region: bandung });
    expect(organisationClaimKey({ name: 'bumi  HIJAU', region: { province: 'Provinsi Jawa Barat', regency: 'kota bandung' } })).toBe(key);
    expect(organisationClaimKey({ name: 'Hijau, Bumi', region: { ...bandung, district: 'Coblong', village: 'Dago' } })).toBe(key);
  });

  it('differs for a name that normalises differently, another regency or another province', () => {
    const key = organisationClaimKey({ name: 'Yayasan Kasih Ibu', region: bandung });
    expect(organisationClaimKey({ name: 'Yayasan Kasih Anak', region: bandung })).not.toBe(key);
    expect(organisationClaimKey({ name: 'Yayasan Kasih Ibu', region: { province: 'Jawa Barat', regency: 'Kabupaten Bandung' } })).not.toBe(key);
    expect(organisationClaimKey({ name: 'Yayasan Kasih Ibu', region: { province: 'Bali', regency: 'Kota Bandung' } })).not.toBe(key);
  });

  it('keeps a record without a regency apart from one with it: that look-alike is left to the duplicate report', () => {
    expect(organisationClaimKey({ name: 'Forum CSR', region: { province: 'Jawa Barat' } })).not.toBe(organisationClaimKey({ name: 'Forum CSR', region: bandung }));
  });

  it('cannot be forged by moving words between the name and the region', () => {
    expect(organisationClaimKey({ name: 'Forum CSR', region: { province: 'Jawa Barat', regency: 'Kota Bandung' } })).not.toBe(
      organisationClaimKey({ name: 'Forum CSR Kota', region: { province: 'Jawa Barat', regency: 'Bandung' } }),
    );
  });
});

describe('settling claims at start-up', () => {
  const id = (n: number) => n.toString(16).padStart(24, '0');
  const [a, b, c] = ['["a","p",""]', '["b","p",""]', '["c","p",""]'];

  it('gives records from before claims their key', () => {
    expect(claimsToSettle([{ id: id(1), key: a }, { id: id(2), key: b, claim: b }])).toEqual([{ id: id(1), take: a }]);
  });

  it('gives a key two old records share to the older one only, and leaves the other as it is', () => {
    expect(claimsToSettle([{ id: id(9), key: a }, { id: id(3), key: a }])).toEqual([{ id: id(3), take: a }]);
    expect(claimsToSettle([{ id: id(9), key: a }, { id: id(3), key: a, claim: a }])).toEqual([]);
  });

  it('moves a claim left on a name its holder no longer has, first, so that the record with that name can take it', () => {
    const records: ClaimRecord[] = [
      { id: id(1), key: b },
      { id: id(2), key: a, claim: b },
    ];
    expect(claimsToSettle(records)).toEqual([
      { id: id(2), take: a, release: b },
      { id: id(1), take: b },
    ]);
  });

  it('lets go of a stale claim whose record cannot have its own key', () => {
    expect(claimsToSettle([{ id: id(1), key: a, claim: a }, { id: id(2), key: a, claim: c }])).toEqual([{ id: id(2), release: c }]);
  });

  it('plans nothing once its steps are applied', () => {
    const records: ClaimRecord[] = [
      { id: id(4), key: a },
      { id: id(2), key: a },
      { id: id(3), key: b, claim: c },
      { id: id(1), key: c },
    ];
    const steps = claimsToSettle(records);
    const claims = new Map(records.map((record) => [record.id, record.claim ?? undefined]));
    for (const step of steps) {
      const holder = [...claims].find(([, claim]) => claim === step.take)?.[0];
      if (step.take && holder === undefined) claims.set(step.id, step.take);
      else if (step.release) claims.set(step.id, undefined);
    }
    const settled = records.map((record) => ({ ...record, claim: claims.get(record.id) }));
    expect(settled.map((record) => record.claim)).toEqual([undefined, a, b, c]);
    expect(claimsToSettle(settled)).toEqual([]);
  });
});
