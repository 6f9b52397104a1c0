import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { iatiActivityXml, type IatiActivityInput } from './iati';

const schemaDir = path.join(__dirname, 'iati-2.03');
const file = (name: string) => ({ fileName: name, contents: fs.readFileSync(path.join(schemaDir, name), 'utf8') });

async function validate(xml: string) {
  return validateXML({ xml: [{ fileName: 'activity.xml', contents: xml }], schema: [file('iati-activities-schema.xsd')], preload: [file('iati-common.xsd'), file('xml.xsd')] });
}

const bappeda = { id: '64b000000000000000000001', name: 'Bappelitbang Kota Bandung', sector: 'government_regency' as const };
const forum = { id: '64b000000000000000000002', name: 'Forum CSR Kota Bandung & Mitra <TJSL>', sector: 'business' as const };
const lpm = { id: '64b000000000000000000003', name: 'LPM Kelurahan Cibangkong', sector: 'community' as const };

const input: IatiActivityInput = {
  identifierPrefix: 'ID-MITRA',
  partnershipId: '0123456789abcdef0123',
  title: 'Kemitraan Pencegahan Stunting Cibangkong',
  description: 'Kelas gizi dan posyandu bersama warga.',
  lastUpdated: '2026-11-26T01:00:00.000Z',
  startDate: '2026-01-05T00:00:00.000Z',
  status: 'active',
  reportingOrganisation: bappeda,
  participants: [{ ...bappeda, role: 'lead' }, { ...forum, role: 'supporter' }, { ...lpm, role: 'partner' }],
  sdgTargets: ['2.2', '3.2', '5.5'],
  indicators: [
    {
      indicator: {
        id: 'i1', name: 'Prevalensi stunting balita', sdg: { kind: 'indicator', code: '2.2.1' }, unit: '%', direction: 'lower_is_better', accumulation: 'per_period',
        targets: [{ periodNumber: 1, value: 25 }], disaggregations: ['sex'], baseline: { value: 30, date: '2026-01-31', fixedAt: '', fixedBy: '' }, definedAt: '', definedBy: '',
      },
      periods: [{ number: 1, start: '2026-04-01', end: '2026-06-30', target: 25, actual: 27.5 }, { number: 2, start: '2026-07-01', end: '2026-09-30', target: 22 }],
    },
  ],
  budgets: [{ year: 2026, amount: 250_000_000 }, { year: 2027, amount: 300_000_000 }],
  transactions: [
    { kind: 'incoming_commitment', date: '2026-02-01', amount: 150_000_000, description: 'Komitmen dana TJSL', provider: forum },
    { kind: 'incoming_funds', date: '2026-03-01', amount: 100_000_000, description: 'Penerimaan ke dana bersama', provider: forum, receiver: bappeda },
    { kind: 'disbursement', date: '2026-04-10', amount: 40_000_000, description: 'Kelas gizi triwulan 1', provider: bappeda, receiver: lpm },
    { kind: 'expenditure', date: '2026-05-02', amount: 12_500_000, description: 'Makanan tambahan', provider: lpm },
  ],
};

describe('the IATI 2.03 export', () => {
  it('validates against the IATI 2.03 activity schema', async () => {
    const result = await validate(iatiActivityXml(input));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('carries organisations with roles, SDG goals, targets and indicators as vocabularies 7, 8, 9, budgets, transactions and results', () => {
    const xml = iatiActivityXml(input);
    expect(xml).toContain('<participating-org ref="ID-MITRA-ORG-64b000000000000000000001" type="10" role="2"><narrative>Bappelitbang Kota Bandung</narrative>');
    expect(xml).toContain('<narrative>Forum CSR Kota Bandung &amp; Mitra &lt;TJSL&gt;</narrative>');
    expect(xml.match(/<sector vocabulary="7" code="(\d+)" percentage="([\d.]+)"\/>/g)).toEqual([
      '<sector vocabulary="7" code="2" percentage="33.34"/>',
      '<sector vocabulary="7" code="3" percentage="33.33"/>',
      '<sector vocabulary="7" code="5" percentage="33.33"/>',
    ]);
    expect(xml).toContain('<sector vocabulary="8" code="3.2" percentage="33.33"/>');
    expect(xml).toContain('<sector vocabulary="9" code="2.2.1" percentage="100.00"/>');
    expect(xml).toContain('<budget type="1" status="2"><period-start iso-date="2027-01-01"/><period-end iso-date="2027-12-31"/><value currency="IDR" value-date="2027-01-01">300000000</value></budget>');
    expect(xml.match(/<transaction-type code="(\d+)"\/>/g)).toEqual(['11', '1', '3', '4'].map((code) => `<transaction-type code="${code}"/>`));
    expect(xml).toContain('<baseline year="2026" iso-date="2026-01-31" value="30"/>');
    expect(xml).toContain('<target value="25"/><actual value="27.5"/>');
  });

  it('fails the schema when a required element is missing, so the check can fail', async () => {
    const broken = iatiActivityXml(input).replace(/<reporting-org[^]*?<\/reporting-org>\n/, '');
    expect((await validate(broken)).valid).toBe(false);
  });
});
