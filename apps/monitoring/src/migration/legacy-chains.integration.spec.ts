import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { ErrorCode, type Actor, type DomainEvent, type MonitoringPlan, type PublicationRecord } from '@mitra/contracts';
import { canonicalize } from '@mitra/domain';
import { systemEnv } from '@mitra/testing';
import { PlanEvents } from '../plans/plan-events';
import { planLog } from '../plans/plan.schema';
import { PlansRepository } from '../plans/plans.repository';
import { PlansService } from '../plans/plans.service';
import { publicationLog } from '../publications/publication.schema';
import { PublicationsRepository } from '../publications/publications.repository';
import { SdgCatalogueService } from '../sdg/sdg-catalogue.service';
import { legacyPlanChain, migrateLegacyChain, migrateLegacyMonitoring, type LegacyChainReport, type LegacyRevision } from './legacy-chains';

/**
 * Raw documents as the monitoring service wrote them before the document logs (commit 0c72d25): its
 * own PlansService and PublicationsService, run against FerretDB, then dumped. Partnership a0… is a
 * whole cycle (targets, schedule, indicators, baselines, a returned, an approved and a corrected
 * report, two evaluations, a repeated command) with every event published, and four publication
 * decisions; b1… has its last revision's event still pending and its head left behind at revision 1.
 */
const fixture = mongoose.mongo.BSON.EJSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/legacy-layout.ejson'), 'utf8'), { relaxed: true }) as Record<
  string,
  Array<Record<string, unknown>>
>;
const a = 'a0a0a0a0a0a0a0a0a0a0';
const b = 'b1b1b1b1b1b1b1b1b1b1';
const oldPlans = (partnershipId: string) =>
  (fixture.plan_revisions as unknown as LegacyRevision[]).filter((r) => r.partnershipId === partnershipId).sort((x, y) => x.revision - y.revision);
const oldPublications = (fixture.publication_revisions as unknown as LegacyRevision[]).sort((x, y) => x.revision - y.revision);
const canonical = (value: unknown) => canonicalize(value);
const quiet = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
const report = (collection: string, fields: Partial<LegacyChainReport>): LegacyChainReport => ({ collection, aggregates: 0, moved: 0, alreadyMoved: 0, dropped: [], kept: [], ...fields });

describe('moving the previous monitoring layout into the document logs', () => {
  let connection: mongoose.Connection;
  let plans: PlansRepository;
  let publications: PublicationsRepository;
  const logs = () => ({ plans, publications });

  /** Each test has a database of its own, holding the fixture as the previous version left it. */
  beforeEach(async () => {
    connection = await mongoose.createConnection(systemEnv().MONGO_URL, { dbName: `mitra_monitoring_migration_${randomUUID().slice(0, 8)}` }).asPromise();
    for (const [name, documents] of Object.entries(fixture)) await connection.collection(name).insertMany(structuredClone(documents) as never[]);
    plans = new PlansRepository(connection);
    publications = new PublicationsRepository(connection);
    quiet.error.mockClear();
  });
  afterEach(async () => {
    await connection.db!.dropDatabase();
    await connection.close();
  });

  const collectionNames = async () => (await connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const bytes = async (name: string) => (await connection.collection(name).find({}).toArray()).reduce((sum, d) => sum + JSON.stringify(d).length, 0);

  it('moves every revision once, gives back every plan and reply, keeps pending events, and a second run finds nothing to do', async () => {
    const oldBytes = await bytes('plan_revisions');
    expect(await migrateLegacyMonitoring(connection, logs(), quiet)).toEqual([
      report('plan_revisions', { aggregates: 2, moved: 22, dropped: ['plan_revisions', 'plans'] }),
      report('publication_revisions', { aggregates: 1, moved: 4, dropped: ['publication_revisions', 'publications'] }),
    ]);
    expect(await migrateLegacyMonitoring(connection, logs(), quiet)).toEqual([report('plan_revisions', {}), report('publication_revisions', {})]);
    expect(quiet.error).not.toHaveBeenCalled();
    expect(await collectionNames()).toEqual([planLog.revisions, planLog.snapshots, publicationLog.revisions, publicationLog.snapshots].sort());

    // Every old revision is there under its id, and the log folds to the old plan at every step.
    for (const partnershipId of [a, b]) {
      const old = oldPlans(partnershipId);
      const history = await plans.store.history(partnershipId);
      expect(history.map((r) => [r.id, r.revision, r.idempotencyKey, r.inputHash])).toEqual(old.map((d) => [d._id, d.revision, d.commands.at(-1)!.key, d.commands.at(-1)!.inputHash]));
      for (const document of old) expect(canonical(await plans.at(partnershipId, document.revision))).toBe(canonical(document.plan));
      expect(canonical((await plans.current(partnershipId)).document)).toBe(canonical(old.at(-1)!.plan));
      // A repeated command finds its revision and the reply it gave before the move.
      for (const document of old) {
        const entry = document.commands.at(-1)!;
        const revision = await plans.byIdempotencyKey(partnershipId, entry.key);
        expect(canonical(await plans.resultOf(revision!))).toBe(canonical(entry.result));
      }
    }
    expect(await plans.current(b)).toMatchObject({ revision: 3 });
    for (const document of oldPublications) {
      const entry = document.commands.at(-1)!;
      expect(canonical(await publications.at(a, document.revision))).toBe(canonical(document.record));
      expect(canonical(await publications.resultOf((await publications.byIdempotencyKey(a, entry.key))!))).toBe(canonical(entry.result));
    }
    expect((await publications.store.history(a)).map((r) => r.change.subject)).toEqual([
      'monitoring.publication.publish',
      'monitoring.publication.withdraw',
      'monitoring.publication.publish',
      'monitoring.publication.publish',
    ]);

    // Published stays published; what never reached NATS is pending for the sweep, with its events.
    expect((await plans.store.pendingEvents({ limit: 100 })).map((p) => [p.aggregateId, p.revision, p.events.map((e: DomainEvent) => e.eventId)])).toEqual([
      [b, 3, [`monitoring:${b}:3:0`]],
    ]);
    // What changed, not whole plans: a fraction of the old bytes (and the snapshots are one plan each).
    expect(await bytes(planLog.revisions)).toBeLessThan(oldBytes / 4);
  });

  it('answers a command repeated after the move with its first reply, refuses its key with other input, and appends after the moved revisions', async () => {
    await migrateLegacyMonitoring(connection, logs(), quiet);
    const service = new PlansService(plans, new PlanEvents(plans, { publishAll: async (events: DomainEvent[]) => events.map((e) => e.eventId) } as never), new SdgCatalogueService(), {} as never);
    // The first command of a0…, exactly as the previous version was sent it.
    const coordinator: Actor = { userId: 'koordinator-kota', role: 'coordinator', organisationId: '65f000000000000000000001' };
    const command = { idempotencyKey: 'legacy-a0-1', actor: coordinator, partnershipId: a, targets: ['2.2', '3.2'] };
    expect(canonical(await service.chooseTargets(command))).toBe(canonical(oldPlans(a)[0]!.plan));
    await expect(service.chooseTargets({ ...command, targets: ['2.2'] })).rejects.toMatchObject({ code: ErrorCode.Conflict });

    const plan: MonitoringPlan = await service.get({ actor: coordinator, partnershipId: a });
    const submitted = plan.reports.find((r) => r.status === 'submitted')!;
    await service.approveReport({ idempotencyKey: `after-move-${randomUUID()}`, actor: coordinator, partnershipId: a, reportId: submitted.id });
    const latest = await plans.store.latest(a);
    expect(latest).toMatchObject({ id: `${a}:20`, revision: 20, change: { subject: 'monitoring.report.approve' } });
    expect((await service.get({ actor: coordinator, partnershipId: a })).reports.find((r) => r.id === submitted.id)?.status).toBe('approved');
  });

  it('finishes a run that died half-way, and two replicas migrating at once move each revision once', async () => {
    // The first five revisions of a0… made it before the crash.
    const old = oldPlans(a);
    let previous: MonitoringPlan = plans.empty(a);
    for (const document of old.slice(0, 5)) {
      const entry = document.commands.at(-1)!;
      await plans.store.importRevision({
        id: document._id,
        aggregateId: a,
        revision: document.revision,
        idempotencyKey: entry.key,
        inputHash: entry.inputHash,
        change: plans.changeOf(entry.subject!, previous, document.plan as MonitoringPlan, entry.result),
        events: document.outbox ?? [],
        published: true,
        recordedAt: new Date(document.writtenAt!),
      });
      previous = document.plan as MonitoringPlan;
    }
    const reports = await Promise.all([
      migrateLegacyMonitoring(connection, { plans: new PlansRepository(connection), publications: new PublicationsRepository(connection) }, quiet),
      migrateLegacyMonitoring(connection, { plans: new PlansRepository(connection), publications: new PublicationsRepository(connection) }, quiet),
    ]);
    expect(reports.flatMap((r) => r.map((chain) => chain.kept))).toEqual([[], [], [], []]);
    expect(reports[0]![0]!.moved + reports[1]![0]!.moved).toBe(22 - 5);
    expect(reports[0]![1]!.moved + reports[1]![1]!.moved).toBe(4);
    expect(await connection.collection(planLog.revisions).countDocuments()).toBe(22);
    expect(canonical((await plans.current(a)).document)).toBe(canonical(old.at(-1)!.plan));
    expect(await collectionNames()).toEqual([planLog.revisions, planLog.snapshots, publicationLog.revisions, publicationLog.snapshots].sort());
  });

  it('keeps the old collections, and says so, when the store holds another revision under one of their ids', async () => {
    await migrateLegacyMonitoring(connection, logs(), quiet);
    // The previous version, still running somewhere, wrote on: revision 4 of b1… in the old layout,
    // while the new one wrote a different revision 4.
    const three = oldPlans(b)[2]!;
    const oldFour = { ...three, _id: `${b}:4`, revision: 4, outbox: [], eventsPublished: true, plan: { ...(three.plan as MonitoringPlan), sdgTargets: ['4.1', '4.2'] }, commands: [...three.commands, { key: 'old-4', subject: 'monitoring.targets.choose', inputHash: 'x', result: null }] };
    await connection.collection('plan_revisions').insertMany(structuredClone(oldPlans(b)) as never[]);
    await connection.collection('plan_revisions').insertOne(oldFour as never);
    const current = await plans.current(b);
    await plans.append(b, current, { ...current.document, sdgTargets: ['4.1', '4.3'] }, { subject: 'monitoring.targets.choose', result: null, idempotencyKey: 'new-4', inputHash: 'y' }, []);

    const [planReport] = await migrateLegacyMonitoring(connection, logs(), quiet);
    expect(planReport!.kept).toEqual([{ aggregateId: b, problems: [`${b}:4 differs from the revision the store holds under that id (plan, command)`] }]);
    expect(planReport!.dropped).toEqual([]);
    expect(quiet.error).toHaveBeenCalledWith(expect.stringContaining(`${b} not fully moved`));
    expect(await connection.collection('plan_revisions').countDocuments()).toBe(4);
    // The store's own revision 4 stands.
    expect((await plans.current(b)).document.sdgTargets).toEqual(['4.1', '4.3']);
  });

  it('moves nothing it does not understand out of the way: a stray document, or a chain with a gap, keeps the old collection', async () => {
    await connection.collection('plan_revisions').insertOne({ _id: 'stray' as never, note: 'not a revision' });
    await connection.collection('plan_revisions').deleteOne({ _id: `${b}:2` as never });
    const chain = legacyPlanChain(plans);
    const first = await migrateLegacyChain(connection, chain, quiet);
    expect(first.kept).toEqual([
      { aggregateId: '(none)', problems: ['stray is not a revision of the previous layout'] },
      { aggregateId: b, problems: ['its revisions are not 1…2: 1, 3'] },
    ]);
    expect(first).toMatchObject({ aggregates: 2, moved: 19, dropped: [] });
    // a0… moved; the old collection is whole; a second run finds a0… there and keeps the rest.
    expect(await connection.collection('plan_revisions').countDocuments()).toBe(22 - 1 + 1);
    expect(await plans.current(a)).toMatchObject({ revision: 19 });
    expect(await plans.current(b)).toMatchObject({ revision: 0 });
    const second = await migrateLegacyChain(connection, chain, quiet);
    expect(second).toMatchObject({ moved: 0, alreadyMoved: 19, dropped: [] });
    expect(second.kept).toEqual(first.kept);
  });

  it('moves a publication record whose every decision kept its snapshot, and the public reads it as before', async () => {
    await migrateLegacyMonitoring(connection, logs(), quiet);
    const record: PublicationRecord = (await publications.current(a)).document;
    expect(canonical(record)).toBe(canonical(oldPublications.at(-1)!.record));
    expect(record.publications.map((p) => [p.year, p.status, p.report.sections])).toEqual([
      [2025, 'published', ['governance', 'partners', 'funding']],
      [2026, 'published', ['partners']],
    ]);
    // The withdrawn 2025 snapshot is in the revision that withdrew it.
    expect((await publications.at(a, 2)).publications[0]).toMatchObject({ status: 'withdrawn', report: { sections: ['governance', 'partners'] } });
  });
});
