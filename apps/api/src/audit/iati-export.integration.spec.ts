import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import type { LedgerEntry, LifecycleState, Organisation, PartnershipIndicator, ProgressReport, Sector } from '@mitra/contracts';
import { workspaceRoot } from '@mitra/stack';
import { ApiClient, demoAccounts } from '@mitra/testing';

const schemaDir = path.join(workspaceRoot, 'libs', 'domain', 'src', 'audit', 'iati-2.03');
const schemaFile = (name: string) => ({ fileName: name, contents: fs.readFileSync(path.join(schemaDir, name), 'utf8') });

describe('IATI export through the api, from the real services', () => {
  const api = new ApiClient();
  let partnershipId = '';
  const org = { city: '', company: '' };

  beforeAll(async () => {
    const register = async (name: string, sector: Sector) =>
      (await api.post<Organisation>('organisations', { name: `${name} ${randomUUID().slice(0, 8)}`, sector, region: { province: 'Jawa Barat', regency: 'Kota Bandung' }, acknowledgeDuplicate: true })).body.id;
    org.city = await register('Bappelitbang Kota Bandung', 'government_regency');
    org.company = await register('PT Susu Sehat', 'business');
    partnershipId = (await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Gizi <Cibangkong> & Warga', leadOrganisationId: org.city })).body.partnershipId;
    expect((await api.post(`partnerships/${partnershipId}/decisions/addPartner`, { organisationId: org.company, role: 'supporter' })).status).toBe(200);

    const funding = `partnerships/${partnershipId}/funding`;
    const plan = await api.post<LedgerEntry>(`${funding}/plan`, {
      mechanism: 'separate',
      lines: [
        { id: 'gizi', activity: 'Kelas gizi balita', amount: 90_000_000, year: 2026, sdgTargets: ['2.2'], responsibleOrganisationId: org.company, source: { kind: 'csr', field: 'kesehatan' } },
        { id: 'posyandu', activity: 'Revitalisasi posyandu', amount: 60_000_000, year: 2027, sdgTargets: ['3.2'], responsibleOrganisationId: org.city, source: { kind: 'apbd' } },
      ],
    });
    expect(plan.status).toBe(201);
    const commitment = await api.post<LedgerEntry>(`${funding}/commitments`, { organisationId: org.company, contribution: { kind: 'cash', amount: 90_000_000 }, schedule: [{ dueOn: '2026-03-01', amount: 90_000_000 }] });
    expect(commitment.status).toBe(201);
    expect((await api.post(`${funding}/receipts`, { commitment: commitment.body.sequence, amount: 45_000_000, receivedOn: '2026-03-05', reference: 'TRF-SUSU-1' })).status).toBe(201);

    const monitoring = `monitoring/partnerships/${partnershipId}`;
    expect((await api.post(`${monitoring}/sdg-targets`, { targets: ['2.2', '3.2'] })).status).toBe(201);
    expect((await api.post(`${monitoring}/schedule`, { startsOn: '2026-01-01', periodMonths: 3, graceDays: 30 })).status).toBe(201);
    const indicator = await api.post<PartnershipIndicator>(`${monitoring}/indicators`, {
      name: 'Prevalensi stunting balita',
      sdg: { kind: 'indicator', code: '2.2.1' },
      unit: '%',
      direction: 'lower_is_better',
      accumulation: 'per_period',
      targets: [{ periodNumber: 1, value: 25 }, { periodNumber: 2, value: 22 }],
    });
    expect((await api.post(`${monitoring}/indicators/${indicator.body.id}/baseline`, { value: 28.4, date: '2025-12-31' })).status).toBe(201);
    const report = await api.post<ProgressReport>(`${monitoring}/reports`, { periodNumber: 1, organisationId: org.company, values: [{ indicatorId: indicator.body.id, value: 26.1 }], narrative: 'Penimbangan serentak.' });
    expect((await api.post(`${monitoring}/reports/${report.body.id}/approve`, {})).status).toBe(201);
  });

  it('exports an IATI 2.03 activity that validates against the schema and carries the partnership', async () => {
    const response = await api.fetch(`audit/partnerships/${partnershipId}/iati`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/xml');
    const xml = await response.text();
    const result = await validateXML({ xml: [{ fileName: 'activity.xml', contents: xml }], schema: [schemaFile('iati-activities-schema.xsd')], preload: [schemaFile('iati-common.xsd'), schemaFile('xml.xsd')] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);

    expect(xml).toContain(`<iati-identifier>ID-MITRA-${partnershipId}</iati-identifier>`);
    expect(xml).toContain('<title><narrative>Kemitraan Gizi &lt;Cibangkong&gt; &amp; Warga</narrative></title>');
    // The activity is in Bahasa Indonesia (xml:lang="id"): its stage too, not the workflow's English id.
    expect(xml).toMatch(/<description type="1"><narrative>Kemitraan multipihak untuk TPB \(target 2\.2, 3\.2\), tahap Inisiasi, siklus 1; dipimpin Bappelitbang Kota Bandung [0-9a-f]{8}\.<\/narrative><\/description>/);
    expect(xml).toContain(`<participating-org ref="ID-MITRA-ORG-${org.city}" type="10" role="2">`);
    expect(xml).toContain(`<participating-org ref="ID-MITRA-ORG-${org.company}" type="72" role="1">`);
    expect(xml).toContain('<sector vocabulary="8" code="2.2" percentage="50.00"/>');
    expect(xml).toContain('<sector vocabulary="9" code="2.2.1" percentage="100.00"/>');
    expect(xml).toContain('<value currency="IDR" value-date="2027-01-01">60000000</value>');
    expect(xml.match(/<transaction-type code="(\d+)"\/>/g)).toEqual(['<transaction-type code="11"/>', '<transaction-type code="1"/>']);
    expect(xml).toContain('<baseline year="2025" iso-date="2025-12-31" value="28.4"/>');
    expect(xml).toContain('<period><period-start iso-date="2026-01-01"/><period-end iso-date="2026-03-31"/><target value="25"/><actual value="26.1"/></period>');
  });

  it('is not for partners, and nothing of a partnership for an outsider', async () => {
    expect((await ApiClient.signedInAs(demoAccounts.forumCsr.email).get(`audit/partnerships/${partnershipId}/iati`)).status).toBe(403);
    expect((await ApiClient.signedInAs(demoAccounts.coordinator.email).get(`audit/partnerships/${partnershipId}/iati`)).status).toBe(404);
  });
});
