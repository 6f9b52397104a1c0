// Agreements: sign-and-verify throughput and list latency through the real service, each next to a
// baseline measured in the same run. Not a test (see tools/bench/README.md). Run:
//   node -r @swc-node/register tools/bench/agreements-signing.bench.ts
//   BENCH_AGREEMENTS=1000 BENCH_CONCURRENCY=8 node -r @swc-node/register tools/bench/agreements-signing.bench.ts
// The lists run against every agreement created: one partnership's (BENCH_AGREEMENTS / BENCH_PARTNERSHIPS of them)
// and one organisation's, a party to all (what a partner's list asks), each next to the raw driver query of the same shape.
// It starts its own nats-server, FerretDB and agreements service on free loopback ports (data under
// .data/bench-agreements-<pid>, removed afterwards) and writes tools/bench/results/agreements-signing-<time>.json.
// With MONGO_URL set it uses that database server instead of an embedded FerretDB (and drops its mitra_agreements database).
import 'reflect-metadata';
import { generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ClientProxy } from '@nestjs/microservices';
import mongoose from 'mongoose';
import { firstValueFrom, timeout } from 'rxjs';
import { z } from 'zod';
import {
  type Actor,
  type Agreement,
  type AgreementFields,
  type AgreementVersion,
  type SigningKey,
  type VerificationReport,
  AgreementsContracts,
} from '@mitra/contracts';
import { contentHashOf } from '@mitra/domain';
import { dataRoot, freePorts, natsSeedFile, startApp, startFerretDb, startNats, workspaceRoot, type ManagedProcess } from '@mitra/stack';
import { signingNatsClientProxy } from '@mitra/platform';
import { ensureTestKeys, testCallerConfig } from '@mitra/testing';
import { compare, ratios, run, type Operation, type Ratios, type Summary } from './measure';

const count = z.coerce.number().int().min(1);
const config = z
  .object({
    /** Agreements created for the run (three parties each); every one is signed by each party once. */
    BENCH_AGREEMENTS: count.default(300),
    /** Partnerships the agreements are spread over; the list query asks for one of them. */
    BENCH_PARTNERSHIPS: count.default(10),
    BENCH_ITERATIONS: count.default(300),
    /** A list reads each listed agreement's newest revision: fewer calls than the rest. */
    BENCH_LIST_ITERATIONS: count.default(100),
    BENCH_CONCURRENCY: count.default(8),
    BENCH_WARMUP: z.coerce.number().int().min(0).default(20),
    BENCH_ROUNDS: count.default(4),
    BENCH_TIMEOUT_MS: count.default(30_000),
    /** Another MongoDB-compatible server (its mitra_agreements database is dropped) instead of an embedded FerretDB. */
    MONGO_URL: z.string().optional(),
    /** What MONGO_URL points at, for the printed figures and the results file. */
    BENCH_DATABASE: z.string().default('another server (MONGO_URL)'),
  })
  .parse(process.env);

const coordinator: Actor = { userId: 'bench-coordinator', role: 'coordinator' };
const auditor: Actor = { userId: 'bench-auditor', role: 'auditor' };

interface Signer {
  organisationId: string;
  userId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwkX: string;
  keyId?: string;
}

function signer(index: number): Signer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const organisationId = new mongoose.Types.ObjectId().toString();
  return { organisationId, userId: `bench-signer-${index}`, privateKey, publicKey, jwkX: publicKey.export({ format: 'jwk' }).x! };
}

function fields(signers: Signer[], title: string): AgreementFields {
  const sectors = ['government_regency', 'cso', 'business'] as const;
  return {
    title,
    place: 'Bandung',
    parties: signers.map((s, index) => ({
      organisationId: s.organisationId,
      name: `Organisasi ${index + 1}`,
      sector: sectors[index % sectors.length],
      role: index === 0 ? 'lead' : 'partner',
      representative: { userId: s.userId, name: `Wakil ${index + 1}`, title: 'Direktur' },
      responsibilities: ['Melaksanakan komponen kegiatan', 'Melaporkan kemajuan setiap triwulan'],
      contributions: [{ kind: 'expertise', description: 'Pendampingan teknis' }],
    })),
    background: 'Latar belakang kemitraan untuk pengukuran kinerja.',
    purpose: 'Mengukur penandatanganan dan verifikasi.',
    scope: ['Komponen satu', 'Komponen dua', 'Komponen tiga'],
    sdgTargets: ['6.1'],
    governance: { body: 'Sekretariat Bersama', decisionRule: 'consensus', meetingFrequency: 'quarterly' },
    communication: 'Rapat koordinasi.',
    funding: { mechanism: 'separate' },
    reporting: { frequency: 'quarterly' },
    startDate: '2026-07-01',
    durationMonths: 12,
  };
}

interface Row {
  what: string;
  concurrency: number;
  a: Summary;
  b: Summary;
  ratio: Ratios;
  labels: [string, string];
}

function formatTable(rows: Row[]): string {
  const ms = (value: number) => value.toFixed(3);
  const rps = (value: number) => Math.round(value).toLocaleString('en-US');
  const times = (value: number) => `${value.toFixed(2)}x`;
  const table: string[][] = [['measure', 'variant', 'calls', 'p50 ms', 'p99 ms', 'calls/s']];
  for (const row of rows) {
    const what = `${row.what} (${row.concurrency} in flight)`;
    table.push([what, `A  ${row.labels[0]}`, String(row.a.count), ms(row.a.p50Ms), ms(row.a.p99Ms), rps(row.a.requestsPerSecond)]);
    table.push([what, `B  ${row.labels[1]}`, String(row.b.count), ms(row.b.p50Ms), ms(row.b.p99Ms), rps(row.b.requestsPerSecond)]);
    table.push([what, 'A/B', '', times(row.ratio.p50), times(row.ratio.p99), times(row.ratio.requestsPerSecond)]);
  }
  const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const body: string[] = [];
  table.slice(1).forEach((cells, index) => {
    if (index > 0 && index % 3 === 0) body.push(rule);
    body.push(line(cells));
  });
  return [line(table[0]), rule, ...body].join('\n');
}

async function main(): Promise<void> {
  const dataDir = path.join(dataRoot, `bench-agreements-${process.pid}`);
  const cleanups: Array<() => Promise<unknown>> = [async () => fs.rmSync(dataDir, { recursive: true, force: true })];
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const step of cleanups.reverse()) await step().catch((error) => console.error(error));
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

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
    if (config.MONGO_URL) {
      // A shared server: start from an empty agreements database, and leave none behind.
      const admin = new mongoose.mongo.MongoClient(mongoUrl);
      await admin.db('mitra_agreements').dropDatabase();
      cleanups.push(async () => {
        await admin.db('mitra_agreements').dropDatabase();
        await admin.close();
      });
    }
    const env = {
      NATS_URL: `nats://127.0.0.1:${natsPort}`,
      MONGO_URL: mongoUrl,
      // The service calls no other service: its own bound only has to be valid (at most 60 s).
    };
    const keysDir = ensureTestKeys(dataDir);
    const service: ManagedProcess = await startApp('agreements', { env, logDir: dataDir, keysDir, natsCredentialsDir });
    cleanups.push(() => service.stop());

    const client: ClientProxy = signingNatsClientProxy(testCallerConfig({ NATS_URL: env.NATS_URL, NATS_NKEY_SEED_FILE: natsSeedFile(natsCredentialsDir, 'api') }, keysDir));
    await client.connect();
    cleanups.push(() => client.close());
    const database = await mongoose.createConnection(env.MONGO_URL, { dbName: 'mitra_agreements' }).asPromise();
    cleanups.push(() => database.close());
    const send = <T>(subject: string, payload: unknown) =>
      firstValueFrom(client.send<T>(subject, payload).pipe(timeout(config.BENCH_TIMEOUT_MS)));

    // Three signers, keys enrolled once; every agreement is opened to all three in parallel.
    const signers = [signer(1), signer(2), signer(3)];
    for (const s of signers) {
      const key = await send<SigningKey>(AgreementsContracts.EnrolKey.subject, {
        idempotencyKey: `bench-${randomUUID()}`,
        actor: { userId: s.userId, role: 'partner', organisationId: s.organisationId },
        key: { userId: s.userId, organisationId: s.organisationId, publicKey: s.jwkX },
      });
      s.keyId = key.keyId;
    }
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const partnerships = Array.from({ length: config.BENCH_PARTNERSHIPS }, (_, index) => `bench-p-${index}`);
    const agreements: { id: string; hash: string }[] = [];
    const setupStarted = Date.now();
    let created = 0;
    await run(
      async () => {
        const index = created++;
        const agreement = await send<Agreement>(AgreementsContracts.CreateAgreement.subject, {
          idempotencyKey: `bench-${randomUUID()}`,
          actor: coordinator,
          agreement: { kind: 'mou', partnershipId: partnerships[index % partnerships.length], fields: fields(signers, `Kemitraan uji ${index}`) },
        });
        await send(AgreementsContracts.OpenSigning.subject, {
          idempotencyKey: `bench-${randomUUID()}`,
          actor: coordinator,
          agreementId: agreement.id,
          signing: { versionNumber: 1, mode: 'parallel', expiresAt },
        });
        agreements.push({ id: agreement.id, hash: agreement.versions[0].contentHash });
        if (agreements.length % 100 === 0) console.log(`  ${agreements.length} agreements after ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);
      },
      { iterations: config.BENCH_AGREEMENTS, concurrency: config.BENCH_CONCURRENCY },
    );
    console.log(`Set-up: ${agreements.length} agreements drafted and opened in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);

    // Each sign takes the next (agreement, party) pair: parties outer, agreements inner, so calls in
    // flight touch different agreements, as many signers do.
    const pending = signers.flatMap((s) => agreements.map((agreement) => ({ s, agreement })));
    const signViaService: Operation = async () => {
      const next = pending.shift();
      if (!next) throw new Error('no unsigned (agreement, party) left: raise BENCH_AGREEMENTS');
      const value = sign(null, Buffer.from(next.agreement.hash, 'hex'), next.s.privateKey).toString('base64url');
      await send(AgreementsContracts.Sign.subject, {
        idempotencyKey: `bench-${randomUUID()}`,
        actor: { userId: next.s.userId, role: 'partner', organisationId: next.s.organisationId },
        agreementId: next.agreement.id,
        versionNumber: 1,
        signature: { organisationId: next.s.organisationId, keyId: next.s.keyId, contentHash: next.agreement.hash, value },
      });
    };
    // The cryptography alone, in this process: what a signer and the service compute at least.
    const sample = await send<AgreementVersion>(AgreementsContracts.GetVersion.subject, { actor: auditor, agreementId: agreements[0].id, versionNumber: 1 });
    const signAndVerifyInProcess: Operation = async () => {
      const hash = contentHashOf(sample.content);
      const message = Buffer.from(hash, 'hex');
      const value = sign(null, message, signers[0].privateKey);
      if (!verify(null, message, signers[0].publicKey, value)) throw new Error('in-process signature did not verify');
    };

    let verifyIndex = 0;
    const verifyViaService: Operation = async () => {
      const agreement = agreements[verifyIndex++ % agreements.length];
      const report = await send<VerificationReport>(AgreementsContracts.VerifyVersion.subject, { actor: auditor, agreementId: agreement.id, versionNumber: 1 });
      if (!report.valid) throw new Error(`verification failed for ${agreement.id}`);
    };
    let readIndex = 0;
    const log = database.collection<{ _id: string; aggregateId: string; revision: number }>('agreement_log');
    const directory = database.collection<{ _id: string; listedFor: string }>('agreement_directory');
    // The read verification needs, by the raw driver: the agreement's revision log, one index range.
    const readRevisionRaw: Operation = async () => {
      const agreement = agreements[readIndex++ % agreements.length];
      if ((await log.find({ aggregateId: agreement.id }).sort({ revision: 1 }).toArray()).length === 0) throw new Error('revisions missing');
    };

    let listIndex = 0;
    const listViaService: Operation = async () => {
      await send(AgreementsContracts.ListAgreements.subject, { actor: coordinator, partnershipId: partnerships[listIndex++ % partnerships.length], limit: 100 });
    };
    // The same index range on the agreement directory, without each listed agreement's newest revision (its summary).
    const listRaw: Operation = async () => {
      await directory
        .find({ listedFor: '*', partnershipId: partnerships[listIndex++ % partnerships.length] })
        .sort({ createdAt: -1, agreementId: -1 })
        .limit(100)
        .toArray();
    };
    // A partner's list: the agreements its organisation is party to (here every one), newest 100.
    let partnerIndex = 0;
    const partnerListViaService: Operation = async () => {
      const s = signers[partnerIndex++ % signers.length];
      const listed = await send<unknown[]>(AgreementsContracts.ListAgreements.subject, { actor: { userId: s.userId, role: 'partner', organisationId: s.organisationId }, limit: 100 });
      if (listed.length !== Math.min(100, agreements.length)) throw new Error(`the partner list gave ${listed.length} agreements`);
    };
    const partnerListRaw: Operation = async () => {
      const s = signers[partnerIndex++ % signers.length];
      await directory.find({ listedFor: s.organisationId }).sort({ createdAt: -1, agreementId: -1 }).limit(100).toArray();
    };

    const rows: Row[] = [];
    const iterations = Math.min(config.BENCH_ITERATIONS, Math.floor((pending.length - 2 * config.BENCH_WARMUP) / 2));
    for (const concurrency of [1, config.BENCH_CONCURRENCY]) {
      const options = { iterations: Math.max(1, Math.floor(iterations / 2)), concurrency, warmup: config.BENCH_WARMUP, rounds: config.BENCH_ROUNDS };
      const signed = await compare(signViaService, signAndVerifyInProcess, options);
      rows.push({ what: 'sign (Ed25519 verify + revision insert)', concurrency, labels: ['service over NATS', 'crypto in-process'], ...signed, ratio: ratios(signed.a, signed.b) });
    }
    for (const concurrency of [1, config.BENCH_CONCURRENCY]) {
      const options = { iterations: config.BENCH_ITERATIONS, concurrency, warmup: config.BENCH_WARMUP, rounds: config.BENCH_ROUNDS };
      const verified = await compare(verifyViaService, readRevisionRaw, options);
      rows.push({ what: 'verification report (3 signatures)', concurrency, labels: ['service over NATS', 'raw driver reads'], ...verified, ratio: ratios(verified.a, verified.b) });
    }
    const perPartnership = Math.ceil(agreements.length / partnerships.length);
    for (const concurrency of [1, config.BENCH_CONCURRENCY]) {
      const options = { iterations: config.BENCH_LIST_ITERATIONS, concurrency, warmup: Math.min(config.BENCH_WARMUP, 10), rounds: config.BENCH_ROUNDS };
      const listed = await compare(listViaService, listRaw, options);
      rows.push({ what: `list one partnership (${perPartnership}) of ${agreements.length}`, concurrency, labels: ['service over NATS', 'raw driver find'], ...listed, ratio: ratios(listed.a, listed.b) });
      const partnerListed = await compare(partnerListViaService, partnerListRaw, options);
      rows.push({ what: `partner's list, newest 100 of ${agreements.length}`, concurrency, labels: ['service over NATS', 'raw driver find'], ...partnerListed, ratio: ratios(partnerListed.a, partnerListed.b) });
    }

    const setup = {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      agreements: agreements.length,
      partnerships: partnerships.length,
      iterations: config.BENCH_ITERATIONS,
      listIterations: config.BENCH_LIST_ITERATIONS,
      concurrency: config.BENCH_CONCURRENCY,
      warmup: config.BENCH_WARMUP,
      rounds: config.BENCH_ROUNDS,
      database: config.MONGO_URL ? config.BENCH_DATABASE : 'FerretDB v1.24 (SQLite), embedded',
    };
    console.log(
      [
        '',
        'Agreements: A = the agreements service over NATS (its own process, FerretDB v1 on SQLite), B = a baseline in this process.',
        `Node ${setup.node}; ${setup.cpus} x ${setup.cpuModel}; database: ${setup.database}. Rounds alternate A and B; latencies pooled over the rounds.`,
        '',
        formatTable(rows),
        '',
        'sign: A is one signature submitted and recorded (signed here, verified with node:crypto, written as a new revision,',
        'its event published); B is the cryptography alone (canonical SHA-256 of a version, Ed25519 sign and verify).',
        'lists: A is agreements.agreement.list over NATS (zod, FerretDB); B is the same index range on the agreement',
        'directory by the driver, without reading each listed agreement\'s newest revision for its summary.',
      ].join('\n'),
    );

    const timestamp = new Date().toISOString();
    const resultsDir = path.join(workspaceRoot, 'tools', 'bench', 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `agreements-signing-${timestamp.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, `${JSON.stringify({ benchmark: 'agreements-signing', timestamp, setup, results: rows }, null, 2)}\n`);
    console.log(`Results written to ${path.relative(workspaceRoot, file)}`);
  } catch (error) {
    // The service's log says more than a timeout does.
    for (const log of [path.join(dataDir, 'agreements.log'), path.join(dataDir, 'ferretdb', 'ferretdb.log')]) {
      if (fs.existsSync(log)) console.error(fs.readFileSync(log, 'utf8').split('\n').slice(-15).join('\n'));
    }
    throw error;
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
