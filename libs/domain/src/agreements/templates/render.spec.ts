import { agreementKinds, clauseKeys, languages } from '@mitra/contracts';
import { fields, orgIds, party } from '../agreement.fixtures';
import { formatCalendarDate, formatRupiah, partyLabel, termEndDate } from './labels';
import { listTemplates, renderAgreement, renderAgreementText } from './render';

describe('agreement templates', () => {
  it('render every clause the issue names, in Bahasa Indonesia and English, for both kinds', () => {
    for (const kind of agreementKinds) {
      const text = renderAgreement(kind, fields());
      for (const language of languages) {
        expect(text[language].clauses.map((clause) => clause.key)).toEqual([...clauseKeys]);
        expect(text[language].clauses.map((clause) => clause.number)).toEqual(clauseKeys.map((_, index) => index + 1));
        for (const clause of text[language].clauses) expect(clause.lines.length).toBeGreaterThan(0);
        expect(JSON.stringify(text[language])).not.toMatch(/\{[a-zA-Z.:]+\}/);
      }
    }
  });

  it('titles an MoU as Nota Kesepahaman and a cooperation agreement as Perjanjian Kerja Sama', () => {
    expect(renderAgreementText('mou', fields(), 'id').title).toBe('Nota Kesepahaman tentang Akses Air Bersih di Kota Bandung');
    expect(renderAgreementText('mou', fields(), 'en').title).toBe('Memorandum of Understanding on Akses Air Bersih di Kota Bandung');
    expect(renderAgreementText('pks', fields(), 'id').title).toBe('Perjanjian Kerja Sama tentang Akses Air Bersih di Kota Bandung');
    expect(renderAgreementText('pks', fields(), 'en').title).toBe('Cooperation Agreement on Akses Air Bersih di Kota Bandung');
  });

  it('names each party with its label, sector and representative, and lists its responsibilities and contributions', () => {
    const withMoney = fields({
      parties: [
        party('bappeda', { address: 'Jl. Wastukancana No. 2, Bandung' }),
        party('company', { contributions: [{ kind: 'funds', description: 'Dana TJSL untuk sarana air', amountIdr: 250_000_000 }] }),
      ],
    });
    const id = renderAgreementText('mou', withMoney, 'id');
    const parties = id.clauses.find((clause) => clause.key === 'parties')!.lines;
    const roles = id.clauses.find((clause) => clause.key === 'roles_contributions')!.lines;

    expect(parties).toContain(
      '1. Bappeda Kota Bandung, pemerintah kabupaten/kota, beralamat di Jl. Wastukancana No. 2, Bandung, dalam hal ini diwakili oleh Wakil bappeda selaku Kepala, selanjutnya disebut PIHAK PERTAMA;',
    );
    expect(parties).toContain('PIHAK PERTAMA dan PIHAK KEDUA selanjutnya secara bersama-sama disebut "Para Pihak" dan masing-masing disebut "Pihak".');
    expect(roles).toEqual(
      expect.arrayContaining([
        'PIHAK PERTAMA (Bappeda Kota Bandung) berperan sebagai pemimpin kemitraan, dengan tanggung jawab:',
        'a. Tanggung jawab bappeda',
        'Kontribusi PIHAK KEDUA:',
        'a. Pendanaan: Dana TJSL untuk sarana air (Rp 250.000.000)',
      ]),
    );
    // The first party brings nothing listed, so it has no contributions heading.
    expect(roles).not.toContain('Kontribusi PIHAK PERTAMA:');
    expect(renderAgreementText('mou', withMoney, 'en').clauses[3].lines).toContain('a. Funds: Dana TJSL untuk sarana air (IDR 250,000,000)');
  });

  it('leaves out a line whose optional field is empty, and keeps it when the field is given', () => {
    const without = renderAgreementText('mou', fields(), 'id').clauses.find((c) => c.key === 'funding')!.lines;
    const withNotes = renderAgreementText('mou', fields({ funding: { mechanism: 'common_fund', notes: 'Dana dikelola oleh Yayasan.' } }), 'id').clauses.find(
      (c) => c.key === 'funding',
    )!.lines;

    expect(without).toHaveLength(2);
    expect(withNotes).toContain('Dana dikelola oleh Yayasan.');
    expect(withNotes[0]).toContain('dana bersama (common fund)');
  });

  it('refers a cooperation agreement to its MoU and binds the parties to their contributions', () => {
    const pks = renderAgreementText('pks', fields({ mouReference: 'Nota Kesepahaman Nomor 01/KMP/2026' }), 'id');
    expect(pks.opening[1]).toBe('Perjanjian ini merupakan pelaksanaan dari Nota Kesepahaman Nomor 01/KMP/2026.');
    expect(pks.clauses[3].lines.at(-1)).toMatch(/^Setiap Pihak wajib/);
    expect(renderAgreementText('mou', fields(), 'id').opening).toHaveLength(1);
  });

  it('states the term in both languages from the start date and duration', () => {
    const id = renderAgreementText('mou', fields(), 'id').clauses.find((c) => c.key === 'duration_amendment_termination')!;
    const en = renderAgreementText('mou', fields(), 'en').clauses.find((c) => c.key === 'duration_amendment_termination')!;
    expect(id.lines[0]).toBe(
      'Nota Kesepahaman ini berlaku selama 12 bulan, terhitung sejak 1 Juli 2026 sampai dengan 30 Juni 2027, dan dapat diperpanjang atas kesepakatan Para Pihak.',
    );
    expect(en.lines[0]).toBe('This Memorandum is in force for 12 months, from 1 July 2026 to 30 June 2027, and may be extended by agreement of the Parties.');
  });

  it('formats dates, term ends, Rupiah and party labels', () => {
    expect(formatCalendarDate('2026-08-17', 'id')).toBe('17 Agustus 2026');
    expect(termEndDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(termEndDate('2026-03-01', 1)).toBe('2026-03-31');
    expect(termEndDate('2024-03-01', 12)).toBe('2025-02-28');
    expect(formatRupiah(1_500_000, 'id')).toBe('Rp 1.500.000');
    expect(formatRupiah(1_500_000, 'en')).toBe('IDR 1,500,000');
    expect(partyLabel(2, 'id')).toBe('PIHAK KETIGA');
    expect(partyLabel(10, 'id')).toBe('PIHAK KE-11');
    expect(partyLabel(1, 'en')).toBe('SECOND PARTY');
  });

  it('lists both templates with their clause headings', () => {
    const templates = listTemplates();
    expect(templates.map((t) => [t.kind, t.templateId, t.title.id])).toEqual([
      ['mou', 'mou/1', 'Nota Kesepahaman'],
      ['pks', 'pks/1', 'Perjanjian Kerja Sama'],
    ]);
    expect(templates[0].clauses[4]).toEqual({ key: 'governance', heading: { id: 'Tata Kelola dan Pengambilan Keputusan', en: 'Governance and Decision-Making' } });
    expect(orgIds.bappeda).toHaveLength(24);
  });
});
