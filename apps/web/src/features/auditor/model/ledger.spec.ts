import type { Actor, LedgerEntryView } from '@mitra/contracts';
import { ledgerRows } from './ledger';

const coordinator: Actor = { userId: 'koordinator', role: 'coordinator', organisationId: 'org-bappeda' };
const at = '2026-03-01T02:00:00.000Z';

const entries: LedgerEntryView[] = [
  {
    sequence: 2,
    at,
    actor: coordinator,
    kind: 'commitment',
    organisationId: 'org-forum',
    contribution: { kind: 'cash', amount: 450_000_000 },
    schedule: [],
    note: 'Dana TJSL 2026',
  },
  {
    sequence: 3,
    at,
    actor: coordinator,
    kind: 'commitment',
    organisationId: 'org-lpm',
    contribution: { kind: 'in_kind', description: 'Kader RW', valueEstimate: 20_000_000 },
    schedule: [],
  },
  {
    sequence: 4,
    at,
    actor: coordinator,
    kind: 'receipt',
    commitment: 2,
    amount: 150_000_000,
    receivedOn: '2026-03-01',
    reference: 'TRF-001',
    pot: 'common',
    payerOrganisationId: 'org-forum',
    receiverOrganisationId: 'org-bappeda',
    reversedBy: 6,
  },
  {
    sequence: 5,
    at,
    actor: coordinator,
    kind: 'expenditure',
    payment: 9,
    lineId: 'bank-sampah',
    amount: 7_500_000,
    spentOn: '2026-03-10',
    payerOrganisationId: 'org-bappeda',
    receiverOrganisationId: 'org-vendor',
    evidence: {
      description: 'Timbangan digital',
      reference: 'Kuitansi 017',
      link: 'https://arsip.example.id/017.pdf',
    },
  },
  {
    sequence: 6,
    at,
    actor: coordinator,
    kind: 'reversal',
    reverses: 4,
    reversedKind: 'receipt',
    amount: 150_000_000,
    payerOrganisationId: 'org-bappeda',
    receiverOrganisationId: 'org-forum',
    reason: 'Transfer tercatat dua kali.',
  },
  { sequence: 7, at, actor: coordinator, kind: 'approval', request: 8 },
];

describe('ledgerRows', () => {
  it('says for every entry how much moved, from whom to whom, on what basis', () => {
    expect(ledgerRows(entries)).toEqual([
      {
        sequence: 2,
        at,
        kind: 'commitment',
        actor: coordinator,
        amount: 450_000_000,
        inKind: false,
        payerOrganisationId: 'org-forum',
        detail: 'Dana TJSL 2026',
      },
      {
        sequence: 3,
        at,
        kind: 'commitment',
        actor: coordinator,
        amount: 20_000_000,
        inKind: true,
        payerOrganisationId: 'org-lpm',
        detail: 'Kader RW',
      },
      {
        sequence: 4,
        at,
        kind: 'receipt',
        actor: coordinator,
        amount: 150_000_000,
        payerOrganisationId: 'org-forum',
        receiverOrganisationId: 'org-bappeda',
        refersTo: 2,
        detail: 'TRF-001',
        reversedBy: 6,
      },
      {
        sequence: 5,
        at,
        kind: 'expenditure',
        actor: coordinator,
        amount: 7_500_000,
        payerOrganisationId: 'org-bappeda',
        receiverOrganisationId: 'org-vendor',
        refersTo: 9,
        detail: 'Timbangan digital · Kuitansi 017',
        link: 'https://arsip.example.id/017.pdf',
      },
      {
        sequence: 6,
        at,
        kind: 'reversal',
        actor: coordinator,
        amount: 150_000_000,
        payerOrganisationId: 'org-bappeda',
        receiverOrganisationId: 'org-forum',
        refersTo: 4,
        detail: 'Transfer tercatat dua kali.',
      },
      { sequence: 7, at, kind: 'approval', actor: coordinator, refersTo: 8 },
    ]);
  });
});
