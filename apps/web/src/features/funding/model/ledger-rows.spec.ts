import type { LedgerEntryView } from '@mitra/contracts';
import { ledgerRows } from './ledger-rows';

const actor = { userId: 'koordinator', role: 'coordinator' as const, organisationId: 'org-city' };
const at = '2026-11-03T03:00:00.000Z';

describe('the ledger as rows', () => {
  it('lists the newest entry first, with amount, flow, basis and the reversal that undid it', () => {
    const entries: LedgerEntryView[] = [
      {
        sequence: 1,
        at,
        actor,
        kind: 'commitment',
        organisationId: 'org-lpm',
        contribution: { kind: 'in_kind', description: 'Kader lingkungan', valueEstimate: 50_000_000 },
        schedule: [],
      },
      {
        sequence: 2,
        at,
        actor,
        kind: 'receipt',
        commitment: 1,
        amount: 1_250_000,
        receivedOn: '2026-11-03',
        reference: 'TRF-1',
        pot: 'common',
        payerOrganisationId: 'org-forum',
        receiverOrganisationId: 'org-cso',
        reversedBy: 4,
      },
      {
        sequence: 3,
        at,
        actor,
        kind: 'expenditure',
        payment: 9,
        lineId: 'air',
        amount: 500_000,
        spentOn: '2026-11-05',
        payerOrganisationId: 'org-city',
        receiverOrganisationId: 'org-vendor',
        evidence: {
          link: 'https://arsip.example.id/bast.pdf',
          reference: 'BAST 1',
          description: 'Serah terima',
        },
      },
      {
        sequence: 4,
        at,
        actor,
        kind: 'reversal',
        reverses: 2,
        reversedKind: 'receipt',
        amount: 1_250_000,
        payerOrganisationId: 'org-cso',
        receiverOrganisationId: 'org-forum',
        reason: 'Salah nomor transfer',
      },
    ];
    const rows = ledgerRows(entries);
    expect(rows.map((row) => row.sequence)).toEqual([4, 3, 2, 1]);
    expect(rows[3]).toEqual({
      sequence: 1,
      at,
      kind: 'commitment',
      recordedBy: actor,
      amount: 50_000_000,
      inKind: true,
      fromOrganisationId: 'org-lpm',
      detail: 'Kader lingkungan',
    });
    expect(rows[2]).toMatchObject({ amount: 1_250_000, refersTo: 1, detail: 'TRF-1', reversedBy: 4 });
    expect(rows[1]).toMatchObject({
      lineId: 'air',
      refersTo: 9,
      detail: 'Serah terima · BAST 1',
      link: 'https://arsip.example.id/bast.pdf',
      fromOrganisationId: 'org-city',
      toOrganisationId: 'org-vendor',
    });
    expect(rows[0]).toMatchObject({
      refersTo: 2,
      detail: 'Salah nomor transfer',
      fromOrganisationId: 'org-cso',
    });
    expect(rows[0]).not.toHaveProperty('reversedBy');
  });
});
