import { addPartnerSchema, decideMaturationSchema, startPartnershipInputSchema } from '@mitra/contracts';
import {
  addPartnerBody,
  addPartnerInitialValues,
  maturationBody,
  maturationInitialValues,
  newPartnershipInitialValues,
  startPartnershipBody,
} from './decision-forms';

const actor = { userId: 'u-koordinator', role: 'coordinator' as const };
const lpm = { id: 'b'.repeat(24), name: 'LPM Kelurahan Cibangkong', sector: 'community' as const };

describe('startPartnershipBody', () => {
  it('sends the trimmed name, the lead and only the timings filled in', () => {
    const values = newPartnershipInitialValues('a'.repeat(24));
    values.name = '  Air Bersih Batununggal ';
    values.settings.approvalDueDays = 14;
    const body = startPartnershipBody(values);
    expect(body).toEqual({
      name: 'Air Bersih Batununggal',
      leadOrganisationId: 'a'.repeat(24),
      settings: { approvalDueDays: 14 },
    });
    expect(startPartnershipInputSchema.safeParse(body).success).toBe(true);
  });

  it('leaves out a lead not chosen and settings not touched', () => {
    expect(startPartnershipBody({ ...newPartnershipInitialValues(), name: 'Sanitasi' })).toEqual({
      name: 'Sanitasi',
    });
  });
});

describe('addPartnerBody', () => {
  it('sends the organisation and role alone while no MoU is in force', () => {
    const values = { ...addPartnerInitialValues(), organisationId: lpm.id, role: 'beneficiary' as const };
    values.mouParty.representative.name = 'ignored';
    expect(addPartnerBody(values, lpm, false)).toEqual({ organisationId: lpm.id, role: 'beneficiary' });
  });

  it('carries the party’s MoU entry, named and placed by the registry, once an MoU is in force', () => {
    const values = addPartnerInitialValues();
    values.organisationId = lpm.id;
    values.mouParty = {
      address: ' ',
      representative: { userId: ' user-lpm ', name: 'Asep Supriatna', title: 'Ketua LPM' },
      responsibilities: ['Menggerakkan kader posyandu', '  '],
      contributions: [
        { kind: 'labour', description: ' Kader RW ', amountIdr: '' },
        { kind: 'funds', description: 'Swadaya', amountIdr: 2_500_000 },
      ],
    };
    const body = addPartnerBody(values, lpm, true);
    expect(body).toEqual({
      organisationId: lpm.id,
      role: 'partner',
      mouParty: {
        organisationId: lpm.id,
        name: 'LPM Kelurahan Cibangkong',
        sector: 'community',
        role: 'partner',
        representative: { userId: 'user-lpm', name: 'Asep Supriatna', title: 'Ketua LPM' },
        responsibilities: ['Menggerakkan kader posyandu'],
        contributions: [
          { kind: 'labour', description: 'Kader RW' },
          { kind: 'funds', description: 'Swadaya', amountIdr: 2_500_000 },
        ],
      },
    });
    expect(addPartnerSchema.safeParse({ ...body, idempotencyKey: 'key-0001', actor }).success).toBe(true);
  });
});

describe('maturationBody', () => {
  it('gives the contract’s body for each outcome', () => {
    const values = { ...maturationInitialValues(), reason: ' Target tercapai, lanjut siklus kedua ' };
    const renew = maturationBody(values);
    expect(renew).toEqual({ outcome: 'renew', reason: 'Target tercapai, lanjut siklus kedua' });

    const transfer = maturationBody({ ...values, outcome: 'transfer', newLeadOrganisationId: lpm.id });
    expect(transfer).toEqual({
      outcome: 'transfer',
      newLeadOrganisationId: lpm.id,
      reason: 'Target tercapai, lanjut siklus kedua',
    });

    const close = maturationBody({
      ...values,
      outcome: 'close',
      closureReport: { summary: ' Stunting turun dari 28 menjadi 19 persen. ', documentRef: ' ' },
    });
    expect(close).toEqual({
      outcome: 'close',
      closureReport: { summary: 'Stunting turun dari 28 menjadi 19 persen.' },
    });
    for (const body of [renew, transfer, close]) {
      expect(decideMaturationSchema.safeParse({ ...body, idempotencyKey: 'key-0001', actor }).success).toBe(
        true,
      );
    }
  });
});
