import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import mongoose from 'mongoose';
import type {
  Agreement,
  AgreementFields,
  AgreementVersion,
  ChainVerification,
  LedgerEntry,
  LifecycleState,
  Organisation,
  ReplayReport,
  Sector,
  SigningKey,
} from '@mitra/contracts';
import { signatureRecordId } from '@mitra/domain';
import { ApiClient, systemEnv } from '@mitra/testing';

interface Signer {
  organisationId: string;
  name: string;
  sector: Sector;
  userId: string;
  privateKey: KeyObject;
  keyId: string;
}

function mouFields(signers: Signer[]): AgreementFields {
  return {
    title: 'Nota Kesepahaman Pencegahan Stunting Kelurahan Cibangkong',
    place: 'Bandung',
    parties: signers.map((s, index) => ({
      organisationId: s.organisationId,
      name: s.name,
      sector: s.sector as AgreementFields['parties'][number]['sector'],
      role: index === 0 ? 'lead' : 'partner',
      representative: { userId: s.userId, name: `Wakil ${s.name}`, title: 'Pimpinan' },
      responsibilities: [`Menjalankan komponen ${s.name}`],
      contributions: [],
    })),
    background: 'Prevalensi stunting di kelurahan masih di atas target nasional.',
    purpose: 'Menurunkan prevalensi stunting balita.',
    scope: ['Kelas gizi balita'],
    sdgTargets: ['2.2'],
    governance: { body: 'Forum Kemitraan Kelurahan', decisionRule: 'consensus', meetingFrequency: 'quarterly' },
    communication: 'Rapat koordinasi bulanan.',
    funding: { mechanism: 'separate', notes: 'Masing-masing Pihak mendanai komponennya.' },
    reporting: { frequency: 'quarterly' },
    startDate: '2026-10-01',
    durationMonths: 12,
  };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('tamper evidence: the hash chain of a partnership against its records, tampered with in the database', () => {
  const api = new ApiClient();
  let partnershipId = '';
  let agreementId = '';
  let signers: Signer[] = [];
  let funding: mongoose.Connection;
  let agreements: mongoose.Connection;
  const entry = (sequence: number) => `${partnershipId}:${sequence}`;
  const verify = async () => {
    const response = await api.get<ChainVerification>(`audit/partnerships/${partnershipId}/verify`);
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    const { MONGO_URL } = systemEnv();
    funding = await mongoose.createConnection(MONGO_URL, { dbName: 'mitra_funding' }).asPromise();
    agreements = await mongoose.createConnection(MONGO_URL, { dbName: 'mitra_agreements' }).asPromise();

    const register = async (name: string, sector: Sector): Promise<Signer> => {
      const organisation = await api.post<Organisation>('organisations', { name: `${name} ${randomUUID().slice(0, 8)}`, sector, region: { province: 'Jawa Barat', regency: 'Kota Bandung' }, acknowledgeDuplicate: true });
      expect(organisation.status).toBe(201);
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const userId = `signer-${organisation.body.id.slice(-6)}`;
      const key = await api.post<SigningKey>('signing-keys', { userId, organisationId: organisation.body.id, publicKey: publicKey.export({ format: 'jwk' }).x });
      expect(key.status).toBe(201);
      return { organisationId: organisation.body.id, name: organisation.body.name, sector, userId, privateKey, keyId: key.body.keyId };
    };
    signers = [await register('Bappelitbang Kota Bandung', 'government_regency'), await register('PT Susu Sehat', 'business')];
    const [city, company] = signers as [Signer, Signer];

    partnershipId = (await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Gizi Cibangkong', leadOrganisationId: city.organisationId })).body.partnershipId;
    expect((await api.post(`partnerships/${partnershipId}/decisions/addPartner`, { organisationId: company.organisationId, role: 'partner' })).status).toBe(200);

    const ledger = `partnerships/${partnershipId}/funding`;
    const plan = await api.post<LedgerEntry>(`${ledger}/plan`, {
      mechanism: 'separate',
      lines: [{ id: 'gizi', activity: 'Kelas gizi balita', amount: 90_000_000, year: 2026, sdgTargets: ['2.2'], responsibleOrganisationId: company.organisationId, source: { kind: 'csr', field: 'kesehatan' } }],
    });
    expect(plan.status).toBe(201);
    const commitment = await api.post<LedgerEntry>(`${ledger}/commitments`, { organisationId: company.organisationId, contribution: { kind: 'cash', amount: 90_000_000 }, schedule: [{ dueOn: '2026-03-01', amount: 90_000_000 }] });
    expect(commitment.status).toBe(201);
    for (const [amount, reference] of [[40_000_000, 'TRF-SUSU-1'], [50_000_000, 'TRF-SUSU-2']] as const) {
      expect((await api.post(`${ledger}/receipts`, { commitment: commitment.body.sequence, amount, receivedOn: '2026-03-05', reference })).status).toBe(201);
    }

    const created = await api.post<Agreement>('agreements', { kind: 'mou', partnershipId, fields: mouFields(signers) });
    expect(created.status).toBe(201);
    agreementId = created.body.id;
    expect((await api.post(`agreements/${agreementId}/signing-rounds`, { versionNumber: 1, mode: 'parallel', expiresAt: inDays(14) })).status).toBe(201);
    const { contentHash } = (await api.get<AgreementVersion>(`agreements/${agreementId}/versions/1`)).body;
    for (const signer of signers) {
      const value = sign(null, Buffer.from(contentHash, 'hex'), signer.privateKey).toString('base64url');
      const signed = await api.post(`agreements/${agreementId}/versions/1/signatures`, { organisationId: signer.organisationId, keyId: signer.keyId, contentHash, value });
      expect(signed.status).toBe(201);
    }
  }, 120_000);

  afterAll(async () => {
    await funding?.close();
    await agreements?.close();
  });

  it('links every decision, ledger entry and signature, and finds nothing before anyone tampers', async () => {
    let report = await verify();
    // The services announce records through their outboxes and the event bridge, and the workflow
    // checkpoints each link in its next workflow task: wait until all are linked and checkpointed.
    const settled = () => report.findings.length === 0 && report.chain.checkpointed === report.chain.length;
    for (const deadline = Date.now() + 60_000; !settled() && Date.now() < deadline; ) {
      expect(report.findings.every((finding) => finding.problem === 'notYetLinked')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      report = await verify();
    }
    expect(report.findings).toEqual([]);
    expect(report.intact).toBe(true);
    expect(report.chain.links).toEqual({ decision: 1, ledgerEntry: 4, signature: 2 });
    expect(report.stored).toEqual({ ledgerEntry: 4, signature: 2 });
    expect(report.chain.checkpointed).toBe(7);
    expect(report.chain.length).toBe(7);

    const replay = (await api.get<ReplayReport>(`audit/partnerships/${partnershipId}/replay`)).body;
    expect(replay.divergences).toEqual([]);
    expect(replay.agrees).toBe(true);
  }, 120_000);

  it('names the entry whose amount was edited, the one deleted, the two swapped, the signature edited and the rows slipped in', async () => {
    type LedgerDocument = { _id: string; revision: number; idempotencyKey: string; change: { entry: Record<string, unknown> } };
    const ledger = funding.collection<LedgerDocument>('ledger_entries');
    await ledger.updateOne({ _id: entry(3) }, { $set: { 'change.entry.amount': 4_000_000 } });
    await ledger.deleteOne({ _id: entry(4) });
    // Swapped: each id now holds the other's record (out and back in, as the unique indexes allow).
    const [first, second] = await Promise.all([ledger.findOne({ _id: entry(1) }), ledger.findOne({ _id: entry(2) })]);
    const { _id: firstId, ...firstContent } = first!;
    const { _id: secondId, ...secondContent } = second!;
    await ledger.deleteMany({ _id: { $in: [firstId, secondId] } });
    await ledger.insertOne({ ...secondContent, _id: firstId });
    await ledger.insertOne({ ...firstContent, _id: secondId });
    // A row slipped in with a date of long ago, and one as if just written (its announcement could still be on its way).
    const slipped = (sequence: number, at: string): LedgerDocument => ({
      ...firstContent,
      _id: entry(sequence),
      revision: sequence,
      idempotencyKey: `slipped-${sequence}`,
      change: { ...firstContent.change, entry: { ...firstContent.change.entry, sequence, at } },
    });
    await ledger.insertOne(slipped(8, '2026-01-01T00:00:00.000Z'));
    await ledger.insertOne(slipped(9, new Date().toISOString()));

    // The first signature, edited in the revision of the agreement's log that recorded it.
    type RoundChange = { changed?: { signatures?: Array<{ organisationId: string; value: string }> } };
    const log = agreements.collection<{ _id: string; aggregateId: string; change: { rounds?: RoundChange[] } }>('agreement_log');
    const signedBy = (organisationId: string) => (round: RoundChange) => round.changed?.signatures?.some((s) => s.organisationId === organisationId) ?? false;
    const firstSigner = signers[0]!.organisationId;
    const signed = (await log.find({ aggregateId: agreementId }).toArray()).find((revision) => revision.change.rounds?.some(signedBy(firstSigner)))!;
    const rounds = signed.change.rounds!.map((round) =>
      signedBy(firstSigner)(round) ? { changed: { ...round.changed, signatures: round.changed!.signatures!.map((s) => (s.organisationId === firstSigner ? { ...s, value: `${s.value.slice(0, -4)}AAAA` } : s)) } } : round,
    );
    await log.updateOne({ _id: signed._id }, { $set: { 'change.rounds': rounds } });

    const report = await verify();
    expect(report.intact).toBe(false);
    const named = report.findings.map((finding) => [finding.problem, finding.kind, finding.recordId, finding.linkedAs ?? null]);
    expect(named).toEqual(
      expect.arrayContaining([
        ['edited', 'ledgerEntry', entry(3), null],
        ['deleted', 'ledgerEntry', entry(4), null],
        ['reordered', 'ledgerEntry', entry(1), entry(2)],
        ['reordered', 'ledgerEntry', entry(2), entry(1)],
        ['edited', 'signature', signatureRecordId(agreementId, 1, signers[0]!.organisationId), null],
        ['inserted', 'ledgerEntry', entry(8), null],
        ['notYetLinked', 'ledgerEntry', entry(9), null],
      ]),
    );
    expect(named).toHaveLength(7);
  }, 120_000);
});
