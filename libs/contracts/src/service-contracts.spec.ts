import { z } from 'zod';
import { AgreementsContracts } from './agreements/contracts';
import { FundingContracts } from './funding/contracts';
import { MonitoringContracts, PublicationContracts } from './monitoring/contracts';
import { serviceOfSubject } from './bus';
import { serviceNames } from './health';
import { serviceContracts } from './service-contracts';
import { StakeholdersContracts } from './stakeholders/contracts';

const actor = { userId: 'u-admin', role: 'admin' } as const;
const organisation = {
  id: 'a'.repeat(24),
  name: 'LPM Kelurahan Cibangkong',
  sector: 'community',
  region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
  contacts: [{ name: 'Ibu Sari', email: 'sari@example.org' }],
  resources: [{ kind: 'labour' }],
  vulnerableGroups: ['women'],
  version: 2,
  createdAt: '2026-12-01T08:00:00.000Z',
  createdBy: 'u-admin',
  updatedAt: '2026-12-02T08:00:00.000Z',
  updatedBy: 'u-admin',
};
const receipt = {
  sequence: 3,
  at: '2026-12-03T08:00:00.000Z',
  actor,
  kind: 'receipt',
  commitment: 2,
  amount: 5_000_000,
  receivedOn: '2026-12-03',
  reference: 'TRF-001',
  pot: `org:${'b'.repeat(24)}`,
  payerOrganisationId: 'b'.repeat(24),
  receiverOrganisationId: 'b'.repeat(24),
};

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('the reply of every service contract', () => {
  it('is a schema of what the service sends, not only of its shape', () => {
    expect(serviceContracts.length).toBeGreaterThan(60);
    for (const contract of serviceContracts) {
      // A shape check takes any record, or a list of any records; a reply schema names the fields it needs.
      const shallow = contract.reply instanceof z.ZodArray ? [{}] : {};
      expect({ subject: contract.subject, accepted: contract.reply.safeParse(shallow).success }).toEqual({
        subject: contract.subject,
        accepted: false,
      });
    }
  });

  it('takes a reply as it arrives over JSON, keeping fields a newer service adds', () => {
    const reply = StakeholdersContracts.GetOrganisation.reply.parse({
      ...organisation,
      verifiedAt: '2026-12-04',
    });
    expect(reply).toMatchObject({ name: organisation.name, verifiedAt: '2026-12-04' });
    expect(FundingContracts.RecordReceipt.reply.parse(receipt)).toEqual(receipt);
    expect(
      FundingContracts.ListLedger.reply.parse({
        entries: [{ ...receipt, reversedBy: 4 }],
        sequence: 4,
        nextAfter: null,
      }),
    ).toMatchObject({ entries: [{ kind: 'receipt', reversedBy: 4 }] });
    expect(
      AgreementsContracts.ListTemplates.reply.parse([
        {
          kind: 'mou',
          templateId: 'mou-v1',
          title: { id: 'Nota Kesepahaman', en: 'Memorandum of Understanding' },
          clauses: [{ key: 'parties', heading: { id: 'Para Pihak', en: 'The Parties' } }],
        },
      ]),
    ).toHaveLength(1);
    expect(
      PublicationContracts.PublicIndex.reply.parse({
        partnershipId: 'c'.repeat(20),
        partnershipName: 'Kemitraan Stunting Bandung',
        reports: [
          { year: 2026, sections: ['governance', 'funding'], publishedAt: '2026-12-05T08:00:00.000Z' },
        ],
      }),
    ).toMatchObject({ reports: [{ year: 2026 }] });
    expect(
      MonitoringContracts.GetProgress.reply.parse({
        indicators: [{ indicatorId: 'i-1', baseline: 10, period: 2, current: 14, target: 20, progress: 0.4 }],
        punctuality: null,
        disaggregation: { required: 0, complete: 0, rate: null },
        health: { status: 'at_risk', reasons: [{ code: 'report_late', periodNumber: 2 }] },
      }),
    ).toMatchObject({ health: { status: 'at_risk' } });
  });

  it('refuses a reply whose field is missing or of another type, naming it', () => {
    expect(
      issuesOf(StakeholdersContracts.GetOrganisation.reply, { ...organisation, updatedAt: undefined }),
    ).toEqual(['updatedAt']);
    expect(issuesOf(StakeholdersContracts.GetOrganisation.reply, { ...organisation, version: '2' })).toEqual([
      'version',
    ]);
    expect(
      issuesOf(StakeholdersContracts.GetOrganisation.reply, { ...organisation, sector: 'guild' }),
    ).toEqual(['sector']);
    expect(issuesOf(FundingContracts.RecordReceipt.reply, { ...receipt, pot: 'mine' })).toEqual(['pot']);
    expect(issuesOf(FundingContracts.RecordReceipt.reply, { ...receipt, kind: 'gift' })).toEqual(['kind']);
    expect(issuesOf(FundingContracts.RecordReceipt.reply, { ...receipt, actor: { userId: 'u' } })).toEqual([
      'actor.role',
    ]);
  });
});

describe('the subject of every service contract', () => {
  it('begins with the service that answers it, which the NATS permissions and the assertion audience rely on', () => {
    const unowned = serviceContracts
      .map((contract) => contract.subject)
      .filter((subject) => !(serviceNames as readonly string[]).includes(serviceOfSubject(subject)));
    expect(unowned).toEqual([]);
    expect(serviceOfSubject(FundingContracts.SetPlan.subject)).toBe('funding');
  });
});
