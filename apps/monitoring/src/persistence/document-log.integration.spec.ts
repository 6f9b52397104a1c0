import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { ErrorCode, MitraError, type Actor, type DomainEvent, type IndicatorInput, type PublicReport } from '@mitra/contracts';
import { canonicalize } from '@mitra/domain';
import { QueryPlanRecorder, systemEnv, unindexedPlans } from '@mitra/testing';
import { PlanEvents } from '../plans/plan-events';
import { planLog } from '../plans/plan.schema';
import { PlansRepository } from '../plans/plans.repository';
import { PlansService } from '../plans/plans.service';
import { PublicationsRepository } from '../publications/publications.repository';
import { PublicationsService } from '../publications/publications.service';
import { SdgCatalogueService } from '../sdg/sdg-catalogue.service';
import type { SnapshotDocument } from './document-log';

const coordinator: Actor = { userId: 'koordinator-1', role: 'coordinator', organisationId: 'org-kota' };
const partnerOf = (organisationId: string): Actor => ({ userId: `wakil-${organisationId}`, role: 'partner', organisationId });
const key = () => `mon-${randomUUID()}`;
const indicator = (name = 'Prevalensi stunting balita'): IndicatorInput => ({
  name,
  sdg: { kind: 'indicator', code: '2.2.1' },
  unit: '%',
  direction: 'lower_is_better',
  accumulation: 'per_period',
  targets: [{ periodNumber: 1, value: 22 }],
  disaggregations: [],
});
const report = (indicatorId: string, periodNumber = 1) => ({ periodNumber, values: [{ indicatorId, value: 24.5, breakdown: [] }], narrative: 'Kelas gizi berjalan.', evidenceLinks: [] });
const codeOf = (outcome: PromiseSettledResult<unknown>) => (outcome.status === 'rejected' ? (outcome.reason as MitraError).code : 'fulfilled');
const canonical = (value: unknown) => canonicalize(JSON.parse(JSON.stringify(value)));

/**
 * Plans and publications on the real database, each test with fresh partnerships. Two "processes"
 * (own connection, own repository and service) race where it matters.
 */
describe('monitoring plans and publications in their document logs', () => {
  const dbName = `mitra_monitoring_store_${randomUUID().slice(0, 8)}`;
  const catalogue = new SdgCatalogueService();
  const published: DomainEvent[] = [];
  const publisher = { publishAll: async (events: DomainEvent[]) => (published.push(...events), events.map((e) => e.eventId)) };
  let recorder: QueryPlanRecorder;
  let other: mongoose.Connection;
  let processes: Array<{ repository: PlansRepository; plans: PlansService; publications: PublicationsService; publicationLog: PublicationsRepository }>;
  const processOn = (connection: mongoose.Connection) => {
    const repository = new PlansRepository(connection);
    const publicationLog = new PublicationsRepository(connection);
    return {
      repository,
      // These tests open no evaluation, so nothing asks the stakeholders service for a map.
      plans: new PlansService(repository, new PlanEvents(repository, publisher as never), catalogue, {} as never),
      publications: new PublicationsService(publicationLog),
      publicationLog,
    };
  };
  const first = () => processes[0]!;
  const revisions = () => recorder.connection.collection<{ _id: string; [field: string]: unknown }>(planLog.revisions);
  const snapshots = () => recorder.connection.collection<SnapshotDocument<unknown>>(planLog.snapshots);

  beforeAll(async () => {
    recorder = await QueryPlanRecorder.connect(systemEnv().MONGO_URL, dbName);
    other = await mongoose.createConnection(systemEnv().MONGO_URL, { dbName }).asPromise();
    processes = [processOn(recorder.connection), processOn(other)];
    await Promise.all(processes.flatMap((p) => [p.repository.ready(), p.publicationLog.ready()]));
  });
  afterAll(async () => {
    await recorder.connection.db?.dropDatabase();
    await other.close();
    await recorder.close();
  });

  /** A plan with targets, two indicators, baselines and a reviewed report: 8 revisions. */
  async function planWithHistory(partnershipId: string) {
    const { plans } = first();
    await plans.chooseTargets({ idempotencyKey: key(), actor: coordinator, partnershipId, targets: ['2.2'] });
    const stunting = await plans.defineIndicator({ idempotencyKey: key(), actor: coordinator, partnershipId, indicator: indicator() as never });
    const classes = await plans.defineIndicator({ idempotencyKey: key(), actor: coordinator, partnershipId, indicator: indicator('Kelas gizi') as never });
    for (const { id } of [stunting, classes]) await plans.fixBaseline({ idempotencyKey: key(), actor: coordinator, partnershipId, indicatorId: id, value: 27.7, date: '2026-01-31' });
    const submitted = await plans.submitReport({ idempotencyKey: key(), actor: partnerOf('org-a'), partnershipId, report: report(stunting.id) as never });
    await plans.approveReport({ idempotencyKey: key(), actor: coordinator, partnershipId, reportId: submitted.id });
    await plans.setSchedule({ idempotencyKey: key(), actor: coordinator, partnershipId, schedule: { startsOn: '2026-01-01', periodMonths: 3, graceDays: 30 } });
    return { stunting, classes };
  }

  it('stores what each command changed, never the plan, and its events with the revision', async () => {
    const partnershipId = `p-${randomUUID()}`;
    const { stunting } = await planWithHistory(partnershipId);
    const stored = await revisions().find({ aggregateId: partnershipId }).sort({ aggregateId: 1, revision: 1 }).toArray();
    expect(stored.map((r) => [r._id, r.revision])).toEqual(Array.from({ length: 8 }, (_, i) => [`${partnershipId}:${i + 1}`, i + 1]));
    // The report's revision holds the report, not the indicators it reports on.
    const submitted = stored[5]!;
    expect(submitted.change).toMatchObject({ subject: 'monitoring.report.submit', patch: { arrays: { reports: { append: [expect.objectContaining({ status: 'submitted' })] } } }, result: { kind: 'element', collection: 'reports' } });
    expect(JSON.stringify(submitted.change)).not.toContain('Prevalensi stunting');
    expect(stored.every((r) => !('state' in r) && !('plan' in r))).toBe(true);
    // The baseline's event, published by the flush after the command and marked.
    const baseline = stored[3]!;
    expect(baseline).toMatchObject({ published: true, events: [{ eventId: `monitoring:${partnershipId}:4:0`, type: 'monitoring.baseline.fixed', partnershipId, data: { indicatorIds: [stunting.id] } }] });
    expect(published.some((e) => e.eventId === `monitoring:${partnershipId}:4:0`)).toBe(true);
    // The snapshot is the plan at the latest revision.
    const snapshot = await snapshots().findOne({ _id: partnershipId });
    expect(snapshot).toMatchObject({ revision: 8, format: planLog.snapshotFormat });
    expect(canonical(snapshot!.document)).toBe(canonical(await first().plans.get({ actor: coordinator, partnershipId })));
  });

  describe('loading the current plan', () => {
    it('reads the snapshot and the revisions after it, each through an index, whatever else the collections hold', async () => {
      // Other partnerships' plans, so that a scan would have rows to read.
      await Promise.all(Array.from({ length: 6 }, () => planWithHistory(`noise-${randomUUID()}`)));
      const partnershipId = `p-${randomUUID()}`;
      const { stunting } = await planWithHistory(partnershipId);
      const { repository, plans, publications, publicationLog } = first();

      const load = await recorder.plansOf(() => repository.current(partnershipId));
      expect(load.map((p) => p.collection)).toEqual([planLog.snapshots, planLog.revisions]);
      expect(unindexedPlans(load)).toEqual([]);

      // Behind by three revisions (a writer died before its snapshot): still indexed, and caught up.
      const atFive = await repository.at(partnershipId, 5);
      await snapshots().replaceOne({ _id: partnershipId }, { revision: 5, format: planLog.snapshotFormat, document: atFive, writtenAt: new Date() });
      const behind = await recorder.plansOf(() => repository.current(partnershipId));
      expect(unindexedPlans(behind)).toEqual([]);
      expect((await snapshots().findOne({ _id: partnershipId }))?.revision).toBe(8);

      // A command: the key, the plan, the append, the snapshot and the outbox, all indexed.
      const command = await recorder.plansOf(() => plans.submitReport({ idempotencyKey: key(), actor: partnerOf('org-b'), partnershipId, report: report(stunting.id) as never }));
      expect(command.length).toBeGreaterThanOrEqual(4);
      expect(unindexedPlans(command)).toEqual([]);

      await publications.publish({ idempotencyKey: key(), actor: coordinator, partnershipId, year: 2025, sections: ['partners'], report: publicReport(partnershipId, 2025) as never });
      const publicRead = await recorder.plansOf(() => publicationLog.current(partnershipId));
      expect(publicRead).toHaveLength(2);
      expect(unindexedPlans(publicRead)).toEqual([]);
    });

    it('gives the current plan from a snapshot left behind, of another format, or missing, and never lets an older one replace a newer', async () => {
      const partnershipId = `p-${randomUUID()}`;
      await planWithHistory(partnershipId);
      const { repository } = first();
      const expected = canonical((await repository.current(partnershipId)).document);
      const atFive = await repository.at(partnershipId, 5);

      // A stale writer's snapshot (revision 5) when 8 is there: the filter keeps the newer one.
      await repository.saveSnapshot(partnershipId, { revision: 5, document: atFive });
      expect((await snapshots().findOne({ _id: partnershipId }))?.revision).toBe(8);

      // A stale snapshot that got in anyway (FerretDB's filtered update is not atomic): still a correct prefix.
      await snapshots().replaceOne({ _id: partnershipId }, { revision: 5, format: planLog.snapshotFormat, document: atFive, writtenAt: new Date() });
      expect(await repository.current(partnershipId)).toMatchObject({ revision: 8 });
      expect(canonical((await repository.current(partnershipId)).document)).toBe(expected);

      await snapshots().updateOne({ _id: partnershipId }, { $set: { format: planLog.snapshotFormat + 1, document: { partnershipId, wrong: true } } });
      expect(canonical((await repository.current(partnershipId)).document)).toBe(expected);
      await snapshots().deleteOne({ _id: partnershipId });
      expect(canonical((await repository.current(partnershipId)).document)).toBe(expected);
      expect(await snapshots().findOne({ _id: partnershipId })).toMatchObject({ revision: 8, format: planLog.snapshotFormat });
    });

    it('refuses an id that is not a string before it reaches the database', async () => {
      await expect(first().repository.current({ $ne: null } as never)).rejects.toThrow(TypeError);
    });
  });

  describe('concurrent commands on one plan', () => {
    it('lets exactly one of twelve reports racing for the same period in, from two processes; the others get 409', async () => {
      const partnershipId = `p-${randomUUID()}`;
      const { stunting } = await planWithHistory(partnershipId);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          processes[i % 2]!.plans.submitReport({ idempotencyKey: key(), actor: partnerOf('org-c'), partnershipId, report: report(stunting.id, 2) as never }),
        ),
      );
      expect(outcomes.map(codeOf).sort()).toEqual(['fulfilled', ...Array<string>(11).fill(ErrorCode.Conflict)].sort());
      const plan = await first().plans.get({ actor: coordinator, partnershipId });
      expect(plan.reports.filter((r) => r.organisationId === 'org-c' && r.periodNumber === 2)).toHaveLength(1);
      expect(await revisions().countDocuments({ aggregateId: partnershipId })).toBe(9);
    });

    it('lets every one of eight reports that do not conflict in, each deciding again on the newer plan', async () => {
      const partnershipId = `p-${randomUUID()}`;
      const { stunting } = await planWithHistory(partnershipId);
      const organisations = Array.from({ length: 8 }, (_, i) => `org-${i}`);
      await Promise.all(
        organisations.map((organisationId, i) =>
          processes[i % 2]!.plans.submitReport({ idempotencyKey: key(), actor: partnerOf(organisationId), partnershipId, report: report(stunting.id, 3) as never }),
        ),
      );
      const { revision, document } = await first().repository.current(partnershipId);
      expect(revision).toBe(16);
      expect(document.reports.filter((r) => r.periodNumber === 3).map((r) => r.organisationId).sort()).toEqual(organisations);
      expect((await snapshots().findOne({ _id: partnershipId }))?.revision).toBe(16);
    });

    it('writes one revision for ten copies of one command, gives each the same reply, and refuses the key with other input', async () => {
      const partnershipId = `p-${randomUUID()}`;
      const idempotencyKey = key();
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) => processes[i % 2]!.plans.defineIndicator({ idempotencyKey, actor: coordinator, partnershipId, indicator: indicator() as never })),
      );
      expect(new Set(replies.map((r) => r.id)).size).toBe(1);
      expect(await revisions().countDocuments({ aggregateId: partnershipId, idempotencyKey })).toBe(1);
      expect((await first().plans.get({ actor: coordinator, partnershipId })).indicators).toHaveLength(1);
      await expect(first().plans.defineIndicator({ idempotencyKey, actor: coordinator, partnershipId, indicator: indicator('Lain') as never })).rejects.toMatchObject({ code: ErrorCode.Conflict });
      // The same key from another actor is another command.
      await expect(first().plans.defineIndicator({ idempotencyKey, actor: { ...coordinator, userId: 'koordinator-2' }, partnershipId, indicator: indicator() as never })).rejects.toMatchObject({ code: ErrorCode.Conflict });
    });

    it('gives a command repeated after later ones its first reply, from the plan as it left it', async () => {
      const partnershipId = `p-${randomUUID()}`;
      const idempotencyKey = key();
      const command = { idempotencyKey, actor: coordinator, partnershipId, indicator: indicator() as never };
      const defined = await first().plans.defineIndicator(command);
      await first().plans.fixBaseline({ idempotencyKey: key(), actor: coordinator, partnershipId, indicatorId: defined.id, value: 30, date: '2026-01-31' });
      const chosen = await first().plans.chooseTargets({ idempotencyKey: 'targets-once', actor: coordinator, partnershipId, targets: ['2.2'] });
      await first().plans.chooseTargets({ idempotencyKey: key(), actor: coordinator, partnershipId, targets: ['3.2'] });

      expect(await processes[1]!.plans.defineIndicator(command)).toEqual(defined);
      expect((await first().plans.get({ actor: coordinator, partnershipId })).indicators[0]?.baseline).toBeDefined();
      expect(canonical(await first().plans.chooseTargets({ idempotencyKey: 'targets-once', actor: coordinator, partnershipId, targets: ['2.2'] }))).toBe(canonical(chosen));
    });
  });

  describe('publications', () => {
    it('withdraws a year once of two racing withdrawals, keeps each published snapshot in its revision, and replays the first reply', async () => {
      const partnershipId = `p-${randomUUID()}`;
      const { publications } = first();
      const publish = { idempotencyKey: key(), actor: coordinator, partnershipId, year: 2025, sections: ['partners' as const], report: publicReport(partnershipId, 2025) as never };
      const first2025 = await publications.publish(publish);
      const outcomes = await Promise.allSettled(
        processes.map(({ publications: p }) => p.withdraw({ idempotencyKey: key(), actor: coordinator, partnershipId, year: 2025, reason: 'Angka dana perlu dikoreksi.' })),
      );
      expect(outcomes.map(codeOf).sort()).toEqual([ErrorCode.Conflict, 'fulfilled'].sort());
      await publications.publish({ ...publish, idempotencyKey: key(), report: { ...publicReport(partnershipId, 2025), partnershipName: 'Nama baru' } as never });

      expect(await publications.publish(publish)).toEqual(first2025);
      const record = await publications.get({ actor: coordinator, partnershipId });
      expect(record.decisions.map((d) => d.kind)).toEqual(['published', 'withdrawn', 'published']);
      expect(record.publications).toEqual([expect.objectContaining({ year: 2025, status: 'published', report: expect.objectContaining({ partnershipName: 'Nama baru' }) })]);
      expect((await publications.publicReport({ partnershipId, year: 2025 })).partnershipName).toBe('Nama baru');
      expect(await recorder.connection.collection('publication_changes').countDocuments({ aggregateId: partnershipId })).toBe(3);
    });
  });
});

function publicReport(partnershipId: string, year: number): PublicReport {
  return { partnershipId, partnershipName: 'Kemitraan Gizi Kota', year, sections: ['partners'], partners: [{ name: 'Pemerintah Kota', sector: 'government_regency', role: 'lead' }] };
}
