import { ErrorCode, type Actor, type PublicReport } from '@mitra/contracts';
import { emptyPublications, publicIndex, publishedReport, publishReport, withdrawReport } from './publications';

const coordinator: Actor = { userId: 'koordinator', role: 'coordinator', organisationId: 'org-bappeda' };
const now = '2026-11-26T03:00:00.000Z';
const report = (year: number, partnershipName = 'Kemitraan Gizi'): PublicReport => ({
  partnershipId: '0123456789abcdef0123',
  partnershipName,
  year,
  sections: ['partners'],
  partners: [{ name: 'Bappelitbang Kota Bandung', sector: 'government_regency', role: 'lead' }],
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: ErrorCode }).code;
  }
  return undefined;
};

describe('publishing and withdrawing annual reports', () => {
  const empty = emptyPublications('0123456789abcdef0123');

  it('records who published which year and sections when, and shows the snapshot to the public', () => {
    const { record, result } = publishReport(empty, report(2025), { actor: coordinator, now });
    expect(result).toMatchObject({ year: 2025, status: 'published', publishedAt: now, publishedBy: 'koordinator' });
    expect(record.decisions).toEqual([{ kind: 'published', year: 2025, sections: ['partners'], at: now, by: 'koordinator' }]);
    expect(publishedReport(record, 2025)).toEqual({ ...report(2025), publishedAt: now });
    expect(publishedReport(record, 2024)).toBeUndefined();
  });

  it('replaces a year on republication, keeping both decisions', () => {
    const first = publishReport(empty, report(2026, 'Nama Lama'), { actor: coordinator, now: '2026-06-01T00:00:00.000Z' }).record;
    const { record } = publishReport(first, report(2026, 'Nama Baru'), { actor: coordinator, now });
    expect(record.publications).toHaveLength(1);
    expect(publishedReport(record, 2026)?.partnershipName).toBe('Nama Baru');
    expect(record.decisions.map((d) => d.kind)).toEqual(['published', 'published']);
  });

  it('takes a withdrawn year off the public page and records why', () => {
    let { record } = publishReport(empty, report(2025), { actor: coordinator, now });
    record = publishReport(record, report(2026), { actor: coordinator, now }).record;
    const withdrawn = withdrawReport(record, 2025, 'Data pendanaan perlu dikoreksi', { actor: coordinator, now });
    expect(withdrawn.result).toMatchObject({ status: 'withdrawn', withdrawnBy: 'koordinator', withdrawalReason: 'Data pendanaan perlu dikoreksi' });
    expect(publishedReport(withdrawn.record, 2025)).toBeUndefined();
    expect(publicIndex(withdrawn.record)?.reports.map((r) => r.year)).toEqual([2026]);
    expect(withdrawn.record.decisions.at(-1)).toEqual({ kind: 'withdrawn', year: 2025, reason: 'Data pendanaan perlu dikoreksi', at: now, by: 'koordinator' });
    expect(publicIndex(withdrawReport(withdrawn.record, 2026, 'Data pendanaan perlu dikoreksi', { actor: coordinator, now }).record)).toBeUndefined();
  });

  it('lists the published years newest first under the latest name', () => {
    let { record } = publishReport(empty, report(2025, 'Nama Lama'), { actor: coordinator, now });
    record = publishReport(record, report(2026, 'Nama Baru'), { actor: coordinator, now }).record;
    expect(publicIndex(record)).toEqual({
      partnershipId: '0123456789abcdef0123',
      partnershipName: 'Nama Baru',
      reports: [
        { year: 2026, sections: ['partners'], publishedAt: now },
        { year: 2025, sections: ['partners'], publishedAt: now },
      ],
    });
    expect(publicIndex(empty)).toBeUndefined();
  });

  it('lets only coordinators and admins decide', () => {
    for (const actor of [
      { userId: 'wakil', role: 'partner', organisationId: 'org-pt' },
      { userId: 'auditor', role: 'auditor' },
    ] as Actor[]) {
      expect(codeOf(() => publishReport(empty, report(2025), { actor, now }))).toBe(ErrorCode.Forbidden);
    }
    const { record } = publishReport(empty, report(2025), { actor: { userId: 'admin', role: 'admin' }, now });
    expect(codeOf(() => withdrawReport(record, 2025, 'Alasan yang cukup panjang', { actor: { userId: 'auditor', role: 'auditor' }, now }))).toBe(ErrorCode.Forbidden);
  });

  it('refuses a year still to come (in Jakarta), an unknown year to withdraw and a second withdrawal', () => {
    // 31 December 2026, 18:00 UTC is already 1 January 2027 in Jakarta.
    expect(publishReport(empty, report(2027), { actor: coordinator, now: '2026-12-31T18:00:00.000Z' }).result.year).toBe(2027);
    expect(codeOf(() => publishReport(empty, report(2027), { actor: coordinator, now }))).toBe(ErrorCode.ValidationFailed);
    expect(codeOf(() => withdrawReport(empty, 2025, 'Alasan yang cukup panjang', { actor: coordinator, now }))).toBe(ErrorCode.NotFound);
    const { record } = withdrawReport(publishReport(empty, report(2025), { actor: coordinator, now }).record, 2025, 'Alasan yang cukup panjang', { actor: coordinator, now });
    expect(codeOf(() => withdrawReport(record, 2025, 'Alasan yang cukup panjang', { actor: coordinator, now }))).toBe(ErrorCode.Conflict);
  });
});
