import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createServer } from 'node:net';
import { connect } from 'nats';
import { lifecycleTaskQueue } from '@mitra/contracts';
import {
  createServiceClient,
  ensureEventStream,
  JsonLogger,
  loadConfig,
  natsConnectionOptions,
  serveMetrics,
} from '@mitra/platform';
import { workflowBundlerOptions, workflowInterceptorsPath, workflowsPath } from '@mitra/platform/temporal';
import { createActivities } from './activities';
import { workerConfigSchema } from './config';
import { runEventBridge } from './event-bridge';
import { ensureLifecycleSearchAttributes } from './search-attributes';

const logger = new JsonLogger('worker');

/**
 * Open partnerships kept in memory; past it the worker evicts the least recently used, which replays its history
 * when it next has work. Sized from the lifecycle bench ("Worker memory" in tools/bench/README.md): 0.3 MiB RSS and
 * 0.16 MiB heap per freshly started partnership, so a full cache adds ~0.7 GB RSS and ~0.3 GB heap to a ~0.3 GB
 * worker, leaving 0.5 GB of the 1.5 GB goal for partnerships whose state grew over a cycle. That is far below Node's
 * default heap limit, so the heap needs no flag. Temporal's default (2,310 with a 4 GB heap limit) follows the heap
 * limit, not what a workflow costs.
 */
const maxCachedWorkflows = 2_000;

/** A port free on loopback now, for the Temporal SDK's own exporter, which the worker's endpoint reads through. */
function unusedLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The Temporal SDK's runtime: its log lines (the workflows' included, with the request context the api sent) go
 * into the worker's JSON log; with METRICS_PORT set, the worker's endpoint serves its own series and the SDK's
 * (polls, task latencies, cache, sticky queues), which the SDK exports on a loopback port of its own.
 */
async function installRuntime(): Promise<string | undefined> {
  const temporalLogger = new DefaultLogger('INFO', (entry) =>
    logger.event(
      entry.level.toLowerCase() as Parameters<JsonLogger['event']>[0],
      entry.message,
      entry.meta ?? {},
    ),
  );
  if (!process.env.METRICS_PORT) {
    Runtime.install({ logger: temporalLogger });
    return undefined;
  }
  const port = await unusedLoopbackPort();
  Runtime.install({
    logger: temporalLogger,
    telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${port}` } } },
  });
  return `http://127.0.0.1:${port}/metrics`;
}

async function main(): Promise<void> {
  const config = loadConfig(workerConfigSchema);
  const temporalMetrics = await installRuntime();
  const nats = await connect({ ...natsConnectionOptions(config), name: 'worker' });
  await ensureEventStream(nats);
  const jetstream = nats.jetstream();
  const services = createServiceClient(config);
  const nativeConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  await ensureLifecycleSearchAttributes(clientConnection, config.TEMPORAL_NAMESPACE);
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: lifecycleTaskQueue,
    activities: createActivities({ jetstream, services }),
    interceptors: { workflowModules: [workflowInterceptorsPath] },
    maxCachedWorkflows,
    ...(config.WORKFLOW_BUNDLE
      ? { workflowBundle: { codePath: config.WORKFLOW_BUNDLE } }
      : { workflowsPath, bundlerOptions: workflowBundlerOptions }),
  });
  const stopBridge = new AbortController();
  const bridge = runEventBridge({
    jetstream,
    manager: await nats.jetstreamManager(),
    temporal: new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE }),
    namespace: config.TEMPORAL_NAMESPACE,
    signal: stopBridge.signal,
  });
  const running = worker.run();
  await serveMetrics('worker', {
    more: temporalMetrics ? () => fetch(temporalMetrics).then((response) => response.text()) : undefined,
  });
  logger.log('[mitra] worker ready', 'Bootstrap');
  try {
    await running;
  } finally {
    stopBridge.abort();
    await bridge.catch(() => undefined);
    await nativeConnection.close();
    await clientConnection.close();
    await services.onApplicationShutdown();
    await nats.drain();
  }
}

main().catch((error: unknown) => {
  logger.error(error, 'Bootstrap');
  process.exit(1);
});
