import { buildVersion } from '@mitra/domain';
import type { AgreementFields } from '@mitra/contracts';
import { extractPdfText } from '@mitra/platform/pdf';
import { renderAgreementPdf } from './agreement-pdf';

const fields: AgreementFields = {
  title: 'Pencegahan Stunting di Kabupaten Tanah Bumbu',
  place: 'Batulicin',
  parties: [
    {
      organisationId: '64c000000000000000000001',
      name: 'Pemerintah Kabupaten Tanah Bumbu',
      sector: 'government_regency',
      role: 'lead',
      representative: { userId: 'bupati', name: 'Ibu Kepala Dinas', title: 'Kepala Dinas Kesehatan' },
      responsibilities: ['Menyediakan data sasaran per desa'],
      contributions: [{ kind: 'funds', description: 'APBD untuk posyandu', amountIdr: 500_000_000 }],
    },
    {
      organisationId: '64c000000000000000000002',
      name: 'Yayasan Gizi Anak Nusantara – “Gizi Baik”',
      sector: 'cso',
      role: 'partner',
      representative: { userId: 'ketua-yayasan', name: 'Bapak Ketua', title: 'Ketua' },
      responsibilities: ['Mendampingi kader posyandu'],
      contributions: [],
    },
  ],
  background: 'Angka stunting masih tinggi di beberapa desa. ✓ Data per desa tersedia.',
  purpose: 'Menurunkan prevalensi stunting.',
  scope: ['Pendampingan kader', 'Pemantauan gizi'],
  sdgTargets: ['2.2'],
  governance: { body: 'Tim Percepatan Penurunan Stunting', decisionRule: 'consensus', meetingFrequency: 'quarterly' },
  communication: 'Rapat triwulanan.',
  funding: { mechanism: 'separate' },
  reporting: { frequency: 'quarterly' },
  startDate: '2026-01-01',
  durationMonths: 24,
};

const version = buildVersion({
  agreementId: '64d000000000000000000001',
  partnershipId: 'p-9',
  kind: 'mou',
  number: 3,
  fields,
  basedOn: 2,
  amendment: null,
  createdAt: '2026-05-01T03:00:00.000Z',
  createdBy: 'coord-1',
});

describe('agreement PDF', () => {
  it('opens as a PDF whose pages and metadata carry the content hash, with a signature page', async () => {
    const bytes = await renderAgreementPdf(
      version,
      [
        {
          party: { organisationId: '1', organisationName: 'Pemerintah Kabupaten Tanah Bumbu', signatoryName: 'Ibu Kepala Dinas', signatoryTitle: 'Kepala Dinas Kesehatan' },
          signature: { signedAt: '2026-05-02T03:15:00.000Z', keyId: 'ab'.repeat(32), signedVersion: 3, valid: true, contentHash: version.contentHash },
        },
        {
          party: { organisationId: '2', organisationName: 'Yayasan Gizi Anak Nusantara', signatoryName: 'Bapak Ketua', signatoryTitle: 'Ketua' },
        },
      ],
      'id',
    );

    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const { pages, subject, keywords } = await extractPdfText(bytes);
    const last = pages[pages.length - 1];

    expect(subject).toBe(`SHA-256 ${version.contentHash}`);
    expect(keywords).toContain(version.contentHash);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(page).toContain(version.contentHash);
    expect(pages[0]).toContain('NOTA KESEPAHAMAN TENTANG PENCEGAHAN STUNTING DI\nKABUPATEN TANAH BUMBU');
    expect(pages.join('\n')).toContain('Tata Kelola dan Pengambilan Keputusan');
    expect(last).toContain('HALAMAN TANDA TANGAN');
    expect(last).toContain('Ditandatangani: 2 Mei 2026 pukul 10.15.00 WIB');
    expect(last).toContain(`Sidik jari kunci: ${'abab '.repeat(15)}abab`);
    expect(last).toContain('Belum ditandatangani');
  });

  it('renders the English text and characters the standard font lacks as ?', async () => {
    const { pages } = await extractPdfText(await renderAgreementPdf(version, [], 'en'));
    const all = pages.join('\n');
    expect(all).toContain('MEMORANDUM OF UNDERSTANDING ON PENCEGAHAN STUNTING');
    expect(all).toContain('? Data per desa tersedia.');
    expect(all).toContain('Signature Page'.toUpperCase());
  });
});
