import { randomUUID } from 'node:crypto';
import type { ErrorBody, LifecycleState } from '@mitra/contracts';
import { ApiClient } from '@mitra/testing';

describe('partnerships: api → Temporal → worker', () => {
  const api = new ApiClient();

  it('starts a partnershipLifecycle workflow and reads its state through a query', async () => {
    const started = await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Air Bersih Kupang' });

    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ name: 'Kemitraan Air Bersih Kupang', stage: 'initiation', status: 'active', startedBy: 'demo-admin' });
    const read = await api.get<LifecycleState>(`partnerships/${started.body.partnershipId}`);
    expect(read.body).toEqual(started.body);
  });

  it('starts one workflow for the same idempotency key sent twice', async () => {
    const key = `partnership-${randomUUID()}`;
    const first = await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Sekali' }, key);
    const second = await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Sekali' }, key);

    expect(second.body).toEqual(first.body);
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
