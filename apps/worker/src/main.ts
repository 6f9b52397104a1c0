import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { connect } from 'nats';
import { lifecycleTaskQueue } from '@mitra/contracts';
import {
  createServiceClient,
  ensureEventStream,
  JsonLogger,
  loadConfig,
  natsConnectionOptions,
} from '@mitra/platform';
import { workflowBundlerOptions, workflowsPath } from '@mitra/platform/temporal';
import { createActivities } from './activities';
import { workerConfigSchema } from './config';
import { runEventBridge } from './event-bridge';
import { ensureLifecycleSearchAttributes } from './search-attributes';

const logger = new JsonLogger('worker');

async function main(): Promise<void> {
  const config = loadConfig(workerConfigSchema);
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
