import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LifecycleState } from '@mitra/contracts';
import { ApiClient, demoAccounts, systemEnv } from '@mitra/testing';

type LogLine = Record<string, unknown>;

/** The JSON lines of an app's log in the test system that carry `requestId` (waited for: a service logs after it answers). */
async function linesOf(app: string, requestId: string, atLeast = 1): Promise<LogLine[]> {
  const file = path.join(systemEnv().MITRA_TEST_DATA_DIR, 'logs', `${app}.log`);
  for (let attempt = 0; ; attempt++) {
    const lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes(requestId))
      .map((line) => JSON.parse(line) as LogLine);
    if (lines.length >= atLeast || attempt === 50) return lines;
    await sleep(100);
  }
}

describe('structured logs that follow one request from the api to the services', () => {
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);

  it('writes JSON lines with the same request id, partnership and actor in the api and in the service it asked', async () => {
    const me = await coordinator.user();
    const started = await coordinator.post<LifecycleState>('partnerships', {
      name: `Kemitraan Log ${randomUUID().slice(0, 6)}`,
    });
    const partnershipId = started.body.partnershipId;
    const requestId = `log-test-${randomUUID()}`;

    const response = await coordinator.fetch(`partnerships/${partnershipId}/funding`, {
      headers: { 'x-request-id': requestId },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);

    const [answered] = await linesOf('api', requestId);
    expect(answered).toMatchObject({
      app: 'api',
      level: 'info',
      msg: 'request answered',
      requestId,
      partnershipId,
      userId: me.id,
      role: 'coordinator',
      method: 'GET',
      route: '/api/v1/partnerships/:partnershipId/funding',
      status: 200,
      ms: expect.any(Number),
      time: expect.any(String),
    });
    const handled = await linesOf('funding', requestId);
    expect(handled).toEqual([
      expect.objectContaining({
        app: 'funding',
        msg: 'message handled',
        subject: 'funding.plan.get',
        outcome: 'ok',
        requestId,
        partnershipId,
        userId: me.id,
        role: 'coordinator',
      }),
    ]);
  });

  it('carries the request id of a decision into the workflow, whose line in the worker log names it', async () => {
    const me = await coordinator.user();
    const started = await coordinator.post<LifecycleState>('partnerships', {
      name: `Kemitraan Log ${randomUUID().slice(0, 6)}`,
    });
    const partnershipId = started.body.partnershipId;
    const requestId = `log-decision-${randomUUID()}`;

    const decided = await coordinator.send(
      'POST',
      `partnerships/${partnershipId}/decisions/answerQuestion`,
      { questionId: 'I.1', answer: 'Ya, stunting di 12 kelurahan.' },
      { 'idempotency-key': `log-${randomUUID()}`, 'x-request-id': requestId },
    );
    expect(decided.status).toBe(200);

    const [handled] = await linesOf('worker', requestId);
    expect(handled).toMatchObject({
      app: 'worker',
      level: 'info',
      msg: 'decision handled',
      requestId,
      userId: me.id,
      role: 'coordinator',
      update: 'answerQuestion',
      outcome: 'ok',
      workflowId: expect.stringContaining(partnershipId),
    });
  });

  it('gives a request without a usable id one of its own, and says which', async () => {
    const response = await coordinator.fetch('auth/me', {
      headers: { 'x-request-id': 'a b {"level":"fatal"}' },
    });
    const given = response.headers.get('x-request-id');
    expect(given).toMatch(/^[0-9a-f-]{36}$/);
    const [answered] = await linesOf('api', given!);
    expect(answered).toMatchObject({ msg: 'request answered', requestId: given });
  });
});
