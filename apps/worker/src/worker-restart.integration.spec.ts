import { Client, Connection } from '@temporalio/client';
import Long from 'long';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  lifecycleTaskQueue,
  partnershipLifecycleWorkflowName,
  partnershipWorkflowId,
} from '@mitra/contracts';
import { startApp, type ManagedProcess } from '@mitra/stack';
import { systemEnv, systemKeysDir } from '@mitra/testing';
import { coordinator, lifecycleInput, LifecycleDriver } from '../test/lifecycle-driver';

/** The real worker app, in its own Temporal namespace so no other worker picks up its tasks. */
describe('a worker killed in the middle of a stage', () => {
  const namespace = `restart-${randomUUID().slice(0, 8)}`;
  const logDir = () => path.join(systemEnv().MITRA_TEST_DATA_DIR, namespace);
  const startWorker = () =>
    startApp('worker', {
      env: { ...systemEnv(), TEMPORAL_NAMESPACE: namespace },
      natsCredentialsDir: systemEnv().MITRA_TEST_NATS_CREDENTIALS_DIR,
      keysDir: systemKeysDir(),
      logDir: logDir(),
    });
  let connection: Connection;
  let worker: ManagedProcess | undefined;

  beforeAll(async () => {
    connection = await Connection.connect({ address: systemEnv().TEMPORAL_ADDRESS });
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(86_400) } });
    worker = await startWorker();
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await connection?.close();
  });

  it('loses nothing: after a restart the partnership continues with every decision made before the kill', async () => {
    const client = new Client({ connection, namespace });
    const input = lifecycleInput();
    const handle = await client.workflow.start(partnershipLifecycleWorkflowName, {
      workflowId: partnershipWorkflowId(input.partnershipId),
      taskQueue: lifecycleTaskQueue,
      args: [input],
    });
    const driver = new LifecycleDriver(handle);
    await driver.decide('completeTask', { actor: coordinator, taskId: '1.1', evidence: [{ label: 'Notulen rapat 1' }] });
    await driver.decide('answerQuestion', { actor: coordinator, questionId: 'I.1', answer: 'Ya, stunting di 12 kelurahan.' });

    process.kill(-worker!.pid, 'SIGKILL');
    await worker!.exited;
    // A decision sent while no worker runs waits for the next one instead of being lost.
    const whileDown = driver.decide('completeTask', { actor: coordinator, taskId: '1.2', evidence: [] });
    worker = await startWorker();
    await whileDown;

    const state = await driver.state();
    expect(Object.keys(state.tasks).sort()).toEqual(['1.1', '1.2']);
    expect(state.tasks['1.1'].evidence).toEqual([{ label: 'Notulen rapat 1' }]);
    expect(state.answers['I.1'].answer).toBe('Ya, stunting di 12 kelurahan.');
    expect(state.decisions.map((d) => d.kind)).toEqual(['completeTask', 'answerQuestion', 'completeTask']);
    await handle.terminate('test finished');
  }, 180_000);
});
