import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { connect, JSONCodec, nkeyAuthenticator, nkeys, type ConnectionOptions } from 'nats';
import { natsInboxPrefix } from '@mitra/contracts';
import { natsSeedFile, processNatsUsers } from './nats-access';
import { freePorts, tcpReachable } from './ports';
import { startMailpit, startServers, type ServerStack } from './servers';
import { dataRoot } from './workspace';

/** As the `tester` user (the apps connect through @mitra/platform's natsConnectionOptions, which this library may not import). */
function asTester(stack: ServerStack): ConnectionOptions {
  const seed = new TextEncoder().encode(fs.readFileSync(natsSeedFile(stack.natsCredentialsDir, 'tester'), 'utf8').trim());
  return { servers: stack.natsUrl, authenticator: nkeyAuthenticator(seed), inboxPrefix: natsInboxPrefix(nkeys.fromSeed(seed).getPublicKey()) };
}

/** This machine's first non-loopback IPv4 address, where a server bound to loopback must not answer. */
function externalAddress(): string {
  const address = Object.values(os.networkInterfaces())
    .flat()
    .find((info) => info?.family === 'IPv4' && !info.internal)?.address;
  if (!address) throw new Error('This machine has no non-loopback IPv4 address to test against');
  return address;
}

/**
 * Says each line to an SMTP server after its previous reply, returning the replies (the greeting first); the apps'
 * own client is @mitra/platform's SmtpMailer, which this library may not import.
 */
function smtpConversation(smtpUrl: string, lines: string[]): Promise<string[]> {
  const { hostname, port } = new URL(smtpUrl);
  return new Promise((resolve, reject) => {
    const replies: string[] = [];
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.setEncoding('utf8');
    let pending = '';
    socket.on('data', (chunk: string) => {
      pending += chunk;
      // A reply ends with a line whose code is followed by a space (`250-` lines continue it).
      const last = /(^|\r\n)(\d{3}) [^\r\n]*\r\n$/.exec(pending);
      if (!last) return;
      replies.push(pending);
      pending = '';
      const next = lines[replies.length - 1];
      if (next === undefined) socket.end();
      else socket.write(`${next}\r\n`);
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(replies));
  });
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

  it('keep documents, workflows, stream messages and e-mail across a restart on the same data folder', async () => {
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

      const replies = await smtpConversation(stack.smtpUrl, [
        'EHLO test',
        'MAIL FROM:<noreply@mitra.id>',
        'RCPT TO:<sari@desa.id>',
        'DATA',
        'Subject: Laporan triwulan jatuh tempo\r\n\r\nLaporan triwulan II menunggu Anda.\r\n.',
        'QUIT',
      ]);
      expect(replies.map((reply) => reply.slice(0, 3))).toEqual(['220', '250', '250', '250', '354', '250', '221']);
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

      const mail = (await (await fetch(`${stack.mailUiUrl}/api/v1/messages`)).json()) as { messages: Array<{ Subject: string }> };
      expect(mail.messages.map((m) => m.Subject)).toEqual(['Laporan triwulan jatuh tempo']);
    });
  }, 240_000);

  it('serve Mailpit’s web UI, built, on loopback only', async () => {
    const [smtp, ui] = await freePorts(2);
    const mailpit = await startMailpit(path.join(dataDir, 'mailpit-ui'), smtp, ui);
    try {
      const page = await (await fetch(`http://127.0.0.1:${ui}/`)).text();
      // The page is a shell that the built app fills in: without the esbuild step app.js is missing and the page empty.
      const script = /<script src="([^"]*dist\/app\.js[^"]*)"/.exec(page)?.[1];
      expect(script).toBeDefined();
      const app = await fetch(new URL(script!, `http://127.0.0.1:${ui}/`));
      expect(app.status).toBe(200);
      expect((await app.text()).length).toBeGreaterThan(100_000);
      expect(await tcpReachable(ui, externalAddress())).toBe(false);
      expect(await tcpReachable(smtp, externalAddress())).toBe(false);
    } finally {
      await mailpit.stop();
    }
  }, 60_000);
});
