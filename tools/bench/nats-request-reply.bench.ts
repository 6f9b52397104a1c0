// NestJS NATS request/reply (A) against raw nats.js request/reply (B), on one real nats-server.
// Not a test: run with `npm run bench`; see tools/bench/README.md.
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ClientProxyFactory,
  MessagePattern,
  Payload,
  Transport,
  type ClientProxy,
  type MicroserviceOptions,
} from '@nestjs/microservices';
import { connect, type NatsConnection } from 'nats';
import { firstValueFrom, timeout } from 'rxjs';
import { z } from 'zod';
import { serviceQueueGroup, type CreateOrganisationCommand } from '@mitra/contracts';
import { natsConnectionOptions } from '@mitra/platform';
import { dataRoot, freePort, natsSeedFile, startNats, workspaceRoot } from '@mitra/stack';
import { compare, ratios, type Operation, type Ratios, type Summary } from './measure';

const count = z.coerce.number().int().min(1);
const config = z
  .object({
    BENCH_WARMUP: z.coerce.number().int().min(0).default(500),
    BENCH_ITERATIONS: count.default(3000),
    BENCH_CONCURRENT_ITERATIONS: count.default(10_000),
    BENCH_CONCURRENCY: count.default(32),
    BENCH_ROUNDS: count.default(5),
    BENCH_TIMEOUT_MS: count.default(5000),
  })
  .parse(process.env);

// The responders are the stakeholders service's NATS user and the callers the api's, so the server checks
// the same permissions as in production (libs/stack nats-access.ts).
const nestSubject = 'stakeholders.bench.echo';
const rawSubject = 'stakeholders.bench.raw';
// Both responders join the service's queue group, as the real services do (see bootstrapService).
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

@Controller()
class EchoController {
  @MessagePattern(nestSubject)
  echo(@Payload() data: unknown): unknown {
    return data;
  }
}

@Module({ controllers: [EchoController] })
class BenchModule {}

interface Variant {
  name: string;
  request: Operation;
}

interface ModeResult {
  mode: 'sequential' | 'concurrent';
  concurrency: number;
  nest: Summary;
  raw: Summary;
  ratio: Ratios;
}

function nestRequest(client: ClientProxy): Operation {
  return () => firstValueFrom(client.send(nestSubject, payload).pipe(timeout(config.BENCH_TIMEOUT_MS)));
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

async function assertEchoes(variant: Variant): Promise<void> {
  const reply = JSON.stringify(await variant.request());
  if (reply !== payloadJson) throw new Error(`${variant.name} did not echo the payload: ${reply}`);
}

async function measureMode(nest: Variant, raw: Variant, mode: ModeResult['mode']): Promise<ModeResult> {
  const concurrency = mode === 'sequential' ? 1 : config.BENCH_CONCURRENCY;
  const iterations = mode === 'sequential' ? config.BENCH_ITERATIONS : config.BENCH_CONCURRENT_ITERATIONS;
  const { a, b } = await compare(nest.request, raw.request, {
    iterations,
    concurrency,
    warmup: config.BENCH_WARMUP,
    rounds: Math.min(config.BENCH_ROUNDS, iterations),
  });
  return { mode, concurrency, nest: a, raw: b, ratio: ratios(a, b) };
}

function formatTable(results: ModeResult[]): string {
  const ms = (value: number) => value.toFixed(3);
  const rps = (value: number) => Math.round(value).toLocaleString('en-US');
  const times = (value: number) => `${value.toFixed(2)}x`;
  const rows: string[][] = [['mode', 'variant', 'requests', 'p50 ms', 'p99 ms', 'req/s']];
  for (const result of results) {
    const mode = `${result.mode} (${result.concurrency} in flight)`;
    for (const [label, summary] of [
      ['A  NestJS', result.nest],
      ['B  raw nats.js', result.raw],
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
      'A/B',
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
    const port = await freePort();
    const { process: nats, credentialsDir } = await startNats(dataDir, port);
    cleanups.push(() => nats.stop());
    const natsUrl = `nats://127.0.0.1:${port}`;
    const asService = natsConnectionOptions({ NATS_URL: natsUrl, NATS_NKEY_SEED_FILE: natsSeedFile(credentialsDir, 'stakeholders') });
    const asApi = natsConnectionOptions({ NATS_URL: natsUrl, NATS_NKEY_SEED_FILE: natsSeedFile(credentialsDir, 'api') });

    const app: INestMicroservice = await NestFactory.createMicroservice<MicroserviceOptions>(BenchModule, {
      transport: Transport.NATS,
      options: { ...asService, queue },
      logger: ['error', 'warn'],
    });
    await app.listen();
    cleanups.push(() => app.close());

    const client = ClientProxyFactory.create({ transport: Transport.NATS, options: asApi });
    await client.connect();
    cleanups.push(() => client.close());

    // Two connections for raw too, as Nest's server and client each hold their own.
    const responder = await connect({ ...asService, name: 'bench-raw-responder' });
    cleanups.push(() => responder.drain());
    responder.subscribe(rawSubject, { queue, callback: (_error, msg) => msg.respond(msg.data) });
    const requester = await connect({ ...asApi, name: 'bench-raw-requester' });
    cleanups.push(() => requester.drain());
    await responder.flush();

    const nest: Variant = { name: 'NestJS', request: nestRequest(client) };
    const raw: Variant = { name: 'raw nats.js', request: rawRequest(requester) };
    await assertEchoes(nest);
    await assertEchoes(raw);

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
      rounds: config.BENCH_ROUNDS,
      sameProcess: true,
    };
    console.log(
      [
        `NATS request/reply: A = NestJS ClientProxy -> @MessagePattern, B = raw nats.js request -> subscribe/respond`,
        `nats-server ${setup.natsServer} on 127.0.0.1:${port}; Node ${setup.node}; ${setup.cpus} x ${setup.cpuModel}`,
        `Both variants: responder and caller in this one Node process, each on its own NATS connection, queue group "${queue}".`,
        `Payload ${setup.payloadBytes} bytes of JSON. Per mode: ${setup.warmup} warm-up requests per variant, then the`,
        `measured requests in ${setup.rounds} rounds alternating A and B (A B, B A, ...); latencies pooled over the rounds.`,
        '',
      ].join('\n'),
    );

    const results: ModeResult[] = [];
    for (const mode of ['sequential', 'concurrent'] as const) {
      results.push(await measureMode(nest, raw, mode));
    }

    console.log(formatTable(results));
    console.log('\nA/B: latency above 1x and req/s below 1x is what NestJS adds over raw nats.js.');

    const timestamp = new Date().toISOString();
    const resultsDir = path.join(workspaceRoot, 'tools', 'bench', 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${timestamp.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(
      file,
      `${JSON.stringify({ benchmark: 'nats-request-reply', timestamp, setup, payload, results }, null, 2)}\n`,
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
