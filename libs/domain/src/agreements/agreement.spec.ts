import { ErrorCode } from '@mitra/contracts';
import { createAgreement, reviseAgreement, type AgreementState } from './agreement';
import { AgreementException, AgreementExceptionCode } from './agreement-exception';
import { admin, auditor, coordinator, fields, orgIds, party, partnerOf } from './agreement.fixtures';
import { assertMayEnrolKey, assertMayRead, assertMayRevokeKey } from './authorisation';
import { contentHashOf } from './content-hash';
import { diffVersions } from './version-diff';

const now = '2026-06-01T00:00:00.000Z';
const draft = (): AgreementState =>
  createAgreement({ id: '64b000000000000000000002', kind: 'mou', partnershipId: 'p-1', fields: fields() }, { actor: coordinator, now });

function refusal(action: () => unknown): AgreementException {
  try {
    action();
  } catch (error) {
    if (error instanceof AgreementException) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('drafts and versions', () => {
  it('starts with version 1, rendered from the fields and hashed over its canonical form', () => {
    const state = draft();
    const [version] = state.versions;

    expect(version).toMatchObject({ number: 1, basedOn: null, createdBy: 'coord-1' });
    expect(version.content).toMatchObject({ format: 'mitra.agreement/1', versionNumber: 1, templateId: 'mou/1', agreementId: state.id });
    expect(version.content.text.id.title).toBe('Nota Kesepahaman tentang Akses Air Bersih di Kota Bandung');
    expect(version.contentHash).toBe(contentHashOf(version.content));
  });

  it('makes a new numbered version for a change and leaves the earlier one as it was', () => {
    const state = draft();
    const before = JSON.stringify(state.versions[0]);
    const revised = reviseAgreement(state, { baseVersion: 1, fields: fields({ durationMonths: 24 }) }, { actor: coordinator, now }).state;

    expect(revised.versions.map((v) => [v.number, v.basedOn])).toEqual([
      [1, null],
      [2, 1],
    ]);
    expect(JSON.stringify(revised.versions[0])).toBe(before);
    expect(revised.versions[1].contentHash).not.toBe(revised.versions[0].contentHash);
  });

  it('refuses a revision from a stale version, or one that changes nothing', () => {
    const v2 = reviseAgreement(draft(), { baseVersion: 1, fields: fields({ place: 'Cimahi' }) }, { actor: coordinator, now }).state;

    expect(refusal(() => reviseAgreement(v2, { baseVersion: 1, fields: fields({ place: 'Garut' }) }, { actor: coordinator, now })).reason).toBe(
      AgreementExceptionCode.StaleBaseVersion,
    );
    expect(refusal(() => reviseAgreement(v2, { baseVersion: 2, fields: fields({ place: 'Cimahi' }) }, { actor: coordinator, now })).reason).toBe(AgreementExceptionCode.NoChange);
  });

  it('lets a partner change its own entry only, and an auditor nothing', () => {
    const state = draft();
    const own = fields({ parties: [party('bappeda'), party('yayasan', { responsibilities: ['Mendampingi warga'] }), party('company')] });
    const others = fields({ parties: [party('bappeda', { role: 'partner' }), party('yayasan'), party('company')] });

    expect(reviseAgreement(state, { baseVersion: 1, fields: own }, { actor: partnerOf('yayasan'), now }).result).toEqual({ versionNumber: 2 });
    expect(refusal(() => reviseAgreement(state, { baseVersion: 1, fields: others }, { actor: partnerOf('yayasan'), now })).reason).toBe(
      AgreementExceptionCode.PartnerEditsOtherParty,
    );
    expect(refusal(() => reviseAgreement(state, { baseVersion: 1, fields: fields({ place: 'Cimahi' }) }, { actor: partnerOf('yayasan'), now })).code).toBe(ErrorCode.Forbidden);
    expect(refusal(() => reviseAgreement(state, { baseVersion: 1, fields: own }, { actor: auditor, now })).code).toBe(ErrorCode.Forbidden);
    // A partner of an organisation that is no party does not learn the agreement exists.
    expect(refusal(() => reviseAgreement(state, { baseVersion: 1, fields: own }, { actor: partnerOf('university'), now })).code).toBe(ErrorCode.NotFound);
  });

  it('lets only admins and coordinators draft', () => {
    for (const actor of [partnerOf('yayasan'), auditor]) {
      expect(refusal(() => createAgreement({ id: 'x', kind: 'pks', partnershipId: 'p', fields: fields() }, { actor, now })).code).toBe(ErrorCode.Forbidden);
    }
    expect(createAgreement({ id: 'x', kind: 'pks', partnershipId: 'p', fields: fields() }, { actor: admin, now }).versions).toHaveLength(1);
  });
});

describe('reading and key enrolment rules', () => {
  it("hides an agreement from a partner whose organisation is no party, and shows it to everyone else", () => {
    expect(() => assertMayRead(partnerOf('yayasan'), [orgIds.yayasan])).not.toThrow();
    expect(refusal(() => assertMayRead(partnerOf('university'), [orgIds.yayasan])).code).toBe(ErrorCode.NotFound);
    for (const actor of [admin, coordinator, auditor]) expect(() => assertMayRead(actor, [])).not.toThrow();
  });

  it('lets a signer enrol a key for itself, an admin for a signer, and an auditor never', () => {
    expect(() => assertMayEnrolKey(partnerOf('yayasan'), { userId: 'yayasan-signer', organisationId: orgIds.yayasan })).not.toThrow();
    expect(refusal(() => assertMayEnrolKey(partnerOf('yayasan'), { userId: 'company-signer', organisationId: orgIds.company })).code).toBe(ErrorCode.Forbidden);
    expect(() => assertMayEnrolKey(admin, { userId: 'company-signer', organisationId: orgIds.company })).not.toThrow();
    expect(refusal(() => assertMayEnrolKey(auditor, { userId: 'audit-1', organisationId: orgIds.company })).code).toBe(ErrorCode.Forbidden);
  });
  it("lets a key's owner or an admin revoke it, and neither another signer nor an auditor", () => {
    const key = { userId: 'yayasan-signer', organisationId: orgIds.yayasan };
    expect(() => assertMayRevokeKey(partnerOf('yayasan'), key)).not.toThrow();
    expect(() => assertMayRevokeKey(admin, key)).not.toThrow();
    expect(refusal(() => assertMayRevokeKey(partnerOf('company'), key))).toMatchObject({ code: ErrorCode.Forbidden, reason: AgreementExceptionCode.KeyNotSignatorys });
    expect(refusal(() => assertMayRevokeKey(coordinator, key)).code).toBe(ErrorCode.Forbidden);
    expect(refusal(() => assertMayRevokeKey({ ...auditor, userId: 'yayasan-signer', organisationId: orgIds.yayasan }, key)).reason).toBe(AgreementExceptionCode.RoleMayNotDoThis);
  });
});

describe('diff between versions', () => {
  it('shows clause by clause which lines were added and removed', () => {
    const v1 = draft();
    const v2 = reviseAgreement(
      v1,
      { baseVersion: 1, fields: fields({ scope: ['Pemetaan kebutuhan air bersih', 'Pelatihan pengelola sarana air'], durationMonths: 24 }) },
      { actor: coordinator, now },
    ).state;
    const diff = diffVersions(v2.versions[0].content, v2.versions[1].content, 'id');
    const byKey = Object.fromEntries(diff.clauses.map((clause) => [clause.key, clause]));

    expect(diff).toMatchObject({ from: 1, to: 2, language: 'id', opening: [{ op: 'unchanged' }] });
    expect(byKey.scope.status).toBe('changed');
    expect(byKey.scope.lines).toEqual([
      { op: 'unchanged', line: 'Ruang lingkup Nota Kesepahaman ini meliputi:' },
      { op: 'unchanged', line: 'a. Pemetaan kebutuhan air bersih' },
      { op: 'removed', line: 'b. Pembangunan sarana air bersih' },
      { op: 'added', line: 'b. Pelatihan pengelola sarana air' },
    ]);
    expect(byKey.duration_amendment_termination.lines.filter((l) => l.op !== 'unchanged').map((l) => l.op)).toEqual(['removed', 'added']);
    expect(diff.clauses.filter((clause) => clause.status === 'changed').map((clause) => clause.key)).toEqual(['scope', 'duration_amendment_termination']);
  });

  it('diffs the English rendering too, and finds nothing between a version and itself', () => {
    const v1 = draft();
    const en = diffVersions(v1.versions[0].content, v1.versions[0].content, 'en');
    expect(en.clauses.every((clause) => clause.status === 'unchanged')).toBe(true);
    expect(en.title).toEqual({ from: 'Memorandum of Understanding on Akses Air Bersih di Kota Bandung', to: 'Memorandum of Understanding on Akses Air Bersih di Kota Bandung' });
  });
});
