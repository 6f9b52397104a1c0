import { NativeConnection, Worker } from '@temporalio/worker';
import { connect } from 'nats';
import { lifecycleTaskQueue } from '@mitra/contracts';
import { loadConfig, natsConnectionOptions } from '@mitra/platform';
import { createActivities } from './activities';
import { workerConfigSchema } from './config';
import { workflowBundlerOptions, workflowsPath } from './workflow-bundle';

async function main(): Promise<void> {
  const config = loadConfig(workerConfigSchema);
  const nats = await connect({ servers: config.NATS_URL, name: 'worker', ...natsConnectionOptions });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: lifecycleTaskQueue,
    activities: createActivities({ nats }),
    ...(config.WORKFLOW_BUNDLE
      ? { workflowBundle: { codePath: config.WORKFLOW_BUNDLE } }
      : { workflowsPath, bundlerOptions: workflowBundlerOptions }),
  });
  const running = worker.run();
  console.log('[mitra] worker ready');
  try {
    await running;
  } finally {
    await connection.close();
    await nats.drain();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
