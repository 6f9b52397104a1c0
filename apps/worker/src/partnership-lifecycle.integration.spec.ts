import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import {
  getLifecycleStateQuery,
  lifecycleStageEnteredSubject,
  partnershipLifecycleWorkflowName,
  partnershipWorkflowId,
  type LifecycleStageEnteredEvent,
  type PartnershipLifecycleInput,
} from '@mitra/contracts';
import { systemEnv } from '@mitra/testing';
import { createActivities } from './activities';
import { workflowBundlerOptions, workflowsPath } from './workflow-bundle';

describe('partnershipLifecycle on a real Temporal server', () => {
  const taskQueue = `lifecycle-test-${randomUUID()}`;
  let nats: NatsConnection;
  let nativeConnection: NativeConnection;
  let connection: Connection;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    const { TEMPORAL_ADDRESS, NATS_URL } = systemEnv();
    nats = await connect({ servers: NATS_URL });
    nativeConnection = await NativeConnection.connect({ address: TEMPORAL_ADDRESS });
    connection = await Connection.connect({ address: TEMPORAL_ADDRESS });
    worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowsPath,
      bundlerOptions: workflowBundlerOptions,
      activities: createActivities({ nats }),
    });
    running = worker.run();
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await nativeConnection?.close();
    await connection?.close();
    await nats?.drain();
  });

  it('begins at Initiation, answers its state query and announces the stage on NATS', async () => {
    const partnershipId = randomUUID();
    const announced = new Promise<LifecycleStageEnteredEvent>((resolve) => {
      const subscription = nats.subscribe(lifecycleStageEnteredSubject);
      void (async () => {
        for await (const message of subscription) {
          const event = JSONCodec<LifecycleStageEnteredEvent>().decode(message.data);
          if (event.partnershipId === partnershipId) {
            subscription.unsubscribe();
            resolve(event);
          }
        }
      })();
    });
    await nats.flush();

    const input: PartnershipLifecycleInput = {
      partnershipId,
      name: 'Kemitraan Uji',
      startedBy: { userId: 'koordinator-1', role: 'coordinator' },
      startedAt: '2026-11-25T00:00:00.000Z',
    };
    const handle = await new Client({ connection }).workflow.start(partnershipLifecycleWorkflowName, {
      workflowId: partnershipWorkflowId(partnershipId),
      taskQueue,
      args: [input],
    });

    expect(await handle.query(getLifecycleStateQuery)).toEqual({
      partnershipId,
      name: 'Kemitraan Uji',
      stage: 'initiation',
      status: 'active',
      startedAt: input.startedAt,
      startedBy: 'koordinator-1',
    });
    expect(await announced).toMatchObject({ partnershipId, stage: 'initiation', at: input.startedAt });
    await handle.terminate('test finished');
  });
});
