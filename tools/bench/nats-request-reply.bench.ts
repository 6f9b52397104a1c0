// NestJS NATS request/reply (A) against raw nats.js request/reply (B), on one real nats-server; and what the
// actor assertion the services require (MAC'd by the client for the service, verified by a global guard) adds, behind the
// pipeline every service runs, to an echo (C against E), to a handler that reads from FerretDB (D against R), and to a real command handler
// (validation + persistence: the latest revision read and the next appended in FerretDB, as the services write) called through the
// services' own caller, ServiceClient (W against U).
// Not a test: run with `npm run bench`; see tools/bench/README.md.
import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Controller, Module, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ClientProxyFactory,
  MessagePattern,
  Payload,
  Transport,
  type ClientProxy,
  type MicroserviceOptions,
} from '@nestjs/microservices';
import mongoose from 'mongoose';
import pino from 'pino';
import { connect, type NatsConnection } from 'nats';
import { firstValueFrom, timeout } from 'rxjs';
import { z } from 'zod';
import {
  createOrganisationCommandSchema,
  defineCommand,
  defineQuery,
  everyone,
  getOrganisationQuerySchema,
  MitraError,
  parseContract,
  serviceQueueGroup,
  staff,
  type CreateOrganisationCommand,
  type GetOrganisationQuery,
} from '@mitra/contracts';
import {
  AssertionHeaders,
  AssertionSigner,
  AssertionSigningSerializer,
  AssertionVerifier,
  Handles,
  JsonLogger,
  keyIdOf,
  natsConnectionOptions,
  PairwiseKeys,
  RevisionStore,
  requestContext,
  ServiceClient,
  useServicePipeline,
  type NatsConnectionConfig,
} from '@mitra/platform';
import { dataRoot, freePorts, natsSeedFile, startFerretDb, startNats, workspaceRoot } from '@mitra/stack';
import { compare, ratios, run, type Operation, type Ratios, type Summary } from './measure';

const count = z.coerce.number().int().min(1);
const config = z
  .object({
    BENCH_WARMUP: z.coerce.number().int().min(0).default(500),
    BENCH_ITERATIONS: count.default(3000),
    BENCH_CONCURRENT_ITERATIONS: count.default(10_000),
    BENCH_CONCURRENCY: count.default(32),
    BENCH_ROUNDS: count.default(5),
    /** Sequential requests per round: short rounds alternating A B, B A pair each request with its neighbour's. */
    BENCH_SEQUENTIAL_ROUND: count.default(10),
    BENCH_TIMEOUT_MS: count.default(5000),
  })
  .parse(process.env);

// The bare responder's subjects start with `bench.`, the service pipeline's without the assertion guard with
// `bench.service.`, the verifying one's with `bench.signed.`. Subjects of the stakeholders service, answered as its
// NATS user and asked as the api's, so the server checks the same permissions as in production
// (libs/stack nats-access.ts).
const unsignedPrefix = 'stakeholders.bench';
const servicePrefix = 'stakeholders.bench.service';
const signedPrefix = 'stakeholders.bench.signed';
const echoSubject = (prefix: string) => `${prefix}.echo`;
const readSubject = (prefix: string) => `${prefix}.organisation.get`;
const createSubject = (prefix: string) => `${prefix}.organisation.create`;
/** The command as the services' caller sends it: a contract whose reply is the stored revision's receipt. */
const createdOrganisationSchema = z.object({ organisationId: z.string(), revision: z.number() });
type CreatedOrganisation = z.infer<typeof createdOrganisationSchema>;
const createContract = (prefix: string) =>
  defineCommand({
    subject: createSubject(prefix),
    payload: createOrganisationCommandSchema,
    reply: createdOrganisationSchema,
    access: { roles: staff },
  });
/** The query as a service handles it: its contract validates the actor and the id. */
const storedOrganisationSchema = z.object({
  _id: z.string(),
  name: z.string(),
  sector: z.string(),
  region: z.object({ province: z.string() }),
});
const readContract = (prefix: string) =>
  defineQuery({
    subject: readSubject(prefix),
    payload: getOrganisationQuerySchema,
    reply: storedOrganisationSchema.nullable(),
    access: { roles: everyone },
  });
const rawSubject = 'stakeholders.bench.raw';
const rawCommandPrefix = 'stakeholders.bench.raw';
// Both responders join a queue group, as the real services do (see bootstrapService).
const queue = serviceQueueGroup('stakeholders');

/** Shaped like a stakeholders "create organisation" command. */
const payload: CreateOrganisationCommand = {
  idempotencyKey: 'bench-7f3c2a91',
  actor: { userId: 'coordinator-1', role: 'coordinator' },
  organisation: {
    name: 'Forum CSR Kota Bandung',
    sector: 'business',
    region: { province: 'Jawa Barat' },
    contacts: [],
  },
};
const payloadJson = JSON.stringify(payload);

type StoredOrganisation = z.infer<typeof storedOrganisationSchema>;
const storedOrganisation: StoredOrganisation = {
  _id: '6b16240c31eb73371cd48040',
  name: 'Forum CSR Kota Bandung',
  sector: 'business',
  region: { province: 'Jawa Barat' },
};
/** A query as a service receives it: the acting user and an id. */
const readQuery = { actor: payload.actor, id: storedOrganisation._id };

/**
 * A responder app's handlers: the echo, and a real one that reads an organisation from FerretDB by id, as a
 * service's query does. One app answers under `bench.`, the other (verifying assertions) under `bench.signed.`.
 */
type OrganisationRevisions = RevisionStore<CreateOrganisationCommand['organisation'], { eventId: string }>;

function responderModule(
  prefix: string,
  organisations: mongoose.mongo.Collection<StoredOrganisation>,
  revisions: OrganisationRevisions,
): Type {
  @Controller()
  class ResponderController {
    @MessagePattern(echoSubject(prefix))
    echo(@Payload() data: unknown): unknown {
      return data;
    }

    /** A real query: validated against its contract and access policy behind the service pipeline, then read. */
    @Handles(readContract(prefix))
    read(query: GetOrganisationQuery): Promise<StoredOrganisation | null> {
      return organisations.findOne({ _id: query.id });
    }

    /**
     * A real command, as every service handles one on its revision store: validated against its contract (and,
     * behind the service pipeline, checked against its access policy), the aggregate's latest revision read, the
     * next one stored.
     */
    @Handles(createContract(prefix))
    create(command: CreateOrganisationCommand): Promise<CreatedOrganisation> {
      return createOrganisation(revisions, command);
    }
  }
  @Module({ controllers: [ResponderController] })
  class ResponderModule {}
  return ResponderModule;
}

/** The command's work, the same behind NestJS and behind a bare nats.js subscription. */
async function createOrganisation(
  revisions: OrganisationRevisions,
  command: CreateOrganisationCommand,
): Promise<CreatedOrganisation> {
  const organisationId = `org-${command.idempotencyKey}`;
  const latest = await revisions.latest(organisationId);
  const result = await revisions.append(organisationId, latest?.revision ?? 0, command.organisation, [], {
    idempotencyKey: command.idempotencyKey,
    inputHash: command.idempotencyKey,
  });
  if (result.status !== 'appended' && result.status !== 'replayed')
    throw new Error(`create ${organisationId}: ${result.status}`);
  return { organisationId, revision: result.revision.revision };
}

/**
 * The command behind raw nats.js: the subscription decodes Nest's request packet (what ServiceClient sends),
 * validates the payload against the contract, runs the same handler and answers in Nest's reply packet.
 */
function answerCommandsRaw(connection: NatsConnection, revisions: OrganisationRevisions): void {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const contract = createContract(rawCommandPrefix);
  connection.subscribe(contract.subject, {
    queue,
    callback: (_error, msg) => {
      const packet = JSON.parse(decoder.decode(msg.data)) as { id: string; data: unknown };
      const answer = (reply: object) =>
        msg.respond(encoder.encode(JSON.stringify({ id: packet.id, ...reply })));
      void (async () => {
        try {
          const response = await createOrganisation(revisions, parseContract(contract.payload, packet.data));
          answer({ response, isDisposed: true });
        } catch (error) {
          answer({ err: error instanceof MitraError ? error.toBody() : String(error), isDisposed: true });
        }
      })();
    },
  });
}

interface Variant {
  name: string;
  request: Operation;
}

interface ModeResult {
  mode: 'sequential' | 'concurrent';
  concurrency: number;
  /** The first variant compared, then the one it is compared against (ratios are a/b). */
  a: Summary;
  b: Summary;
  ratio: Ratios;
}

function nestRequest(client: ClientProxy, subject: string, body: unknown = payload): Operation {
  return () => firstValueFrom(client.send(subject, body).pipe(timeout(config.BENCH_TIMEOUT_MS)));
}

// Encodes and decodes JSON on the caller, so the caller gets an object back as it does through Nest.
function rawRequest(nc: NatsConnection): Operation {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return async () => {
    const reply = await nc.request(rawSubject, encoder.encode(JSON.stringify(payload)), {
      timeout: config.BENCH_TIMEOUT_MS,
    });
    return JSON.parse(decoder.decode(reply.data)) as unknown;
  };
}

/**
 * CPU microseconds per sequential request this process spends on A and on B (caller and responder both live here;
 * nats-server and FerretDB not counted), in the same short alternating rounds as the latencies: less swayed by other
 * load on the machine than the latencies, which count time waiting for a core.
 */
async function cpuMicrosPerRequest(
  a: Operation,
  b: Operation,
  iterations: number,
): Promise<{ a: number; b: number }> {
  const used = { a: 0, b: 0 };
  const rounds = roundsOf('sequential', iterations);
  for (let round = 0; round < rounds; round++) {
    const share = Math.floor(iterations / rounds) + (round < iterations % rounds ? 1 : 0);
    for (const key of round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
      const before = process.cpuUsage();
      await run(key === 'a' ? a : b, { iterations: share, concurrency: 1 });
      const spent = process.cpuUsage(before);
      used[key] += spent.user + spent.system;
    }
  }
  return { a: used.a / iterations, b: used.b / iterations };
}

/**
 * Each call a new organisation (a fresh idempotency key), as users create them; sent from within a request's
 * context, as the api sends every message (so it carries the request id header, signed or not).
 */
function createRequest(client: ServiceClient, prefix: string): Operation {
  const contract = createContract(prefix);
  let sequence = 0;
  return () => {
    sequence += 1;
    return requestContext.run({ requestId: `bench-request-${sequence}` }, () =>
      client.send(contract, { ...payload, idempotencyKey: `bench-${process.pid}-${prefix}-${sequence}` }),
    );
  };
}

/** The pipeline bootstrapService gives every service, with the assertion guard only when a verifier is given. */
function asAService(app: INestMicroservice, verifier: AssertionVerifier | undefined): void {
  // Every message handled is logged, as in a service; written nowhere, so the terminal stays readable.
  const logger = new JsonLogger('stakeholders', pino.destination({ dest: '/dev/null', sync: true }));
  useServicePipeline(app, logger, { verifier: verifier ?? null, checks: [] });
}

async function assertAnswers(variant: Variant, expected: string): Promise<void> {
  const reply = JSON.stringify(await variant.request());
  if (reply !== expected) throw new Error(`${variant.name} answered ${reply}, not ${expected}`);
}

/**
 * Sequential requests alternate in rounds of `BENCH_SEQUENTIAL_ROUND` (A B, B A, ...): the command's own time drifts by
 * milliseconds within a minute (FerretDB appending to a growing table, PostgreSQL checkpoints), more than the
 * assertion costs, and only neighbouring requests see the same database. With many in flight, a short round would
 * be mostly ramp-up, so that mode keeps `BENCH_ROUNDS` long rounds.
 */
function roundsOf(mode: ModeResult['mode'], iterations: number): number {
  return mode === 'sequential'
    ? Math.max(1, Math.floor(iterations / config.BENCH_SEQUENTIAL_ROUND))
    : Math.min(config.BENCH_ROUNDS, iterations);
}

async function measureMode(first: Variant, second: Variant, mode: ModeResult['mode']): Promise<ModeResult> {
  const concurrency = mode === 'sequential' ? 1 : config.BENCH_CONCURRENCY;
  const iterations = mode === 'sequential' ? config.BENCH_ITERATIONS : config.BENCH_CONCURRENT_ITERATIONS;
  const { a, b } = await compare(first.request, second.request, {
    iterations,
    concurrency,
    warmup: config.BENCH_WARMUP,
    rounds: roundsOf(mode, iterations),
  });
  return { mode, concurrency, a, b, ratio: ratios(a, b) };
}

function formatTable(
  results: ModeResult[],
  labels: readonly [string, string] = ['A  NestJS', 'B  raw nats.js'],
): string {
  const ms = (value: number) => value.toFixed(3);
  const rps = (value: number) => Math.round(value).toLocaleString('en-US');
  const times = (value: number) => `${value.toFixed(2)}x`;
  const rows: string[][] = [['mode', 'variant', 'requests', 'p50 ms', 'p99 ms', 'req/s']];
  for (const result of results) {
    const mode = `${result.mode} (${result.concurrency} in flight)`;
    for (const [label, summary] of [
      [labels[0], result.a],
      [labels[1], result.b],
    ] as const) {
      rows.push([
        mode,
        label,
        String(summary.count),
        ms(summary.p50Ms),
        ms(summary.p99Ms),
        rps(summary.requestsPerSecond),
      ]);
    }
    rows.push([
      mode,
      `${labels[0].charAt(0)}/${labels[1].charAt(0)}`,
      '',
      times(result.ratio.p50),
      times(result.ratio.p99),
      times(result.ratio.requestsPerSecond),
    ]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const body: string[] = [];
  rows.slice(1).forEach((row, index) => {
    if (index > 0 && index % 3 === 0) body.push(rule);
    body.push(line(row));
  });
  return [line(rows[0]), rule, ...body].join('\n');
}

let interrupted = false;

async function main(): Promise<void> {
  const dataDir = path.join(dataRoot, `bench-${process.pid}`);
  const cleanups: Array<() => Promise<unknown>> = [
    async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  ];
  // Run once, whoever asks first (the signal handler or the finally below); both wait for it to end.
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      // Last registered, first undone; one failure must not leave nats-server running.
      for (const step of cleanups.reverse()) await step().catch((error) => console.error(error));
    })());
  // nats-server runs in its own process group, so Ctrl-C would not reach it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      void cleanUp().finally(() => process.exit(130));
    });
  }

  try {
    const [port, mongoPort] = await freePorts(2);
    const [{ process: nats, credentialsDir }, ferretdb] = await Promise.all([
      startNats(dataDir, port),
      startFerretDb(path.join(dataDir, 'ferretdb'), mongoPort),
    ]);
    cleanups.push(
      () => nats.stop(),
      () => ferretdb.stop(),
    );
    const natsUrl = `nats://127.0.0.1:${port}`;
    const asService = natsConnectionOptions({
      NATS_URL: natsUrl,
      NATS_NKEY_SEED_FILE: natsSeedFile(credentialsDir, 'stakeholders'),
    });
    const asApi = natsConnectionOptions({
      NATS_URL: natsUrl,
      NATS_NKEY_SEED_FILE: natsSeedFile(credentialsDir, 'api'),
    });
    const database = new mongoose.mongo.MongoClient(`mongodb://127.0.0.1:${mongoPort}/`);
    await database.connect();
    cleanups.push(() => database.close());
    const organisations = database.db('bench').collection<StoredOrganisation>('organisations');
    await organisations.insertOne(storedOrganisation);
    const revisionsConnection = await mongoose
      .createConnection(`mongodb://127.0.0.1:${mongoPort}/bench`)
      .asPromise();
    cleanups.push(() => revisionsConnection.close());
    const revisions: OrganisationRevisions = new RevisionStore(revisionsConnection, 'organisation_revisions');
    await revisions.ready();

    const startResponder = async (prefix: string, pipeline?: { verifier?: AssertionVerifier }) => {
      const app = await NestFactory.createMicroservice<MicroserviceOptions>(
        responderModule(prefix, organisations, revisions),
        { transport: Transport.NATS, options: { ...asService, queue }, logger: ['error', 'warn'] },
      );
      if (pipeline) asAService(app, pipeline.verifier);
      await app.listen();
      cleanups.push(() => app.close());
    };
    await startResponder(unsignedPrefix);

    const client = ClientProxyFactory.create({ transport: Transport.NATS, options: asApi });
    await client.connect();
    cleanups.push(() => client.close());

    // The assertion: X25519 keys made for the run, the api's and the service's. Two responders run the pipeline
    // of a real service (bootstrapService), one without the assertion guard and one with it, verifying (its
    // replay memory fills as a service's does): what the second costs more is what the assertion adds.
    const [apiKey, serviceKey] = [generateKeyPairSync('x25519'), generateKeyPairSync('x25519')].map(
      ({ privateKey, publicKey }) => ({ privateKey, publicKey, keyId: keyIdOf(publicKey) }),
    );
    const verifier = new AssertionVerifier({
      keys: new PairwiseKeys(serviceKey),
      senders: new Map([[apiKey.keyId, apiKey]]),
      maxLifetimeMs: 30_000,
      clockSkewMs: 5000,
    });
    const signerAsApi = () =>
      new AssertionSigner(new PairwiseKeys(apiKey), new Map([['stakeholders', serviceKey]]), 30_000);
    await startResponder(servicePrefix, {});
    await startResponder(signedPrefix, { verifier });
    const asApiConfig: NatsConnectionConfig = {
      NATS_URL: natsUrl,
      NATS_NKEY_SEED_FILE: natsSeedFile(credentialsDir, 'api'),
    };
    const serviceClient = new ServiceClient(asApiConfig);
    const signingServiceClient = new ServiceClient(asApiConfig, new AssertionHeaders(signerAsApi()));
    cleanups.push(
      () => serviceClient.onApplicationShutdown(),
      () => signingServiceClient.onApplicationShutdown(),
    );
    const signingClient = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: {
        ...asApi,
        serializer: new AssertionSigningSerializer(signerAsApi()),
      },
    });
    await signingClient.connect();
    cleanups.push(() => signingClient.close());

    // Two connections for raw too, as Nest's server and client each hold their own.
    const responder = await connect({ ...asService, name: 'bench-raw-responder' });
    cleanups.push(() => responder.drain());
    responder.subscribe(rawSubject, { queue, callback: (_error, msg) => msg.respond(msg.data) });
    answerCommandsRaw(responder, revisions);
    const requester = await connect({ ...asApi, name: 'bench-raw-requester' });
    cleanups.push(() => requester.drain());
    await responder.flush();

    const nest: Variant = { name: 'NestJS', request: nestRequest(client, echoSubject(unsignedPrefix)) };
    const raw: Variant = { name: 'raw nats.js', request: rawRequest(requester) };
    const signed: Variant = {
      name: 'NestJS with assertion',
      request: nestRequest(signingClient, echoSubject(signedPrefix)),
    };
    const serviceEcho: Variant = {
      name: 'NestJS echo, service pipeline',
      request: nestRequest(client, echoSubject(servicePrefix)),
    };
    const read: Variant = {
      name: 'NestJS read',
      request: nestRequest(client, readSubject(servicePrefix), readQuery),
    };
    const signedRead: Variant = {
      name: 'NestJS read with assertion',
      request: nestRequest(signingClient, readSubject(signedPrefix), readQuery),
    };
    const create: Variant = { name: 'command', request: createRequest(serviceClient, servicePrefix) };
    const bareCreate: Variant = {
      name: 'command, NestJS',
      request: createRequest(serviceClient, unsignedPrefix),
    };
    const rawCreate: Variant = {
      name: 'command, raw nats.js',
      request: createRequest(serviceClient, rawCommandPrefix),
    };
    const signedCreate: Variant = {
      name: 'command with assertion',
      request: createRequest(signingServiceClient, signedPrefix),
    };
    for (const variant of [nest, raw, serviceEcho, signed]) await assertAnswers(variant, payloadJson);
    for (const variant of [create, signedCreate, bareCreate, rawCreate]) await variant.request();
    for (const variant of [read, signedRead])
      await assertAnswers(variant, JSON.stringify(storedOrganisation));
    // The guard must be on: the verifying responder refuses an unsigned request.
    const unsigned = await nestRequest(client, echoSubject(signedPrefix))().then(
      () => undefined,
      (error: unknown) => error,
    );
    if (!unsigned)
      throw new Error('the verifying responder answered an unsigned request: its guard is not on');

    const setup = {
      natsServer: requester.info?.version ?? 'unknown',
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      payloadBytes: Buffer.byteLength(payloadJson),
      warmup: config.BENCH_WARMUP,
      sequentialIterations: config.BENCH_ITERATIONS,
      concurrentIterations: config.BENCH_CONCURRENT_ITERATIONS,
      concurrency: config.BENCH_CONCURRENCY,
      sequentialRound: config.BENCH_SEQUENTIAL_ROUND,
      concurrentRounds: config.BENCH_ROUNDS,
      sameProcess: true,
    };
    console.log(
      [
        `NATS request/reply: A = NestJS ClientProxy -> @MessagePattern, B = raw nats.js request -> subscribe/respond`,
        `nats-server ${setup.natsServer} on 127.0.0.1:${port}; Node ${setup.node}; ${setup.cpus} x ${setup.cpuModel}`,
        `Both variants: responder and caller in this one Node process, each on its own NATS connection, queue group "${queue}".`,
        `Payload ${setup.payloadBytes} bytes of JSON. Per mode: ${setup.warmup} warm-up requests per variant, then the`,
        `measured requests in rounds alternating A and B (A B, B A, ...): of ${setup.sequentialRound} requests each when sequential,`,
        `${setup.concurrentRounds} rounds when concurrent; latencies pooled over the rounds.`,
        `Then what the signed actor assertion adds, each pair behind the pipeline of a real service (bootstrapService:`,
        `error filter, request-context interceptor logging every message, contract guard), with and without its`,
        `assertion guard: C (echo, signed and verified) against E (echo), D (a FerretDB read by id, signed and`,
        `verified) against R (the same read), and W (a command validated and stored as a new revision, sent through`,
        `ServiceClient within a request's context as the api sends, signed and verified) against U (the same, unsigned).`,
        '',
      ].join('\n'),
    );

    const results: ModeResult[] = [];
    const commandResults: ModeResult[] = [];
    const echoAssertionResults: ModeResult[] = [];
    const readAssertionResults: ModeResult[] = [];
    const commandAssertionResults: ModeResult[] = [];
    for (const mode of ['sequential', 'concurrent'] as const) {
      results.push(await measureMode(nest, raw, mode));
      commandResults.push(await measureMode(bareCreate, rawCreate, mode));
      echoAssertionResults.push(await measureMode(signed, serviceEcho, mode));
      readAssertionResults.push(await measureMode(signedRead, read, mode));
      commandAssertionResults.push(await measureMode(signedCreate, create, mode));
    }

    console.log(formatTable(results));
    console.log('\nA/B: latency above 1x and req/s below 1x is what NestJS adds over raw nats.js.\n');
    console.log(formatTable(commandResults, ['N  command, NestJS', 'X  command, raw nats.js']));
    console.log(
      '\nN/X: the same command handler (validation, latest revision read, next appended) behind NestJS and raw nats.js.\n',
    );
    console.log(formatTable(echoAssertionResults, ['C  echo + assertion', 'E  echo']));
    console.log('');
    console.log(formatTable(readAssertionResults, ['D  read + assertion', 'R  NestJS read']));
    console.log('');
    console.log(formatTable(commandAssertionResults, ['W  command + assertion', 'U  command']));
    const cpuIterations = config.BENCH_ITERATIONS;
    const echoCpu = await cpuMicrosPerRequest(signed.request, serviceEcho.request, cpuIterations);
    const readCpu = await cpuMicrosPerRequest(signedRead.request, read.request, cpuIterations);
    const commandCpu = await cpuMicrosPerRequest(signedCreate.request, create.request, cpuIterations);
    const cpu = {
      echo: echoCpu.b,
      signedEcho: echoCpu.a,
      read: readCpu.b,
      signedRead: readCpu.a,
      command: commandCpu.b,
      signedCommand: commandCpu.a,
    };
    console.log(
      '\nWhat signing (client) and verifying (guard) the actor assertion add to a NestJS round trip, at p50:',
    );
    for (const [handler, assertionResults] of [
      ['echo', echoAssertionResults],
      ['FerretDB read', readAssertionResults],
      ['command (validation + revision stored), ServiceClient', commandAssertionResults],
    ] as const) {
      for (const result of assertionResults) {
        const addedUs = (result.a.p50Ms - result.b.p50Ms) * 1000;
        console.log(
          `  ${handler}, ${result.mode}: ${addedUs >= 0 ? '+' : ''}${addedUs.toFixed(0)} µs (${((result.ratio.p50 - 1) * 100).toFixed(1)}%); req/s x${result.ratio.requestsPerSecond.toFixed(2)}`,
        );
      }
    }
    const cpuLine = (handler: string, unsigned: number, signedCpu: number) =>
      `  ${handler}: ${unsigned.toFixed(0)} µs unsigned, ${signedCpu.toFixed(0)} µs signed: +${(signedCpu - unsigned).toFixed(0)} µs (+${(((signedCpu - unsigned) / unsigned) * 100).toFixed(1)}%)`;
    console.log(
      `CPU of this process per sequential request (${cpuIterations} each; nats-server and FerretDB not counted):`,
    );
    console.log(cpuLine('echo', cpu.echo, cpu.signedEcho));
    console.log(cpuLine('FerretDB read', cpu.read, cpu.signedRead));
    console.log(cpuLine('command', cpu.command, cpu.signedCommand));

    const timestamp = new Date().toISOString();
    const resultsDir = path.join(workspaceRoot, 'tools', 'bench', 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${timestamp.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(
      file,
      `${JSON.stringify({ benchmark: 'nats-request-reply', timestamp, setup, payload, results, commandResults, echoAssertionResults, readAssertionResults, commandAssertionResults, cpuMicrosPerRequest: cpu }, null, 2)}\n`,
    );
    console.log(`Results written to ${path.relative(workspaceRoot, file)}`);
  } finally {
    await cleanUp();
  }
}

// Exit explicitly: ManagedProcess.stop() leaves its 10 s kill-timeout timer holding the event loop.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    // After Ctrl-C the closed connections fail the requests in flight: not worth reporting.
    if (!interrupted) console.error(error);
    process.exit(interrupted ? 130 : 1);
  },
);
