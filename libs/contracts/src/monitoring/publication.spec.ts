import { toFieldErrors } from '../common/validation';
import { previewQuerySchema, publicationYearSchema, publicReportSchema, publishCommandSchema, type PublicReport } from './publication';

const report: PublicReport = {
  partnershipId: '0123456789abcdef0123',
  partnershipName: 'Kemitraan Gizi',
  year: 2026,
  sections: ['partners'],
  partners: [{ name: 'Bappelitbang Kota Bandung', sector: 'government_regency', role: 'lead' }],
};
const command = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: 'publish-0001',
  actor: { userId: 'koordinator', role: 'coordinator' },
  partnershipId: report.partnershipId,
  year: 2026,
  sections: ['partners'],
  report,
  ...overrides,
});
const fields = (result: { error?: Parameters<typeof toFieldErrors>[0] }) => (result.error ? toFieldErrors(result.error).map((e) => e.field) : []);

describe('the publication contract', () => {
  it('stores a report only with exactly the sections chosen', () => {
    expect(publicReportSchema.safeParse(report).success).toBe(true);
    expect(fields(publicReportSchema.safeParse({ ...report, funding: { planned: 0, committed: 0, received: 1, disbursed: 0, spent: 0, byPartner: [] } }))).toEqual(['funding']);
    expect(fields(publicReportSchema.safeParse({ ...report, sections: ['partners', 'indicators'] }))).toEqual(['indicators']);
  });

  it('keeps anything but public figures out of a report', () => {
    expect(fields(publicReportSchema.safeParse({ ...report, partners: [{ ...report.partners![0], organisationId: '64f000000000000000000001' }] }))).toEqual(['partners.0.organisationId']);
    expect(fields(publicReportSchema.safeParse({ ...report, narrative: 'Catatan internal' }))).toEqual(['narrative']);
  });

  it('takes a publish command only with the report of its own partnership, year and sections', () => {
    expect(publishCommandSchema.safeParse(command()).success).toBe(true);
    expect(fields(publishCommandSchema.safeParse(command({ year: 2025 })))).toEqual(['report']);
    expect(fields(publishCommandSchema.safeParse(command({ sections: ['partners', 'funding'] })))).toEqual(['report']);
    expect(fields(publishCommandSchema.safeParse(command({ partnershipId: 'fedcba98765432100123' })))).toEqual(['report']);
  });

  it('reads the year and sections of a preview from the query string', () => {
    expect(previewQuerySchema.parse({ year: '2026', sections: 'governance,indicators' })).toEqual({ year: 2026, sections: ['governance', 'indicators'] });
    expect(fields(previewQuerySchema.safeParse({ year: '2026', sections: 'anggaran' }))).toEqual(['sections.0']);
    expect(fields(previewQuerySchema.safeParse({ year: 'tahun-lalu', sections: 'partners' }))).toEqual(['year']);
    expect(publicationYearSchema.safeParse('1999').success).toBe(false);
  });
});
