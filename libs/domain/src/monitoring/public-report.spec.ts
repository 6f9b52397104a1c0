import { publicReportSchema, publicSections, type MonitoringPlan, type Partner, type PartnershipIndicator, type ProgressReport } from '@mitra/contracts';
import { approveDisbursement, payDisbursement, recordExpenditure, requestDisbursement } from '../funding/funding-rules';
import { coordinator, ctx, fundedCommonFund, org, partnerOf, record, secondCoordinator } from '../funding/funding.fixtures';
import { publicReportOf, type PublicReportSources } from './public-report';

const indicator = (overrides: Partial<PartnershipIndicator> = {}): PartnershipIndicator => ({
  id: 'i1',
  name: 'Prevalensi stunting balita',
  sdg: { kind: 'indicator', code: '2.2.1' },
  unit: '%',
  direction: 'lower_is_better',
  accumulation: 'per_period',
  targets: [{ periodNumber: 2, value: 25 }, { periodNumber: 5, value: 20 }],
  disaggregations: [],
  baseline: { value: 30, date: '2025-12-31', fixedAt: '2026-01-02T00:00:00.000Z', fixedBy: 'user-koordinator' },
  definedAt: '2026-01-01T00:00:00.000Z',
  definedBy: 'user-koordinator',
  ...overrides,
});
/** One organisation's report of a period: a value per indicator, `[stunting, sanitation]`. */
const report = (periodNumber: number, [stunting, sanitation]: [number, number?], status: ProgressReport['status']): ProgressReport => ({
  id: `r-${periodNumber}-${status}`,
  periodNumber,
  organisationId: org.rw,
  revision: 1,
  status,
  values: [{ indicatorId: 'i1', value: stunting, breakdown: [] }, ...(sanitation === undefined ? [] : [{ indicatorId: 'i2', value: sanitation, breakdown: [] }])],
  narrative: 'RAHASIA: data posyandu RW 07 belum diverifikasi',
  evidenceLinks: ['https://internal.example.org/bukti-rahasia.pdf'],
  submittedAt: '2026-04-02T00:00:00.000Z',
  submittedBy: 'user-wakil-rw',
});

/** Quarterly from 2026: periods 1–4 end in 2026, period 5 in 2027. */
const plan: MonitoringPlan = {
  partnershipId: '0123456789abcdef0123',
  schedule: { startsOn: '2026-01-01', periodMonths: 3, graceDays: 30 },
  sdgTargets: ['2.2', '6.2'],
  indicators: [
    indicator(),
    indicator({ id: 'i2', name: 'Keluarga dengan jamban sehat', sdg: { kind: 'target', code: '6.2' }, unit: 'keluarga', direction: 'higher_is_better', accumulation: 'cumulative', targets: [{ periodNumber: 2, value: 400 }], baseline: { value: 0, date: '2025-12-31', fixedAt: '', fixedBy: '' } }),
  ],
  reports: [
    report(1, [29, 100], 'approved'),
    report(2, [27.5, 150], 'approved'),
    report(3, [987_654, 444_444], 'submitted'),
    report(4, [555_555], 'returned'),
    report(5, [21], 'approved'),
  ],
};

/** A common fund: PT Rp 60 juta and the donor Rp 40 juta received in 2026; Rp 50 juta paid, Rp 20 juta spent in 2026 and Rp 10 juta in 2027. */
function ledger() {
  const state = fundedCommonFund([
    [org.company, 60_000_000],
    [org.donor, 40_000_000],
  ]);
  const requested = record(state, requestDisbursement(state, { lineId: 'L1', amount: 50_000_000, purpose: 'Kelas gizi', receivingOrganisationId: org.vendor }, ctx(partnerOf(org.cso))));
  record(state, approveDisbursement(state, requested.sequence, {}, ctx(coordinator)));
  record(state, approveDisbursement(state, requested.sequence, {}, ctx(secondCoordinator)));
  const paid = record(state, payDisbursement(state, requested.sequence, { paidOn: '2026-03-01', reference: 'SP2D-1' }, ctx(coordinator)));
  const evidence = { reference: 'Kuitansi 017/2026', description: 'Honor kader RAHASIA' };
  record(state, recordExpenditure(state, { payment: paid.sequence, amount: 20_000_000, spentOn: '2026-03-10', receivingOrganisationId: org.rw, evidence }, ctx(coordinator)));
  record(state, recordExpenditure(state, { payment: paid.sequence, amount: 10_000_000, spentOn: '2027-01-05', receivingOrganisationId: org.rw, evidence }, ctx(coordinator)));
  return state.entries;
}

const partners: Partner[] = [
  { organisationId: org.city, role: 'lead', joinedAt: '2025-06-01T00:00:00.000Z' },
  { organisationId: org.company, role: 'supporter', joinedAt: '2026-02-01T00:00:00.000Z' },
  // Left before 2026 began (in Jakarta): not a partner of the 2026 report.
  { organisationId: org.donor, role: 'partner', joinedAt: '2025-01-01T00:00:00.000Z', withdrawnAt: '2025-12-31T16:59:00.000Z' },
  // Joined in 2027: not a partner of 2026 either.
  { organisationId: org.cso, role: 'partner', joinedAt: '2026-12-31T17:00:00.000Z' },
];

const sources: PublicReportSources = {
  partnershipId: '0123456789abcdef0123',
  partnershipName: 'Kemitraan Gizi Cibangkong',
  year: 2026,
  mou: { title: 'Nota Kesepahaman Gizi', versionNumber: 2, effectiveSince: '2026-02-03T04:00:00.000Z', governance: { body: 'Sekretariat Bersama KMP', decisionRule: 'consensus', meetingFrequency: 'monthly' } },
  partners,
  organisations: new Map([
    [org.city, { name: 'Bappelitbang Kota Bandung', sector: 'government_regency' as const }],
    [org.company, { name: 'PT Susu Sehat', sector: 'business' as const }],
    [org.donor, { name: 'Donor Internasional', sector: 'international_donor' as const }],
  ]),
  ledger: ledger(),
  plan,
};

describe('publicReportOf: the annual report as published', () => {
  it('holds exactly the chosen sections and nothing of the others', () => {
    const report = publicReportOf(sources, ['partners', 'indicators']);
    expect(Object.keys(report).sort()).toEqual(['indicators', 'partners', 'partnershipId', 'partnershipName', 'sections', 'year']);
    expect(report.sections).toEqual(['partners', 'indicators']);
    const text = JSON.stringify(report);
    for (const unpublished of ['Sekretariat Bersama KMP', 'Nota Kesepahaman', '60000000', '20000000', 'SP2D']) expect(text).not.toContain(unpublished);
    expect(publicReportSchema.safeParse(report).success).toBe(true);
  });

  it('needs only the sources of the chosen sections', () => {
    const { partnershipId, partnershipName, year, mou } = sources;
    expect(publicReportOf({ partnershipId, partnershipName, year, mou }, ['governance'])).toEqual({
      partnershipId,
      partnershipName,
      year,
      sections: ['governance'],
      governance: { mouTitle: 'Nota Kesepahaman Gizi', versionNumber: 2, effectiveSince: '2026-02-03T04:00:00.000Z', body: 'Sekretariat Bersama KMP', decisionRule: 'consensus', meetingFrequency: 'monthly' },
    });
    expect(() => publicReportOf({ partnershipId, partnershipName, year }, ['funding'])).toThrow('The funding section needs ledger');
  });

  it('publishes no governance when no MoU is in force', () => {
    expect(publicReportOf({ ...sources, mou: null }, ['governance']).governance).toBeNull();
  });

  it('never carries narratives, evidence, user ids or values not approved, whatever is chosen', () => {
    const report = publicReportOf(sources, publicSections);
    expect(publicReportSchema.safeParse(report).success).toBe(true);
    const text = JSON.stringify(report);
    for (const secret of ['RAHASIA', 'internal.example.org', 'user-', '987654', '444444', '555555', 'Kuitansi', org.city, org.company]) expect(text).not.toContain(secret);
  });

  it('lists the partners that took part in the year, by name, sector and role', () => {
    expect(publicReportOf(sources, ['partners']).partners).toEqual([
      { name: 'Bappelitbang Kota Bandung', sector: 'government_regency', role: 'lead' },
      { name: 'PT Susu Sehat', sector: 'business', role: 'supporter' },
    ]);
  });

  it("gives the year's money, each partner's received and spent traced to its own receipts", () => {
    expect(publicReportOf(sources, ['funding']).funding).toEqual({
      planned: 150_000_000,
      committed: 100_000_000,
      received: 100_000_000,
      disbursed: 50_000_000,
      spent: 20_000_000,
      byPartner: [
        { name: 'Donor Internasional', received: 40_000_000, spent: 0 },
        { name: 'PT Susu Sehat', received: 60_000_000, spent: 20_000_000 },
      ],
    });
    expect(publicReportOf({ ...sources, year: 2027 }, ['funding']).funding).toMatchObject({ received: 0, spent: 10_000_000, byPartner: [{ name: 'PT Susu Sehat', received: 0, spent: 10_000_000 }] });
  });

  it("measures each indicator over the periods ending in the year, from approved reports only, against baseline and targets", () => {
    const [stunting, sanitation] = publicReportOf(sources, ['indicators']).indicators!;
    expect(stunting).toEqual({
      name: 'Prevalensi stunting balita',
      sdg: { kind: 'indicator', code: '2.2.1' },
      unit: '%',
      direction: 'lower_is_better',
      accumulation: 'per_period',
      baseline: { value: 30, date: '2025-12-31' },
      periods: [
        { periodNumber: 1, start: '2026-01-01', end: '2026-03-31', value: 29, target: null },
        { periodNumber: 2, start: '2026-04-01', end: '2026-06-30', value: 27.5, target: 25 },
        { periodNumber: 3, start: '2026-07-01', end: '2026-09-30', value: null, target: 25 },
        { periodNumber: 4, start: '2026-10-01', end: '2026-12-31', value: null, target: 25 },
      ],
      // Period 5 (2027) was approved too, but the 2026 report stops at the year's end.
      current: 27.5,
      target: 25,
      progress: 0.5,
    });
    // Cumulative: the total so far at each period with an approved report; the submitted value does not count.
    expect(sanitation.periods.map((period) => [period.value, period.target])).toEqual([[100, null], [250, 400], [null, 400], [null, 400]]);
    expect(sanitation).toMatchObject({ current: 250, target: 400, progress: 0.625 });
  });

  it('has no periods to show without a reporting schedule', () => {
    const [stunting] = publicReportOf({ ...sources, plan: { ...plan, schedule: undefined } }, ['indicators']).indicators!;
    expect(stunting).toMatchObject({ periods: [], current: null, target: null, progress: null });
  });
});
