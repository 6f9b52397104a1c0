import { randomUUID } from 'node:crypto';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import {
  decisionRecordedEventType,
  eventStreamName,
  eventSubject,
  type DomainEvent,
  type ErrorBody,
  type LifecycleState,
} from '@mitra/contracts';
import { ApiClient, demoAccounts, systemEnv } from '@mitra/testing';
import { natsConnectionOptions } from '@mitra/platform';

interface Frame {
  event?: string;
  id?: string;
  data?: string;
  comment?: string;
}

/** An open `GET /api/v1/events`, read frame by frame as it arrives. */
class EventStream {
  readonly frames: Frame[] = [];
  ended = false;
  private readonly abort = new AbortController();

  private constructor(readonly status: number) {}

  static async open(client: ApiClient): Promise<EventStream> {
    const abort = new AbortController();
    const response = await client.fetch('events', { signal: abort.signal });
    const stream = new EventStream(response.status);
    stream.abort.signal.addEventListener('abort', () => abort.abort());
    if (response.status === 200) void stream.read(response.body!);
    else stream.ended = true;
    return stream;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame: Frame = {};
          for (const line of buffer.slice(0, end).split('\n')) {
            if (line.startsWith(':')) frame.comment = line.slice(1).trim();
            else {
              const [field, ...rest] = line.split(':');
              if (field === 'event' || field === 'id' || field === 'data')
                frame[field] = rest.join(':').trimStart();
            }
          }
          this.frames.push(frame);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Aborted by the test.
    }
    this.ended = true;
  }

  events(): DomainEvent[] {
    return this.frames.filter((frame) => frame.data).map((frame) => JSON.parse(frame.data!) as DomainEvent);
  }

  async until(done: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out; frames so far: ${JSON.stringify(this.frames)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    this.abort.abort();
  }
}

describe('live updates: GET /api/v1/events', () => {
  const admin = new ApiClient();
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const forum = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  const lpm = ApiClient.signedInAs(demoAccounts.lpmCibangkong.email);
  const streams: EventStream[] = [];
  let nats: NatsConnection;
  let ours: string;
  let theirs: string;
  let forumId: string;
  let lpmId: string;

  const open = async (client: ApiClient) => {
    const stream = await EventStream.open(client);
    streams.push(stream);
    await stream.until(() => stream.frames.some((frame) => frame.comment === 'connected'));
    return stream;
  };
  const publish = (partnershipId: string | undefined, organisationIds: string[] = []): DomainEvent => {
    const event: DomainEvent = {
      eventId: randomUUID(),
      type: 'apitest.stream.checked',
      occurredAt: new Date().toISOString(),
      partnershipId,
      organisationIds,
      data: { n: 1 },
    };
    nats.publish(eventSubject(event.type), JSONCodec().encode(event));
    return event;
  };

  beforeAll(async () => {
    nats = await connect(natsConnectionOptions(systemEnv()));
    forumId = (await forum.user()).organisationId!;
    lpmId = (await lpm.user()).organisationId!;
    ours = (
      await coordinator.post<LifecycleState>('partnerships', {
        name: `Kemitraan Siaran ${randomUUID().slice(0, 6)}`,
      })
    ).body.partnershipId;
    expect(
      (
        await coordinator.post(`partnerships/${ours}/decisions/addPartner`, {
          organisationId: forumId,
          role: 'partner',
        })
      ).status,
    ).toBe(200);
    theirs = (
      await admin.post<LifecycleState>('partnerships', { name: `Kemitraan Lain ${randomUUID().slice(0, 6)}` })
    ).body.partnershipId;
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await nats.close();
  });

  it('needs a session', async () => {
    const response = await ApiClient.anonymous().get<ErrorBody>('events');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('streams text/event-stream with the event type and the whole event, in order, only of partnerships the user may see', async () => {
    const [partner, everything] = [await open(forum), await open(admin)];

    const published = [
      publish(ours),
      publish(theirs),
      publish(ours, [lpmId]),
      publish(ours, [forumId]),
      publish(undefined),
      publish(ours),
    ];
    const last = published[published.length - 1];
    await partner.until(() => partner.events().some((e) => e.eventId === last.eventId));
    await everything.until(
      () =>
        everything.events().filter((e) => published.some((p) => p.eventId === e.eventId)).length ===
        published.length,
    );

    expect(partner.status).toBe(200);
    expect(partner.events().filter((e) => e.type === 'apitest.stream.checked')).toEqual([
      published[0],
      published[3],
      published[5],
    ]);
    expect(everything.events().filter((e) => e.type === 'apitest.stream.checked')).toEqual(published);
    const frame = partner.frames.find((f) => f.id === published[0].eventId)!;
    expect(frame.event).toBe('apitest.stream.checked');
  });

  it('answers with the event-stream content type and keeps the connection alive with heartbeats', async () => {
    const response = await forum.fetch('events');
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    await response.body?.cancel();

    const stream = await open(forum);
    await stream.until(
      () => stream.frames.filter((frame) => frame.comment === 'heartbeat').length >= 2,
      10_000,
    );
  });

  it("starts sending a partnership's events to an organisation once it joins", async () => {
    const outsider = await open(lpm);
    const before = publish(ours);
    const marker = publish(undefined, [lpmId]);
    await outsider.until(() => outsider.events().some((e) => e.eventId === marker.eventId));
    expect(outsider.events().map((e) => e.eventId)).not.toContain(before.eventId);

    expect(
      (
        await coordinator.post(`partnerships/${ours}/decisions/addPartner`, {
          organisationId: lpmId,
          role: 'beneficiary',
        })
      ).status,
    ).toBe(200);
    await outsider.until(() =>
      outsider.events().some((e) => e.type === 'lifecycle.partner.added' && e.partnershipId === ours),
    );
    const after = publish(ours);
    await outsider.until(() => outsider.events().some((e) => e.eventId === after.eventId));
  });

  it("tells every member's screens of a decision the workflow recorded, with who made it", async () => {
    const member = await open(forum);
    const answered = await coordinator.post<{ decisionId: string }>(
      `partnerships/${ours}/decisions/answerQuestion`,
      {
        questionId: 'I.1',
        answer: 'Sampah plastik rumah tangga naik setiap tahun.',
      },
    );
    expect(answered.status).toBe(200);
    await member.until(() =>
      member.events().some((e) => e.eventId === `lifecycle-decision-${answered.body.decisionId}`),
    );
    const event = member.events().find((e) => e.type === 'lifecycle.decision.recorded')!;
    expect(event).toMatchObject({
      partnershipId: ours,
      actor: { role: 'coordinator' },
      data: { kind: 'answerQuestion', stage: 'initiation' },
    });
  });

  it('stores a decision retried with its key once in the event stream, and shows it once', async () => {
    const member = await open(forum);
    const key = `retried-${randomUUID()}`;
    const answer = { questionId: 'I.3', answer: 'Ya, ada OMS perempuan dan penyandang disabilitas.' };
    const sent = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      sent.push(await coordinator.post<{ decisionId: string }>(`partnerships/${ours}/decisions/answerQuestion`, answer, key));
    }
    expect(sent.map((response) => response.status)).toEqual([200, 200, 200]);
    const eventId = `lifecycle-decision-${sent[0].body.decisionId}`;
    await member.until(() => member.events().some((e) => e.eventId === eventId));
    // The notices go out after each answer: give the last one time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const consumer = await nats
      .jetstream()
      .consumers.get(eventStreamName, { filterSubjects: [eventSubject(decisionRecordedEventType)] });
    const stored: string[] = [];
    for await (const message of await consumer.fetch({ max_messages: 10_000, expires: 2_000 })) {
      stored.push(JSONCodec<DomainEvent>().decode(message.data).eventId);
      if (message.info.pending === 0) break;
    }
    expect(stored.filter((id) => id === eventId)).toHaveLength(1);
    expect(member.events().filter((e) => e.eventId === eventId)).toHaveLength(1);
  });

  it('ends the stream when its session is signed out', async () => {
    const client = ApiClient.signedInAs(demoAccounts.auditor.email, { fresh: true });
    const stream = await open(client);
    expect((await client.send('POST', 'auth/sign-out')).status).toBe(204);
    await stream.until(() => stream.ended, 10_000);
  });
});
