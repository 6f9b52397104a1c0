import { randomUUID } from 'node:crypto';
import readXlsxFile from 'read-excel-file/node';
import type { ErrorBody, LifecycleState, Organisation, Sector } from '@mitra/contracts';
import { ApiClient, demoAccounts } from '@mitra/testing';

const csvLines = async (response: Response) =>
  Buffer.from(await response.arrayBuffer())
    .subarray(3)
    .toString('utf8')
    .split('\r\n');
const xlsxRows = async (response: Response) =>
  (
    (await readXlsxFile(Buffer.from(await response.arrayBuffer()))) as unknown as Array<{ data: unknown[][] }>
  )[0]!.data;

describe('exports: a partnership as spreadsheets, through the api', () => {
  const api = new ApiClient();
  const outsider = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  let base = '';
  const org = { company: '', cso: '' };
  const formula = '=HYPERLINK("http://evil.example","klik")';

  beforeAll(async () => {
    const register = async (name: string, sector: Sector) =>
      (
        await api.post<Organisation>('organisations', {
          name: `${name} ${randomUUID().slice(0, 8)}`,
          sector,
          region: { code: '53.71' },
          acknowledgeDuplicate: true,
        })
      ).body;
    const company = await register('PT Air Timor', 'business');
    const cso = await register('Yayasan Air untuk Semua', 'cso');
    Object.assign(org, { company: company.id, cso: cso.id });
    const partnershipId = (
      await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Ekspor Kupang' })
    ).body.partnershipId;
    base = `partnerships/${partnershipId}`;
    const plan = await api.post(`${base}/funding/plan`, {
      mechanism: 'common_fund',
      fundHolderOrganisationId: org.cso,
      lines: [
        {
          id: 'air',
          activity: 'Sambungan air',
          amount: 80_000_000,
          year: 2026,
          sdgTargets: ['6.1'],
          responsibleOrganisationId: org.cso,
          source: { kind: 'csr', field: 'lingkungan' },
        },
      ],
    });
    expect(plan.status).toBe(201);
    const commitment = await api.post(`${base}/funding/commitments`, {
      organisationId: org.company,
      contribution: { kind: 'cash', amount: 60_000_000 },
      schedule: [{ dueOn: '2026-02-01', amount: 60_000_000 }],
    });
    expect(commitment.status).toBe(201);
    const receipt = await api.post(`${base}/funding/receipts`, {
      commitment: 2,
      amount: 1_250_000,
      receivedOn: '2026-02-05',
      reference: formula,
    });
    expect(receipt.status).toBe(201);
  });

  it('gives the ledger as CSV for an Indonesian reader: names, Rupiah, and a formula kept as text', async () => {
    const response = await api.fetch(`${base}/exports/ledger?format=csv&language=id`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="mitra-buku-besar-.+\.csv"$/,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const lines = await csvLines(response);
    expect(lines[0]).toBe(
      'No.;Jenis;Dicatat (WIB);Dicatat oleh;Tanggal transaksi;Jumlah (Rp);Dari;Kepada;Keterangan;Merujuk No.;Dibalik oleh No.',
    );
    expect(lines).toHaveLength(5); // header, plan, commitment, receipt, and the last line break
    const receipt = lines[3]!.split(';');
    expect(receipt.slice(0, 2)).toEqual(['3', 'Penerimaan']);
    expect(receipt.slice(4, 6)).toEqual(['2026-02-05', '1250000']);
    expect(receipt[6]).toMatch(/^PT Air Timor /);
    expect(lines[3]).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
  });

  it('gives the ledger as XLSX with English headers and typed cells', async () => {
    const response = await api.fetch(`${base}/exports/ledger?format=xlsx&language=en`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const rows = await xlsxRows(response);
    expect(rows[0]!.slice(0, 6)).toEqual([
      'No.',
      'Kind',
      'Recorded (WIB)',
      'Recorded by',
      'Transaction date',
      'Amount (IDR)',
    ]);
    expect(rows[3]!.slice(0, 2)).toEqual([3, 'Receipt']);
    expect(rows[3]![5]).toBe(1_250_000);
    expect(rows[3]![8]).toBe(formula);
  });

  it('gives the indicators and reports of a partnership without a monitoring plan as headers alone', async () => {
    const indicators = await csvLines(await api.fetch(`${base}/exports/indicators?format=csv`));
    expect(indicators[0]!.startsWith('Indikator;Tautan SDG;Satuan')).toBe(true);
    const reports = await xlsxRows(await api.fetch(`${base}/exports/reports`));
    expect(reports).toHaveLength(1);
  });

  it("refuses another organisation's partner, an unknown sheet and an unknown format, with the field", async () => {
    // As every route of a partnership it is not a member of: not found, so its existence does not leak.
    const foreign = await outsider.fetch(`${base}/exports/ledger?format=csv`);
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain('Penerimaan');
    const sheet = await api.get<ErrorBody>(`${base}/exports/passwords`);
    expect(sheet.status).toBe(400);
    expect(sheet.body.errors).toEqual([expect.objectContaining({ field: 'sheet' })]);
    const format = await api.get<ErrorBody>(`${base}/exports/ledger?format=pdf`);
    expect(format.status).toBe(400);
    expect(format.body.errors).toEqual([expect.objectContaining({ field: 'format' })]);
  });
});
