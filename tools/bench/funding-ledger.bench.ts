// Funding ledger (issue 12's goal: balance and summary of one partnership with 100,000 entries, p50 ≤ 50 ms):
// the funding service over NATS (A) next to the same indexed read of the partnership's newest entry through
// the MongoDB driver (B), on the same FerretDB, in the same run. Since the revision store, every ledger is in
// ONE collection (`ledger_entries`, one document per entry) and the newest entry carries the running figures,
// so both figures are one read whatever the ledger's length; the rows of small ledgers show that. Not a test. Run:
//   npm run bench:funding
//   BENCH_ENTRIES=10000 BENCH_OTHER_PARTNERSHIPS=20 BENCH_ITERATIONS=100 BENCH_WARMUP=10 npm run bench:funding
// Starts its own NATS, FerretDB, stakeholders and funding services under .data/bench-funding-<pid>, removed
// afterwards; with MONGO_URL set it uses that MongoDB instead (and drops its mitra_funding database).
//
// One small partnership is written through the service (its commands timed); the measured one
// (BENCH_ENTRIES) and the other small ones are decided by the same domain rules and inserted straight
// into `ledger_entries` in the document shape the service writes, checked first against the documents
// the service wrote for the same commands. Before anything is timed the service's figures must equal
// the seeded ones, an aggregation over the stored entries, and B's; and the service must append to a
// seeded ledger. Last, two commands through the service on the measured ledger: the first folds it whole,
// the second reads only what was stored since.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ClientProxy } from '@nestjs/microservices';
import mongoose from 'mongoose';
import { firstValueFrom, timeout } from 'rxjs';
import { z } from 'zod';
import {
  approveDisbursementCommandSchema,
  FundingEventType,
  payDisbursementCommandSchema,
  recordCommitmentCommandSchema,
  recordExpenditureCommandSchema,
  recordReceiptCommandSchema,
  requestDisbursementCommandSchema,
  reverseEntryCommandSchema,
  setPlanCommandSchema,
  type Actor,
  type DomainEvent,
  type FundingBalance,
  type FundingPlanInput,
  type FundingSummary,
  type LedgerEntry,
  type MoneyBalance,
  type Organisation,
  type Sector,
  FundingContracts,
  StakeholdersContracts,
} from '@mitra/contracts';
import {
  applyEntry,
  approveDisbursement,
  canonicalize,
  emptyFundingState,
  fundingBalance,
  fundingSummary,
  ledgerRecordHash,
  payDisbursement,
  recordCommitment,
  recordExpenditure,
  recordReceipt,
  requestDisbursement,
  reverseEntry,
  setPlan,
  type FundingDecision,
  type FundingState,
} from '@mitra/domain';
import { revisionId, signingNatsClientProxy, type RevisionDocument } from '@mitra/platform';
import {
  dataRoot,
  freePorts,
  natsSeedFile,
  startApp,
  startFerretDb,
  startNats,
  workspaceRoot,
  type ManagedProcess,
} from '@mitra/stack';
import { ensureTestKeys, testCallerConfig } from '@mitra/testing';
// The service's own collection name and figures version (a bump makes the service recompute instead).
// eslint-disable-next-line no-restricted-imports, @nx/enforce-module-boundaries
import {
  ledgerCollection,
  ledgerFiguresVersion,
  type LedgerChange,
  type LedgerFigures,
} from '../../apps/funding/src/ledger/ledger.schema';
import { compare, ratios, summarize, type Ratios, type Summary } from './measure';

const count = z.coerce.number().int().min(1);
const config = z
  .object({
    /** Ledger entries of the measured partnership. */
    BENCH_ENTRIES: count.min(8).default(100_000),
    /** Small partnerships besides it; the first is written through the service. */
    BENCH_OTHER_PARTNERSHIPS: count.min(2).default(50),
    BENCH_OTHER_ENTRIES: count.min(8).default(20),
    /** Documents per insertMany when seeding. */
    BENCH_LOAD_BATCH: count.default(1_000),
    BENCH_WARMUP: z.coerce.number().int().min(0).default(20),
    BENCH_ITERATIONS: count.default(200),
    BENCH_CONCURRENCY: count.default(1),
    BENCH_ROUNDS: count.default(4),
    BENCH_TIMEOUT_MS: count.default(300_000),
    BENCH_GOAL_P50_MS: z.coerce.number().positive().default(50),
    /** A real MongoDB (its mitra_funding database is dropped) instead of an embedded FerretDB. */
    MONGO_URL: z.string().optional(),
  })
  .parse(process.env);

const admin: Actor = { userId: 'bench-admin', role: 'admin' };

// ------------------------------------------------------------------ one partnership's ledger

interface Organisations {
  city: string;
  company: string;
  donor: string;
  vendor: string;
  cso: string;
}

/** A step of a partnership's funding: the same command goes to the service or straight through the rules. */
interface Step {
  subject: string;
  actor: Actor;
  body: Record<string, unknown>;
}

/**
 * Deterministic per partnership (Park–Miller), so every run seeds the same ledgers: a plan, three cash
 * commitments received in full, then requests, two approvals, a payment and two expenditures each,
 * every fourth block with one expenditure reversed. Plan and commitments grow with the ledger (×1 up to
 * 100 entries, ×1,000 at 100,000) so that every request stays within its line and the fund.
 */
function stepsOf(index: number, entries: number, org: Organisations): Step[] {
  const scale = Math.max(1, Math.ceil(entries / 100));
  let seed = 7 + index;
  const next = (n: number) => {
    seed = (seed * 48_271) % 2_147_483_647;
    return seed % n;
  };
  const cityCoordinator: Actor = {
    userId: 'koordinator-kota',
    role: 'coordinator',
    organisationId: org.city,
  };
  const companyCoordinator: Actor = {
    userId: 'koordinator-pt',
    role: 'coordinator',
    organisationId: org.company,
  };
  const fundHolder: Actor = { userId: 'wakil-yayasan', role: 'partner', organisationId: org.cso };
  const sources: FundingPlanInput['lines'][number]['source'][] = [
    { kind: 'apbd' },
    { kind: 'csr', field: 'pendidikan' },
    { kind: 'csr', field: 'kesehatan' },
    { kind: 'donor' },
    { kind: 'blended', instrument: 'grant' },
  ];
  const plan: FundingPlanInput = {
    mechanism: 'common_fund',
    fundHolderOrganisationId: org.cso,
    lines: sources.map((source, i) => ({
      id: `L${i + 1}`,
      activity: `Kegiatan ${i + 1}`,
      amount: 200_000_000 * scale,
      year: 2026 + (i % 2),
      sdgTargets: [['2.2', '3.2'], ['4.1'], ['3.8'], ['6.1'], ['1.4', '5.5']][i],
      responsibleOrganisationId: i % 2 === 0 ? org.city : org.company,
      source,
    })),
  };
  const committed = 1_000_000_000 * scale;
  const steps: Step[] = [{ subject: FundingContracts.SetPlan.subject, actor: cityCoordinator, body: { plan } }];
  for (const organisationId of [org.company, org.city, org.donor]) {
    steps.push({
      subject: FundingContracts.RecordCommitment.subject,
      actor: cityCoordinator,
      body: {
        commitment: {
          organisationId,
          contribution: { kind: 'cash', amount: committed },
          schedule: [{ dueOn: '2026-01-15', amount: committed }],
        },
      },
    });
  }
  for (const commitment of [2, 3, 4]) {
    steps.push({
      subject: FundingContracts.RecordReceipt.subject,
      actor: fundHolder,
      body: {
        receipt: {
          commitment,
          amount: committed,
          receivedOn: `2026-02-0${commitment}`,
          reference: `TRF-${commitment}`,
        },
      },
    });
  }
  for (let block = 0; steps.length < entries; block++) {
    const amount = 10_000_000 + next(20_000) * 1000;
    const request = steps.length + 1;
    const month = String(3 + (block % 9)).padStart(2, '0');
    const first = Math.floor(amount * 0.6);
    steps.push(
      {
        subject: FundingContracts.RequestDisbursement.subject,
        actor: fundHolder,
        body: {
          request: {
            lineId: `L${(block % 5) + 1}`,
            amount,
            purpose: 'Pelaksanaan kegiatan',
            receivingOrganisationId: org.vendor,
          },
        },
      },
      {
        subject: FundingContracts.ApproveDisbursement.subject,
        actor: cityCoordinator,
        body: { request, approval: {} },
      },
      {
        subject: FundingContracts.ApproveDisbursement.subject,
        actor: companyCoordinator,
        body: { request, approval: {} },
      },
      {
        subject: FundingContracts.PayDisbursement.subject,
        actor: cityCoordinator,
        body: { request, payment: { paidOn: `2026-${month}-05`, reference: `SP2D-${request}` } },
      },
    );
    const payment = request + 3;
    for (const spent of [first, amount - first]) {
      steps.push({
        subject: FundingContracts.RecordExpenditure.subject,
        actor: cityCoordinator,
        body: {
          expenditure: {
            payment,
            amount: spent,
            spentOn: `2026-${month}-20`,
            receivingOrganisationId: org.vendor,
            evidence: { reference: `BAST-${payment}`, description: 'Berita acara serah terima' },
          },
        },
      });
    }
    if (block % 4 === 3)
      steps.push({
        subject: FundingContracts.ReverseEntry.subject,
        actor: cityCoordinator,
        body: { entry: steps.length, reversal: { reason: 'Kuitansi tercatat dua kali' } },
      });
  }
  return steps.slice(0, entries);
}

/**
 * The rule each step runs, on its command parsed as the service's controller parses it, and the input
 * the service hashes with the subject and the actor (`FundingService.run`).
 */
function decide(
  state: FundingState,
  step: Step,
  key: string,
  now: string,
  sectors: ReadonlyMap<string, Sector>,
): { decision: FundingDecision; actor: Actor; input: unknown } {
  const raw = { idempotencyKey: key, actor: step.actor, partnershipId: state.partnershipId, ...step.body };
  const ctx = (actor: Actor) => ({ actor, now, sectors });
  switch (step.subject) {
    case FundingContracts.SetPlan.subject: {
      const { actor, plan } = setPlanCommandSchema.parse(raw);
      return { decision: setPlan(state, plan, ctx(actor)), actor, input: plan };
    }
    case FundingContracts.RecordCommitment.subject: {
      const { actor, commitment } = recordCommitmentCommandSchema.parse(raw);
      return { decision: recordCommitment(state, commitment, ctx(actor)), actor, input: commitment };
    }
    case FundingContracts.RecordReceipt.subject: {
      const { actor, receipt } = recordReceiptCommandSchema.parse(raw);
      return { decision: recordReceipt(state, receipt, ctx(actor)), actor, input: receipt };
    }
    case FundingContracts.RequestDisbursement.subject: {
      const { actor, request } = requestDisbursementCommandSchema.parse(raw);
      return { decision: requestDisbursement(state, request, ctx(actor)), actor, input: request };
    }
    case FundingContracts.ApproveDisbursement.subject: {
      const { actor, request, approval } = approveDisbursementCommandSchema.parse(raw);
      const decision = approveDisbursement(state, request, approval, ctx(actor));
      return { decision, actor, input: { request, approval } };
    }
    case FundingContracts.PayDisbursement.subject: {
      const { actor, request, payment } = payDisbursementCommandSchema.parse(raw);
      const decision = payDisbursement(state, request, payment, ctx(actor));
      return { decision, actor, input: { request, payment } };
    }
    case FundingContracts.RecordExpenditure.subject: {
      const { actor, expenditure } = recordExpenditureCommandSchema.parse(raw);
      return { decision: recordExpenditure(state, expenditure, ctx(actor)), actor, input: expenditure };
    }
    case FundingContracts.ReverseEntry.subject: {
      const { actor, entry, reversal } = reverseEntryCommandSchema.parse(raw);
      const decision = reverseEntry(state, entry, reversal, ctx(actor));
      return { decision, actor, input: { entry, reversal } };
    }
    default:
      throw new Error(`the bench does not seed ${step.subject}`);
  }
}

// ------------------------------------------------------------------ the documents the service writes

type LedgerDocument = RevisionDocument<LedgerChange, DomainEvent, LedgerFigures>;

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const figuresOf = (state: FundingState): LedgerFigures =>
  plain({ version: ledgerFiguresVersion, balance: fundingBalance(state), summary: fundingSummary(state) });

/**
 * The document `FundingService` (its `attempt`) and `RevisionStore.append` write for a step, the state
 * advanced past it: change {entry, command}, the events with the appended record's hash, published, and
 * on the newest entry only the figures after it (`withFigures`).
 */
function ledgerDocument(
  state: FundingState,
  step: Step,
  key: string,
  now: string,
  sectors: ReadonlyMap<string, Sector>,
  withFigures: boolean,
): LedgerDocument {
  const partnershipId = state.partnershipId;
  const { decision, actor, input } = decide(state, step, key, now, sectors);
  const inputHash = createHash('sha256')
    .update(JSON.stringify({ subject: step.subject, actor, input }))
    .digest('hex');
  const entry = plain(decision.entry);
  const command = { key, subject: step.subject, inputHash };
  const { sequence } = entry;
  const appended = {
    type: FundingEventType.LedgerAppended,
    data: {
      recordId: revisionId(partnershipId, sequence),
      sequence,
      recordHash: ledgerRecordHash({ partnershipId, sequence, entry, command }),
    },
  };
  const events = [...decision.events, appended].map((draft, i): DomainEvent => ({
    eventId: `funding:${partnershipId}:${sequence}:${i}`,
    type: draft.type,
    occurredAt: now,
    actor,
    partnershipId,
    organisationIds: [],
    data: draft.data,
  }));
  applyEntry(state, entry);
  return {
    _id: revisionId(partnershipId, sequence),
    aggregateId: partnershipId,
    revision: sequence,
    idempotencyKey: key,
    inputHash,
    change: { entry, command },
    events: plain(events),
    published: true,
    recordedAt: new Date(now),
    ...(withFigures ? { state: figuresOf(state) } : {}),
  };
}

/** What must be equal between the service's document and the bench's: all but the write time and the relay's flag. */
const comparable = ({ recordedAt: _at, published: _published, ...rest }: Partial<LedgerDocument>) =>
  canonicalize(rest);

// ------------------------------------------------------------------ the check: an aggregation over the entries

interface KindTotal {
  _id: { kind: string; reversedKind?: string };
  amount: number;
}

/**
 * The partnership's entries summed per kind (reversals per the kind they undo): the figures recomputed.
 * FerretDB v1 sums `change.entry.contribution.amount` as 0 here, so the committed total is left out.
 */
const rawPipeline = (aggregateId: string) => [
  { $match: { aggregateId } },
  {
    $group: {
      _id: { kind: '$change.entry.kind', reversedKind: '$change.entry.reversedKind' },
      amount: { $sum: '$change.entry.amount' },
    },
  },
];

function rawFigures(groups: KindTotal[]) {
  const of = (kind: string) =>
    groups.filter((g) => g._id.kind === kind && !g._id.reversedKind).reduce((sum, g) => sum + g.amount, 0);
  const undone = (kind: string) =>
    groups
      .filter((g) => g._id.kind === 'reversal' && g._id.reversedKind === kind)
      .reduce((sum, g) => sum + g.amount, 0);
  const received = of('receipt') - undone('receipt');
  const disbursed = of('payment') - undone('payment');
  const reserved = of('disbursement_request') - undone('disbursement_request') - disbursed;
  const balance: MoneyBalance = { received, reserved, disbursed, available: received - reserved - disbursed };
  return { balance, totals: { ...balance, spent: of('expenditure') - undone('expenditure') } };
}

// ------------------------------------------------------------------ the run

interface Row {
  figure: 'balance' | 'summary';
  entries: number;
  partnerships: number;
  service: Summary;
  raw: Summary;
  ratio: Ratios;
  /** Against the goal; only the measured partnership's rows. */
  meetsGoal?: boolean;
  loadAverage: number;
}

async function main(): Promise<void> {
  const dataDir = path.join(dataRoot, `bench-funding-${process.pid}`);
  const cleanups: Array<() => Promise<unknown>> = [
    async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  ];
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const step of cleanups.reverse()) await step().catch((error) => console.error(error));
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

  try {
    const [natsPort, mongoPort] = await freePorts(2);
    const nats = startNats(path.join(dataDir, 'nats'), natsPort);
    const servers: ManagedProcess[] = await Promise.all([
      nats.then((server) => server.process),
      ...(config.MONGO_URL ? [] : [startFerretDb(path.join(dataDir, 'ferretdb'), mongoPort)]),
    ]);
    cleanups.push(...servers.map((server) => () => server.stop()));
    const { credentialsDir: natsCredentialsDir } = await nats;
    const mongoUrl = config.MONGO_URL ?? `mongodb://127.0.0.1:${mongoPort}/`;
    const env = {
      NATS_URL: `nats://127.0.0.1:${natsPort}`,
      MONGO_URL: mongoUrl,
    };
    const connection = await mongoose.createConnection(mongoUrl, { dbName: 'mitra_funding' }).asPromise();
    cleanups.push(() => connection.close());
    if (config.MONGO_URL) {
      await connection.dropDatabase();
      cleanups.push(() => connection.dropDatabase());
    }
    const keysDir = ensureTestKeys(dataDir);
    const apps = await Promise.all(
      (['stakeholders', 'funding'] as const).map((app) =>
        startApp(app, { env, logDir: path.join(dataDir, 'logs'), keysDir, natsCredentialsDir }),
      ),
    );
    cleanups.push(...apps.map((app) => () => app.stop()));

    const client: ClientProxy = signingNatsClientProxy(testCallerConfig({ NATS_URL: env.NATS_URL, NATS_NKEY_SEED_FILE: natsSeedFile(natsCredentialsDir, 'api') }, keysDir));
    await client.connect();
    cleanups.push(() => client.close());
    const send = <T>(subject: string, payload: unknown) =>
      firstValueFrom(client.send<T>(subject, payload).pipe(timeout(config.BENCH_TIMEOUT_MS)));

    const sectors = new Map<string, Sector>();
    const register = async (name: string, sector: Sector) => {
      const organisation = { name, sector, region: { province: 'Jawa Barat', regency: 'Kota Bandung' } };
      const id = (
        await send<Organisation>(StakeholdersContracts.CreateOrganisation.subject, {
          idempotencyKey: `bench-org-${sectors.size}`,
          actor: admin,
          organisation,
          acknowledgeDuplicate: true,
        })
      ).id;
      sectors.set(id, sector);
      return id;
    };
    const org: Organisations = {
      city: await register('Pemerintah Kota Bandung', 'government_regency'),
      company: await register('PT Bank Daerah', 'business'),
      donor: await register('Program Donor Gizi', 'international_donor'),
      vendor: await register('CV Penyedia Barang', 'business'),
      cso: await register('Yayasan Pengelola Dana', 'cso'),
    };

    const idOf = (index: number) => index.toString(16).padStart(20, '0');
    const measured = idOf(0);
    const others = Array.from({ length: config.BENCH_OTHER_PARTNERSHIPS }, (_, i) => idOf(i + 1));
    const ledger = connection.collection<LedgerDocument>(ledgerCollection);
    /** Final states, to check the service's figures against and to continue a ledger. */
    const states = new Map<string, FundingState>();

    // 1. One small partnership through the service, timed: its documents are the reference for the seeded ones.
    const written = others[0];
    const writtenSteps = stepsOf(1, config.BENCH_OTHER_ENTRIES, org);
    const commandTimings: number[] = [];
    for (const [sequence, step] of writtenSteps.entries()) {
      const started = performance.now();
      const entry = await send<LedgerEntry>(step.subject, {
        idempotencyKey: `bench-step-${sequence + 1}`,
        actor: step.actor,
        partnershipId: written,
        ...step.body,
      });
      commandTimings.push(performance.now() - started);
      if (entry.sequence !== sequence + 1)
        throw new Error(`step ${sequence + 1} was written as entry ${entry.sequence}`);
    }
    const commands = summarize(
      [{ latenciesMs: commandTimings, elapsedMs: commandTimings.reduce((a, b) => a + b, 0) }],
      1,
    );
    const indexes = (await ledger.listIndexes().toArray()).map((index) => String(index.name));
    if (!indexes.includes('aggregate_revision'))
      throw new Error(`${ledgerCollection} lacks the revision store's indexes: ${indexes.join(', ')}`);

    // 2. The bench's documents for the same commands (at the times the service decided them) must equal the service's.
    {
      const stored = await ledger.find({ aggregateId: written }).sort({ revision: 1 }).toArray();
      if (stored.length !== writtenSteps.length)
        throw new Error(`the service stored ${stored.length} entries, expected ${writtenSteps.length}`);
      const state = emptyFundingState(written);
      for (const [i, step] of writtenSteps.entries()) {
        const last = i === writtenSteps.length - 1;
        const document = ledgerDocument(
          state,
          step,
          `bench-step-${i + 1}`,
          stored[i].change.entry.at,
          sectors,
          last,
        );
        if (comparable(document) !== comparable(stored[i]) || (last && stored[i].state === undefined))
          throw new Error(
            `entry ${i + 1}: the seeded document would differ from the service's:\n  service ${comparable(stored[i])}\n  seeded  ${comparable(document)}`,
          );
      }
      states.set(written, state);
    }

    // 3. The rest straight into the collection, in batches.
    const loadBefore = os.loadavg();
    let rulesMs = 0;
    let insertMs = 0;
    const now = new Date('2026-11-01T00:00:00.000Z').toISOString();
    const seed = async (partnershipId: string, index: number, entries: number) => {
      const state = emptyFundingState(partnershipId);
      const steps = stepsOf(index, entries, org);
      for (let start = 0; start < steps.length; start += config.BENCH_LOAD_BATCH) {
        let started = performance.now();
        const batch = steps
          .slice(start, start + config.BENCH_LOAD_BATCH)
          .map((step, offset) =>
            ledgerDocument(
              state,
              step,
              `bench-load-${start + offset + 1}`,
              now,
              sectors,
              start + offset === steps.length - 1,
            ),
          );
        rulesMs += performance.now() - started;
        started = performance.now();
        await ledger.insertMany(batch);
        insertMs += performance.now() - started;
        if (entries >= 10 * config.BENCH_LOAD_BATCH && (start / config.BENCH_LOAD_BATCH) % 10 === 9)
          console.log(
            `  seeded ${start + batch.length} of ${entries} entries (${((rulesMs + insertMs) / 1000).toFixed(0)} s, load ${os.loadavg()[0].toFixed(1)})`,
          );
      }
      states.set(partnershipId, state);
    };
    const seedStarted = performance.now();
    await seed(measured, 0, config.BENCH_ENTRIES);
    for (const [i, partnershipId] of others.entries())
      if (partnershipId !== written) await seed(partnershipId, i + 1, config.BENCH_OTHER_ENTRIES);
    const seedMs = performance.now() - seedStarted;
    const loadAfterSeed = os.loadavg();
    const stored = await ledger.countDocuments({ aggregateId: measured });
    const total = await ledger.countDocuments({});
    const expectedTotal = config.BENCH_ENTRIES + others.length * config.BENCH_OTHER_ENTRIES;
    if (stored !== config.BENCH_ENTRIES || total !== expectedTotal)
      throw new Error(
        `${ledgerCollection} holds ${stored} entries of the measured partnership and ${total} in all, expected ${config.BENCH_ENTRIES} and ${expectedTotal}`,
      );
    console.log(
      `Ledgers in ${ledgerCollection}: one partnership of ${config.BENCH_ENTRIES} entries and ${others.length} of ${config.BENCH_OTHER_ENTRIES} (${total} entries). ` +
        `One small one through the service (command p50 ${commands.p50Ms.toFixed(1)} ms, p99 ${commands.p99Ms.toFixed(1)} ms), ` +
        `the rest seeded directly in ${(seedMs / 1000).toFixed(0)} s (rules and documents ${(rulesMs / 1000).toFixed(1)} s, ` +
        `insertMany of ${config.BENCH_LOAD_BATCH} ${(insertMs / 1000).toFixed(0)} s; load ${loadBefore[0].toFixed(1)} → ${loadAfterSeed[0].toFixed(1)}).`,
    );

    // 4. The figures: the service's must equal the seeded ones, the aggregation's and the driver's read.
    const balanceOf = (partnershipId: string) =>
      send<FundingBalance>(FundingContracts.GetBalance.subject, { actor: admin, partnershipId });
    const summaryOf = (partnershipId: string) =>
      send<FundingSummary>(FundingContracts.GetSummary.subject, { actor: admin, partnershipId });
    /** B: what `LedgerRepository.head` reads, `RevisionStore.latest`'s query, with the driver. */
    const latestFigures = async (partnershipId: string) => {
      const [document] = await ledger
        .find({ aggregateId: partnershipId }, { projection: { events: 0 } })
        .sort({ revision: -1 })
        .limit(1)
        .toArray();
      if (document?.state?.version !== ledgerFiguresVersion)
        throw new Error(`${partnershipId}: the newest entry carries no current figures`);
      return document.state;
    };
    const rawBalance = async (partnershipId: string) => (await latestFigures(partnershipId)).balance;
    const rawSummary = async (partnershipId: string) => (await latestFigures(partnershipId)).summary;
    let aggregationMs = 0;
    const checkFigures = async (partnershipId: string) => {
      const [balance, summary, fromDriver] = await Promise.all([
        balanceOf(partnershipId),
        summaryOf(partnershipId),
        latestFigures(partnershipId),
      ]);
      const expected = figuresOf(states.get(partnershipId)!);
      const started = performance.now();
      const recomputed = rawFigures(await ledger.aggregate<KindTotal>(rawPipeline(partnershipId)).toArray());
      if (partnershipId === measured && aggregationMs === 0) aggregationMs = performance.now() - started;
      const { received, reserved, disbursed, available, spent } = summary.totals;
      const problems = [
        canonicalize(balance) !== canonicalize(expected.balance) && 'balance ≠ seeded',
        canonicalize(summary) !== canonicalize(expected.summary) && 'summary ≠ seeded',
        canonicalize(balance) !== canonicalize(fromDriver.balance) && 'balance ≠ driver',
        canonicalize(summary) !== canonicalize(fromDriver.summary) && 'summary ≠ driver',
        canonicalize(balance.total) !== canonicalize(recomputed.balance) && 'balance ≠ aggregation',
        canonicalize({ received, reserved, disbursed, available, spent }) !==
          canonicalize(recomputed.totals) && 'summary totals ≠ aggregation',
      ].filter(Boolean);
      if (problems.length > 0)
        throw new Error(
          `${partnershipId}: ${problems.join(', ')}: ${JSON.stringify({ service: balance.total, totals: summary.totals, aggregation: recomputed })}`,
        );
    };
    for (const partnershipId of new Set([measured, written, others[1] ?? written, others.at(-1)!]))
      await checkFigures(partnershipId);
    console.log(
      `Checked: service = seeded = driver = aggregation over the entries (the aggregation took ${(aggregationMs / 1000).toFixed(1)} s over ${config.BENCH_ENTRIES} entries).`,
    );

    /** One more command through the service on a seeded ledger: it folds the seeded entries as its own. */
    const continueLedger = async (partnershipId: string, index: number, entries: number) => {
      const step = stepsOf(index, entries + 1, org).at(-1)!;
      const started = performance.now();
      const entry = await send<LedgerEntry>(step.subject, {
        idempotencyKey: `bench-next-${entries + 1}`,
        actor: step.actor,
        partnershipId,
        ...step.body,
      });
      const elapsedMs = performance.now() - started;
      if (entry.sequence !== entries + 1)
        throw new Error(
          `${partnershipId}: the service appended entry ${entry.sequence}, expected ${entries + 1}`,
        );
      applyEntry(states.get(partnershipId)!, entry);
      await checkFigures(partnershipId);
      return { subject: step.subject, elapsedMs };
    };
    const seededSmall = others.at(-1)!;
    if (seededSmall !== written) await continueLedger(seededSmall, others.length, config.BENCH_OTHER_ENTRIES);

    // 5. The measures: A and B each walk the same partnerships, in the same order.
    const rows: Row[] = [];
    const small = others.filter((id) => id !== seededSmall);
    const measure = async (
      figure: Row['figure'],
      list: string[],
      entries: number,
      service: (id: string) => Promise<unknown>,
      raw: (id: string) => Promise<unknown>,
    ) => {
      const walker = () => {
        let index = 0;
        return () => list[index++ % list.length];
      };
      const [pickA, pickB] = [walker(), walker()];
      const { a, b } = await compare(
        () => service(pickA()),
        () => raw(pickB()),
        {
          iterations: config.BENCH_ITERATIONS,
          concurrency: config.BENCH_CONCURRENCY,
          warmup: config.BENCH_WARMUP,
          rounds: Math.min(config.BENCH_ROUNDS, config.BENCH_ITERATIONS),
        },
      );
      const loadAverage = os.loadavg()[0];
      rows.push({
        figure,
        entries,
        partnerships: list.length,
        service: a,
        raw: b,
        ratio: ratios(a, b),
        ...(list[0] === measured ? { meetsGoal: a.p50Ms <= config.BENCH_GOAL_P50_MS } : {}),
        loadAverage,
      });
      console.log(`measured: ${figure}, ${entries} entries (load ${loadAverage.toFixed(1)})`);
    };
    const loadBeforeMeasures = os.loadavg();
    await measure('balance', [measured], config.BENCH_ENTRIES, balanceOf, rawBalance);
    await measure('summary', [measured], config.BENCH_ENTRIES, summaryOf, rawSummary);
    await measure('balance', small, config.BENCH_OTHER_ENTRIES, balanceOf, rawBalance);
    await measure('summary', small, config.BENCH_OTHER_ENTRIES, summaryOf, rawSummary);
    const loadAfter = os.loadavg();

    console.log(`\n${formatTable(rows)}`);
    console.log(
      `\nA = funding.balance.get / funding.summary.get over NATS (Nest client → service → the newest entry of the partnership in ${ledgerCollection}, ` +
        'its figures), B = the same read with the MongoDB driver (find {aggregateId} sort {revision: -1} limit 1, without the events). ' +
        `Goal (A, ${config.BENCH_ENTRIES} entries): p50 ≤ ${config.BENCH_GOAL_P50_MS} ms. The small ledgers' rows walk ${small.length} partnerships. ` +
        `Load average (1 min) ${loadBeforeMeasures[0].toFixed(1)} before measuring, ${loadAfter[0].toFixed(1)} after, on ${os.cpus().length} cores.`,
    );
    const goalRows = rows.filter((row) => row.meetsGoal !== undefined);
    console.log(
      `Goal: ${goalRows.every((row) => row.meetsGoal) ? 'PASS' : 'FAIL'} (${goalRows
        .map((row) => `${row.figure} p50 ${row.service.p50Ms.toFixed(1)} ms`)
        .join(', ')}).`,
    );

    // 6. Last, as they change the measured ledger: two commands on it. The first folds all its entries
    // (nothing of it is kept by the service yet: seeded straight into the database); the second finds
    // the folded ledger the first left and reads only what was stored since.
    const command = await continueLedger(measured, 0, config.BENCH_ENTRIES);
    const nextCommand = await continueLedger(measured, 0, config.BENCH_ENTRIES + 1);
    console.log(
      `Commands on the ${config.BENCH_ENTRIES}-entry ledger (${command.subject}): the first took ${(command.elapsedMs / 1000).toFixed(1)} s ` +
        `(folds the whole ledger), the next ${nextCommand.elapsedMs.toFixed(1)} ms (the folded ledger kept); their figures checked as above.`,
    );

    const timestamp = new Date().toISOString();
    const setup = {
      entries: config.BENCH_ENTRIES,
      otherPartnerships: others.length,
      otherEntries: config.BENCH_OTHER_ENTRIES,
      commandThroughService: commands,
      seed: { totalMs: seedMs, rulesMs, insertMs, batch: config.BENCH_LOAD_BATCH },
      aggregationMs,
      commandOnMeasuredLedger: command,
      nextCommandOnMeasuredLedger: nextCommand,
      loadAverage: {
        beforeSeed: loadBefore,
        afterSeed: loadAfterSeed,
        beforeMeasures: loadBeforeMeasures,
        after: loadAfter,
      },
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      warmup: config.BENCH_WARMUP,
      iterations: config.BENCH_ITERATIONS,
      concurrency: config.BENCH_CONCURRENCY,
      rounds: config.BENCH_ROUNDS,
      goal: { p50Ms: config.BENCH_GOAL_P50_MS },
      database: config.MONGO_URL ? 'MongoDB (MONGO_URL)' : 'FerretDB v1.24 (SQLite, patched), embedded',
    };
    const resultsDir = path.join(workspaceRoot, 'tools', 'bench', 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `funding-ledger-${timestamp.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(
      file,
      `${JSON.stringify({ benchmark: 'funding-ledger', timestamp, setup, results: rows }, null, 2)}\n`,
    );
    console.log(`Results written to ${path.relative(workspaceRoot, file)}`);
  } finally {
    await cleanUp();
  }
}

function formatTable(rows: Row[]): string {
  const ms = (value: number) => value.toFixed(2);
  const table: string[][] = [
    [
      'figure',
      'entries',
      'A p50',
      'A p99',
      'B p50',
      'B p99',
      'A/B p50',
      'A/B p99',
      'A req/s',
      'load',
      'goal',
    ],
  ];
  for (const row of rows) {
    table.push([
      row.figure,
      row.entries.toLocaleString('en'),
      ms(row.service.p50Ms),
      ms(row.service.p99Ms),
      ms(row.raw.p50Ms),
      ms(row.raw.p99Ms),
      `${row.ratio.p50.toFixed(2)}x`,
      `${row.ratio.p99.toFixed(2)}x`,
      row.service.requestsPerSecond.toFixed(0),
      row.loadAverage.toFixed(1),
      row.meetsGoal === undefined ? '' : row.meetsGoal ? 'PASS' : 'FAIL',
    ]);
  }
  const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  return [
    line(table[0]),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...table.slice(1).map(line),
  ].join('\n');
}

// Exit explicitly: ManagedProcess.stop() leaves its kill-timeout timer holding the event loop.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
