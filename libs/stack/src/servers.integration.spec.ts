import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { connect, JSONCodec, nkeyAuthenticator, nkeys, type ConnectionOptions } from 'nats';
import { natsInboxPrefix } from '@mitra/contracts';
import { natsSeedFile, processNatsUsers } from './nats-access';
import { freePorts } from './ports';
import { startServers, type ServerStack } from './servers';
import { dataRoot } from './workspace';

/** As the `tester` user (the apps connect through @mitra/platform's natsConnectionOptions, which this library may not import). */
function asTester(stack: ServerStack): ConnectionOptions {
  const seed = new TextEncoder().encode(fs.readFileSync(natsSeedFile(stack.natsCredentialsDir, 'tester'), 'utf8').trim());
  return { servers: stack.natsUrl, authenticator: nkeyAuthenticator(seed), inboxPrefix: natsInboxPrefix(nkeys.fromSeed(seed).getPublicKey()) };
}

async function withServers<T>(dataDir: string, use: (stack: ServerStack) => Promise<T>): Promise<T> {
  const [temporal, nats, mongo, smtp, mailUi] = await freePorts(5);
  const stack = await startServers({ dataDir, ports: { temporal, nats, mongo, smtp, mailUi }, natsUsers: [...processNatsUsers, 'tester'] });
  try {
    return await use(stack);
  } finally {
    await stack.stop();
  }
}

describe('the embedded servers', () => {
  const dataDir = fs.mkdtempSync(path.join(dataRoot, 'restart-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keep documents, workflows and stream messages across a restart on the same data folder', async () => {
    const json = JSONCodec<{ receipt: string }>();
    await withServers(dataDir, async (stack) => {
      const db = await mongoose.createConnection(stack.mongoUrl, { dbName: 'mitra_restart' }).asPromise();
      await db.collection('payments').insertOne({ _id: 'pay-1' as never, amount: 1_250_000 });
      await db.close();

      const connection = await Connection.connect({ address: stack.temporalAddress });
      await new Client({ connection }).workflow.start('partnershipLifecycle', {
        workflowId: 'partnership-restart',
        taskQueue: 'nobody-polls-this',
        args: [],
      });
      await connection.close();

      const nc = await connect(asTester(stack));
      await (await nc.jetstreamManager()).streams.add({ name: 'RESTART', subjects: ['events.restart.>'] });
      await nc.jetstream().publish('events.restart.receipt', json.encode({ receipt: 'r-1' }));
      await nc.close();
    });

    await withServers(dataDir, async (stack) => {
      const db = await mongoose.createConnection(stack.mongoUrl, { dbName: 'mitra_restart' }).asPromise();
      expect(await db.collection('payments').findOne({ _id: 'pay-1' as never })).toMatchObject({ amount: 1_250_000 });
      await db.close();

      const connection = await Connection.connect({ address: stack.temporalAddress });
      const description = await new Client({ connection }).workflow.getHandle('partnership-restart').describe();
      expect(description.status.name).toBe('RUNNING');
      await connection.close();

      const nc = await connect(asTester(stack));
      const message = await (await nc.jetstreamManager()).streams.getMessage('RESTART', { seq: 1 });
      expect(json.decode(message.data)).toEqual({ receipt: 'r-1' });
      await nc.close();
    });
  }, 240_000);
});
