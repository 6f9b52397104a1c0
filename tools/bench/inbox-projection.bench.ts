// The inbox projection at scale (issue 15): with BENCH_PARTNERSHIPS (10,000) open partnerships in the projection,
// an inbox read and a partnerships list page must be p99 ≤ 200 ms. Not a test. Run:
//   node -r @swc-node/register tools/bench/inbox-projection.bench.ts
//   BENCH_PARTNERSHIPS=2000 BENCH_ITERATIONS=100 node -r @swc-node/register tools/bench/inbox-projection.bench.ts
// Seeds the collections directly (as the projector writes them), on an embedded FerretDB (the patched build) on a
// free loopback port, data in a temporary directory removed afterwards. A is the api's reader (`ProjectionStore`:
// page per key, merge, counts); B, the baseline in the same run, is the bare driver reading the same first page by
// the same index, no count.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import mongoose from 'mongoose';
import type { InboxItem, StageId } from '@mitra/contracts';
import { freePort, startFerretDb } from '@mitra/stack';
// The api's own reader and documents, measured as the api runs them.
// eslint-disable-next-line no-restricted-imports, @nx/enforce-module-boundaries
import {
  audiences,
  everyPartnershipViewer,
  inboxSortKey,
  sdgViewer,
  type InboxEntryDocument,
  type ListingDocument,
} from '../../apps/api/src/inbox-projection/projection-documents';
// eslint-disable-next-line no-restricted-imports, @nx/enforce-module-boundaries
import {
  inboxEntrySchema,
  listingSchema,
  projectedEventSchema,
  projectionCountSchema,
  verificationSchema,
} from '../../apps/api/src/inbox-projection/projection.schemas';
// eslint-disable-next-line no-restricted-imports, @nx/enforce-module-boundaries
import { keptCounts, ProjectionStore } from '../../apps/api/src/inbox-projection/projection-store';
import { compare, ratios, type Operation, type Summary } from './measure';

const partnerships = Number(process.env.BENCH_PARTNERSHIPS ?? 10_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 1);
const goalP99Ms = 200;
const leadOrganisation = 'org-lead';
const partnerOrganisations = Array.from({ length: 20 }, (_, index) => `org-partner-${index}`);
const stages: StageId[] = ['initiation', 'formation', 'implementation', 'maturation'] as StageId[];
const provinces = ['Jawa Barat', 'Jawa Timur', 'Bali', 'Papua', 'Aceh'];

function seedOf(index: number): { entries: InboxEntryDocument[]; listings: ListingDocument[] } {
  const partnershipId = `p${String(index).padStart(6, '0')}`;
  const name = `Kemitraan ${String(index).padStart(6, '0')}`;
  const stage = stages[index % stages.length];
  const partner = partnerOrganisations[index % partnerOrganisations.length];
  const due = new Date(Date.UTC(2027, 0, 1) + (index % 365) * 86_400_000).toISOString();
  const item = (kind: InboxItem['kind'], organisationId: string, dueAt?: string): InboxItem => ({
    kind,
    partnershipId,
    partnershipName: name,
    stage,
    subject: stage,
    organisationId,
    ...(dueAt ? { dueAt } : {}),
    overdue: false,
    link: `/partnerships/${partnershipId}`,
  });
  const entry = (audience: string, inboxItem: InboxItem): InboxEntryDocument => ({
    _id: `${audience}|${partnershipId}|${inboxItem.kind}`,
    audience,
    partnershipId,
    sortKey: inboxSortKey(inboxItem),
    item: inboxItem,
  });
  const coordinators = audiences.coordinatorsOf(leadOrganisation);
  const entries = [
    entry(coordinators, item('tasks_open', leadOrganisation)),
    entry(coordinators, item('report_review', partner, due)),
    entry(coordinators, item('signature_pending', partner, due)),
    entry(audiences.partner(partner), item('report_due', partner, due)),
    entry(audiences.admin, item('report_review', partner, due)),
  ];
  const sdgGoals = [...new Set([1 + (index % 17), 1 + ((index * 7) % 17)])].sort((a, b) => a - b);
  const listing = (viewer: string): ListingDocument => ({
    _id: `${viewer}|${partnershipId}`,
    viewer,
    partnershipId,
    sortKey: `${name}|${partnershipId}`,
    name,
    stage,
    status: 'active',
    sdgGoals,
    health: index % 3 === 0 ? 'at_risk' : 'on_track',
    province: provinces[index % provinces.length],
    changedAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
  });
  const viewers = [everyPartnershipViewer, `org:${leadOrganisation}`, `org:${partner}`];
  return {
    entries,
    listings: viewers
      .flatMap((viewer) => [viewer, ...sdgGoals.map((goal) => sdgViewer(viewer, goal))])
      .map(listing),
  };
}

const line = (name: string, summary: Summary) =>
  `${name.padEnd(44)} ${String(summary.count).padStart(6)} ${summary.p50Ms.toFixed(2).padStart(8)} ${summary.p99Ms.toFixed(2).padStart(8)} ${summary.maxMs.toFixed(2).padStart(8)}`;

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-bench-inbox-'));
  const port = await freePort();
  const ferret = await startFerretDb(dataDir, port);
  const cleanUp = async () => {
    await mongoose.disconnect();
    await ferret.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  try {
    const connection = await mongoose
      .createConnection(`mongodb://127.0.0.1:${port}/`, { dbName: 'mitra_bench_inbox' })
      .asPromise();
    mongoose.set('sanitizeFilter', true);
    const models = {
      inboxEntry: connection.model('InboxEntry', inboxEntrySchema),
      listing: connection.model('PartnershipListing', listingSchema),
      count: connection.model('ProjectionCount', projectionCountSchema),
      projectedEvent: connection.model('ProjectedEvent', projectedEventSchema),
      verification: connection.model('PartnershipVerification', verificationSchema),
    };
    const store = new ProjectionStore(models);
    await store.init();
    const seedStarted = Date.now();
    const counts = new Map<string, number>();
    for (let start = 0; start < partnerships; start += 1000) {
      const seeds = Array.from({ length: Math.min(1000, partnerships - start) }, (_, offset) =>
        seedOf(start + offset),
      );
      await models.inboxEntry.collection.insertMany(seeds.flatMap((seed) => seed.entries) as never[]);
      await models.listing.collection.insertMany(seeds.flatMap((seed) => seed.listings) as never[]);
      keptCounts(
        seeds.flatMap((seed) => seed.entries),
        seeds.flatMap((seed) => seed.listings),
      ).forEach((count, key) => counts.set(key, (counts.get(key) ?? 0) + count));
    }
    await models.count.collection.insertMany(
      [...counts].map(([key, count]) => ({ _id: key, count })) as never[],
    );
    console.log(
      `seeded ${partnerships} partnerships (${await models.inboxEntry.estimatedDocumentCount()} inbox entries, ${await models.listing.estimatedDocumentCount()} listings) in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`,
    );

    const coordinatorKeys = [
      audiences.coordinatorsOf(leadOrganisation),
      audiences.coordinator('user-coordinator'),
    ];
    const coordinatorViewers = [`org:${leadOrganisation}`, 'user:user-coordinator'];
    // The oldest partnership's item must be reachable by paging, and counted.
    const first = await store.inboxPage(coordinatorKeys, 50);
    if (first.total !== partnerships * 3)
      throw new Error(`inbox total ${first.total}, expected ${partnerships * 3}`);
    const middle = await store.inboxPage(coordinatorKeys, 50, first.nextCursor);
    if (middle.items.length !== 50) throw new Error('second inbox page short');
    const list = await store.listPage(coordinatorViewers, { limit: 50 });
    const filtered = await store.listPage(coordinatorViewers, {
      limit: 50,
      stage: 'formation',
      health: 'at_risk',
    });
    if (
      filtered.total !==
      (await models.listing.countDocuments({
        viewer: coordinatorViewers[0],
        stage: 'formation',
        health: 'at_risk',
      }))
    )
      throw new Error('filtered total is wrong');
    const bySdg = await store.listPage(coordinatorViewers, { limit: 50, sdg: 5 });
    if (bySdg.total !== (await models.listing.countDocuments({ viewer: coordinatorViewers[0], sdgGoals: 5 })))
      throw new Error('SDG total is wrong');
    if (bySdg.items.some((item) => !item.sdgGoals.includes(5)))
      throw new Error('SDG page holds another goal');
    if (list.total !== partnerships) throw new Error(`list total ${list.total}, expected ${partnerships}`);
    const deepCursor = list.nextCursor;

    const baseline: Operation = () =>
      models.inboxEntry.collection
        .find({ audience: coordinatorKeys[0] })
        .sort({ sortKey: 1 })
        .limit(51)
        .toArray();
    const cases: Array<[string, Operation]> = [
      ['coordinator inbox, first page of 50', () => store.inboxPage(coordinatorKeys, 50)],
      ['coordinator inbox, second page', () => store.inboxPage(coordinatorKeys, 50, first.nextCursor)],
      ['partner inbox, first page', () => store.inboxPage([audiences.partner(partnerOrganisations[3])], 50)],
      ['list page of 50, no filter', () => store.listPage(coordinatorViewers, { limit: 50 })],
      ['list page, next page', () => store.listPage(coordinatorViewers, { limit: 50, cursor: deepCursor })],
      [
        'list page, stage + health',
        () => store.listPage(coordinatorViewers, { limit: 50, stage: 'formation', health: 'at_risk' }),
      ],
      ['list page, SDG goal', () => store.listPage(coordinatorViewers, { limit: 50, sdg: 5 })],
      ['list page, region', () => store.listPage(coordinatorViewers, { limit: 50, region: 'Bali' })],
      ['auditor: recently changed', () => store.recentPage(50)],
    ];
    console.log(
      `\n${partnerships} partnerships, ${iterations} calls each, ${concurrency} in flight; B = bare driver first page, no count`,
    );
    console.log(
      `${'A (reader)'.padEnd(44)} ${'calls'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}   A/B p99   goal p99 ≤ ${goalP99Ms} ms`,
    );
    const results: Record<string, { a: Summary; b: Summary }> = {};
    for (const [name, operation] of cases) {
      const measured = await compare(operation, baseline, { iterations, concurrency, warmup: 10, rounds: 4 });
      results[name] = measured;
      const verdict = measured.a.p99Ms <= goalP99Ms ? 'PASS' : 'FAIL';
      console.log(
        `${line(name, measured.a)}   ${ratios(measured.a, measured.b).p99.toFixed(2)}x   ${verdict}`,
      );
      console.log(line('  B bare first page', measured.b));
    }
    console.log(
      `load average after: ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')}`,
    );
    const resultsDir = path.join(__dirname, 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(
      path.join(resultsDir, `inbox-projection-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
      JSON.stringify({ partnerships, iterations, concurrency, results }, null, 2),
    );
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
