import { randomUUID } from 'node:crypto';
import { connect, JSONCodec } from 'nats';
import {
  eventSubject,
  type DecisionResult,
  type DomainEvent,
  type ErrorBody,
  type LifecycleState,
} from '@mitra/contracts';
import { ApiClient, systemEnv } from '@mitra/testing';
import { natsConnectionOptions } from '@mitra/platform';

describe('partnerships: api → Temporal → worker', () => {
  const api = new ApiClient();

  it('starts a partnershipLifecycle workflow and reads its state through a query', async () => {
    const started = await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Air Bersih Kupang' });

    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      name: 'Kemitraan Air Bersih Kupang',
      stage: 'initiation',
      status: 'active',
      startedBy: (await api.user()).id,
    });
    const read = await api.get<LifecycleState>(`partnerships/${started.body.partnershipId}`);
    expect(read.body).toMatchObject({
      partnershipId: started.body.partnershipId,
      stage: 'initiation',
      cycle: 1,
    });
  });

  it('starts one workflow for the same idempotency key sent twice', async () => {
    const key = `partnership-${randomUUID()}`;
    const first = await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Sekali' }, key);
    const second = await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Sekali' }, key);

    expect(second.body.partnershipId).toBe(first.body.partnershipId);
    expect(second.body.startedAt).toBe(first.body.startedAt);
  });

  it('refuses an invalid start with field errors', async () => {
    const { status, body } = await api.post<ErrorBody>('partnerships', { name: 'ab', stage: 'maturation' });

    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.field).sort()).toEqual(['name', 'stage']);
  });

  it('answers 404 for a partnership that does not exist', async () => {
    expect((await api.get('partnerships/0123456789abcdef0123')).status).toBe(404);
  });
});

describe('partnership decisions: api → Temporal Update', () => {
  const api = new ApiClient();
  let partnershipId: string;

  beforeAll(async () => {
    partnershipId = (await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Sanitasi Bandung' }))
      .body.partnershipId;
  });

  it('records a completed task with who did it and the evidence', async () => {
    const decided = await api.post<DecisionResult>(`partnerships/${partnershipId}/decisions/completeTask`, {
      taskId: '1.1',
      evidence: [{ label: 'Notulen rapat', url: 'https://example.org/notulen.pdf' }],
    });

    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ kind: 'completeTask', stage: 'initiation', status: 'active' });
    const state = (await api.get<LifecycleState>(`partnerships/${partnershipId}`)).body;
    expect(state.tasks['1.1']).toMatchObject({
      by: (await api.user()).id,
      evidence: [{ label: 'Notulen rapat', url: 'https://example.org/notulen.pdf' }],
    });
  });

  it('refuses to mark a task done while its fact does not hold, naming the rule and what is missing', async () => {
    const { status, body } = await api.post<ErrorBody>(
      `partnerships/${partnershipId}/decisions/completeTask`,
      { taskId: '2.4', evidence: [{ label: 'Notulen' }] },
    );

    expect(status).toBe(409);
    expect(body).toMatchObject({
      code: 'CONFLICT',
      refusal: {
        code: 'lifecycle.task_fact_unmet',
        params: { taskId: '2.4', preconditions: ['sdg-targets', 'baseline'] },
      },
    });
    expect(
      (await api.get<LifecycleState>(`partnerships/${partnershipId}`)).body.tasks['2.4'],
    ).toBeUndefined();
  });

  it('refuses a gate that is not ready with 409 and the reason', async () => {
    const { status, body } = await api.post<ErrorBody>(
      `partnerships/${partnershipId}/decisions/approveGate`,
      { stage: 'initiation' },
    );

    expect(status).toBe(409);
    expect(body.message).toMatch(/^The gate is not ready \(tasks not done: 1\.2/);
  });

  it('refuses a bad decision payload with field errors and an unknown decision kind', async () => {
    const short = await api.post<ErrorBody>(`partnerships/${partnershipId}/decisions/returnGate`, {
      stage: 'initiation',
      reason: 'pendek',
    });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([
      {
        field: 'reason',
        reason: 'must give a reason of at least 10 characters',
        code: 'too_small',
        params: { origin: 'string', minimum: 10 },
      },
    ]);

    expect((await api.post(`partnerships/${partnershipId}/decisions/launchRocket`, {})).status).toBe(400);
  });

  it('returns the first result for a retried decision', async () => {
    const key = `decision-${randomUUID()}`;
    const answer = { questionId: 'I.1', answer: 'Ya, kasus diare di 5 kelurahan.' };
    const first = await api.post<DecisionResult>(
      `partnerships/${partnershipId}/decisions/answerQuestion`,
      answer,
      key,
    );
    const retried = await api.post<DecisionResult>(
      `partnerships/${partnershipId}/decisions/answerQuestion`,
      answer,
      key,
    );

    expect(retried.body).toEqual(first.body);
    const state = (await api.get<LifecycleState>(`partnerships/${partnershipId}`)).body;
    expect(state.decisions.filter((d) => d.idempotencyKey === key)).toHaveLength(1);
  });

  it('refuses with 409 a key sent again with another body or another decision, and records nothing', async () => {
    const key = `decision-${randomUUID()}`;
    const path = `partnerships/${partnershipId}/decisions/answerQuestion`;
    const first = await api.post<DecisionResult>(
      path,
      { questionId: 'I.2', answer: 'Ya, ada data dinas kesehatan.' },
      key,
    );
    expect(first.status).toBe(200);

    const otherBody = await api.post<ErrorBody>(
      path,
      { questionId: 'I.2', answer: 'Tidak, belum ada data sama sekali.' },
      key,
    );
    expect(otherBody.status).toBe(409);
    expect(otherBody.body.message).toBe('This Idempotency-Key was already used for a different decision.');
    const otherKind = await api.post<ErrorBody>(
      `partnerships/${partnershipId}/decisions/pause`,
      { reason: 'Menunggu anggaran perubahan.' },
      key,
    );
    expect(otherKind.status).toBe(409);

    const same = await api.post<DecisionResult>(
      path,
      { questionId: 'I.2', answer: 'Ya, ada data dinas kesehatan.' },
      key,
    );
    expect(same.status).toBe(200);
    expect(same.body).toEqual(first.body);
    const state = (await api.get<LifecycleState>(`partnerships/${partnershipId}`)).body;
    expect(state.decisions.filter((d) => d.idempotencyKey === key)).toHaveLength(1);
    expect(state.answers['I.2']?.answer).toBe('Ya, ada data dinas kesehatan.');
    expect(state.status).toBe('active');
  });

  it("takes a service's event from the durable stream into the workflow", async () => {
    const nats = await connect(natsConnectionOptions(systemEnv()));
    const event: DomainEvent = {
      eventId: randomUUID(),
      type: 'monitoring.baseline.fixed',
      occurredAt: new Date().toISOString(),
      partnershipId,
      organisationIds: [],
      data: { indicatorIds: ['3.2.1'] },
    };
    await nats
      .jetstream()
      .publish(eventSubject(event.type), JSONCodec().encode(event), { msgID: event.eventId });
    await nats.close();

    const deadline = Date.now() + 20_000;
    let state = (await api.get<LifecycleState>(`partnerships/${partnershipId}`)).body;
    while (!state.facts.baselineFixed && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = (await api.get<LifecycleState>(`partnerships/${partnershipId}`)).body;
    }
    expect(state.facts.baselineFixed).toBe(true);
    expect(state.appliedEventIds).toContain(event.eventId);
  });
});
