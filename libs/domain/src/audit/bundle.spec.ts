import type { LedgerEntryView, MonitoringPlan, TimelineEntry } from '@mitra/contracts';
import { sha256Hex } from '../agreements/content-hash';
import { assembleBundle, bundleFileName, indicatorsCsv, ledgerCsv, textFile, timelineRows, type BundleIndex } from './bundle';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const meta = { partnershipId: '0123456789abcdef0123', partnershipName: 'Kemitraan Gizi', generatedAt: '2026-06-30T18:00:00.000Z', generatedBy: { userId: 'u-audit', role: 'auditor' as const } };
const coordinator = { userId: 'u-koor', role: 'coordinator' as const, organisationId: 'org-kota' };

describe('assembling an evidence bundle', () => {
  it('adds an index with each file’s size and SHA-256, and a sha256sum manifest that covers the index too', () => {
    const files = assembleBundle(meta, [textFile('ledger.csv', 'a,b\r\n'), textFile('agreements/x/v1.json', '{}\n')]);
    const index = JSON.parse(decode(files.find((file) => file.name === 'manifest.json')!.bytes)) as BundleIndex;

    expect(index).toEqual({
      format: 'mitra.evidence-bundle/1',
      ...meta,
      files: [
        { name: 'agreements/x/v1.json', size: 3, sha256: sha256Hex('{}\n') },
        { name: 'ledger.csv', size: 5, sha256: sha256Hex('a,b\r\n') },
      ],
    });
    const manifest = decode(files.find((file) => file.name === 'manifest.sha256')!.bytes);
    expect(manifest.split('\n').map((line) => line.slice(66))).toEqual(['agreements/x/v1.json', 'ledger.csv', 'manifest.json', '']);
  });

  it('refuses a file name that could leave the folder, and the same name twice', () => {
    expect(() => assembleBundle(meta, [textFile('../etc/passwd', '')])).toThrow('not a bundle file name');
    expect(() => assembleBundle(meta, [textFile('/abs.txt', '')])).toThrow('not a bundle file name');
    expect(() => assembleBundle(meta, [textFile('a.csv', ''), textFile('a.csv', '')])).toThrow('twice');
    expect(() => assembleBundle(meta, [textFile('manifest.json', '')])).toThrow('twice');
  });

  it('names the zip after the partnership and the day in Asia/Jakarta', () => {
    expect(bundleFileName('0123456789abcdef0123', '2026-06-30T16:59:59.000Z')).toBe('bukti-0123456789abcdef0123-2026-06-30.zip');
    expect(bundleFileName('0123456789abcdef0123', '2026-06-30T17:00:00.000Z')).toBe('bukti-0123456789abcdef0123-2026-07-01.zip');
  });
});

describe('the ledger as CSV', () => {
  const entries: LedgerEntryView[] = [
    { sequence: 2, at: '2026-03-01T02:00:00.000Z', actor: coordinator, kind: 'commitment', organisationId: 'org-pt', contribution: { kind: 'in_kind', description: 'Tenaga gizi, "relawan"', valueEstimate: 15_000_000 }, schedule: [] },
    { sequence: 3, at: '2026-03-05T02:00:00.000Z', actor: coordinator, kind: 'receipt', commitment: 2, amount: 45_000_000, receivedOn: '2026-03-05', reference: 'TRF-1', pot: 'common', payerOrganisationId: 'org-pt', receiverOrganisationId: 'org-kota', reversedBy: 4 },
    { sequence: 4, at: '2026-03-06T02:00:00.000Z', actor: coordinator, kind: 'reversal', reverses: 3, reversedKind: 'receipt', amount: 45_000_000, payerOrganisationId: 'org-kota', receiverOrganisationId: 'org-pt', reason: 'Salah rekening tujuan.' },
  ];

  it('gives one row per entry in sequence order with amount, parties, what it refers to and the whole entry', () => {
    const lines = ledgerCsv([entries[2]!, entries[0]!, entries[1]!]).split('\r\n');
    expect(lines[0]).toBe('sequence,at,kind,actor_user_id,actor_role,actor_organisation_id,amount_idr,payer_organisation_id,receiver_organisation_id,refers_to,reversed_by,entry_json');
    expect(lines.slice(1, 4).map((line) => line.split(',').slice(0, 11).join(','))).toEqual([
      '2,2026-03-01T02:00:00.000Z,commitment,u-koor,coordinator,org-kota,15000000,org-pt,,,',
      '3,2026-03-05T02:00:00.000Z,receipt,u-koor,coordinator,org-kota,45000000,org-pt,org-kota,2,4',
      '4,2026-03-06T02:00:00.000Z,reversal,u-koor,coordinator,org-kota,45000000,org-kota,org-pt,3,',
    ]);
    const json = /,"(\{.*\})"$/.exec(lines[1]!)![1]!.replace(/""/g, '"');
    expect(JSON.parse(json)).toEqual(entries[0]);
    expect(lines.at(-1)).toBe('');
  });
});

describe('the indicator data as CSV', () => {
  const plan: MonitoringPlan = {
    partnershipId: 'p',
    sdgTargets: ['2.2'],
    indicators: [
      { id: 'stunting', name: 'Prevalensi stunting', sdg: { kind: 'indicator', code: '2.2.1' }, unit: '%', direction: 'lower_is_better', accumulation: 'per_period', targets: [{ periodNumber: 1, value: 25 }], disaggregations: ['sex'], baseline: { value: 28.4, date: '2025-12-31', fixedAt: 't', fixedBy: 'u' }, definedAt: 't', definedBy: 'u' },
      { id: 'kader', name: 'Kader terlatih', sdg: { kind: 'target', code: '2.2' }, unit: 'orang', direction: 'higher_is_better', accumulation: 'cumulative', targets: [], disaggregations: [], definedAt: 't', definedBy: 'u' },
    ],
    reports: [
      { id: 'r2', periodNumber: 2, organisationId: 'org-pt', revision: 1, status: 'submitted', values: [{ indicatorId: 'stunting', value: 24, breakdown: [] }], narrative: '', evidenceLinks: [], submittedAt: 't', submittedBy: 'u' },
      {
        id: 'r1',
        periodNumber: 1,
        organisationId: 'org-pt',
        revision: 1,
        status: 'approved',
        values: [{ indicatorId: 'stunting', value: 26.1, breakdown: [{ dimensions: { sex: 'female' }, value: 25.5 }, { dimensions: { sex: 'male', region: 'Cibangkong' }, value: 26.7 }] }],
        narrative: '',
        evidenceLinks: [],
        submittedAt: 't',
        submittedBy: 'u',
      },
    ],
  };

  it('lists every reported value with its disaggregations, baseline, the period’s target and the report’s status', () => {
    expect(indicatorsCsv(plan).split('\r\n')).toEqual([
      'indicator_id,indicator,sdg,unit,baseline,baseline_date,period,target,organisation_id,report_id,revision,status,disaggregation,value',
      'stunting,Prevalensi stunting,2.2.1,%,28.4,2025-12-31,1,25,org-pt,r1,1,approved,,26.1',
      'stunting,Prevalensi stunting,2.2.1,%,28.4,2025-12-31,1,25,org-pt,r1,1,approved,sex=female,25.5',
      'stunting,Prevalensi stunting,2.2.1,%,28.4,2025-12-31,1,25,org-pt,r1,1,approved,region=Cibangkong;sex=male,26.7',
      'stunting,Prevalensi stunting,2.2.1,%,28.4,2025-12-31,2,,org-pt,r2,1,submitted,,24',
      'kader,Kader terlatih,2.2,orang,,,,,,,,,,',
      '',
    ]);
  });

  it('carries an indicator named like a formula as inert text', () => {
    const named = { ...plan, indicators: [{ ...plan.indicators[1]!, name: "=cmd|' /C calc'!A0", unit: '@orang' }] };
    expect(indicatorsCsv(named).split('\r\n')[1]).toBe("kader,'=cmd|' /C calc'!A0,2.2,'@orang,,,,,,,,,,");
  });
});

describe('the timeline rows', () => {
  const entry = (overrides: Partial<TimelineEntry>): TimelineEntry => ({ runId: 'run-1', eventId: 7, at: '2026-06-01T03:00:00.000Z', cycle: 1, stage: 'initiation', kind: 'completeTask', actor: coordinator, evidence: [], details: {}, ...overrides });

  it('says in Bahasa Indonesia who decided what, for which organisation, why and on what evidence', () => {
    const rows = timelineRows(
      [
        entry({ details: { taskId: '1.1' }, evidence: [{ label: 'Notulen', url: 'https://example.org/n.pdf' }, { label: 'Daftar hadir' }] }),
        entry({ eventId: 9, kind: 'addPartner', details: { organisationId: 'org-pt', role: 'supporter' } }),
        entry({ eventId: 11, kind: 'pause', reason: 'Menunggu APBD perubahan.', actor: { userId: 'u-other', role: 'admin' } }),
      ],
      { users: new Map([['u-koor', 'Ibu Koordinator']]), organisations: new Map([['org-kota', 'Bappelitbang Kota Bandung'], ['org-pt', 'PT Susu Sehat']]) },
    );

    expect(rows).toEqual([
      {
        at: '2026-06-01T03:00:00.000Z',
        cycle: 1,
        stage: 'Inisiasi',
        decision: 'Menyelesaikan tugas: 1.1 Merumuskan tantangan TPB',
        actor: 'Ibu Koordinator (u-koor), Koordinator',
        organisation: 'Bappelitbang Kota Bandung (org-kota)',
        evidence: ['Notulen <https://example.org/n.pdf>', 'Daftar hadir'],
        source: 'run run-1, peristiwa 7',
      },
      expect.objectContaining({ decision: 'Menambah mitra: PT Susu Sehat (org-pt), pendukung' }),
      expect.objectContaining({ decision: 'Menjeda kemitraan', actor: 'u-other, Admin', organisation: '—', reason: 'Menunggu APBD perubahan.' }),
    ]);
  });
});
