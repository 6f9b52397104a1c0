import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { LifecycleState, MonitoringPlan, OrganisationPage } from '@mitra/contracts';
import { startApp, type BackendApp, type ManagedProcess } from '@mitra/stack';
import { ApiClient, demoAccounts, systemEnv, systemKeysDir, type ApiResponse } from '@mitra/testing';

const services = ['stakeholders', 'agreements', 'funding', 'monitoring'] as const;
/** An answer that may have been stored: the same request goes again with the same Idempotency-Key. */
const outcomeOpen = new Set([0, 502, 503, 504]);

/**
 * Sends a command until it has an answer that is not "not delivered" or "outcome unknown", with the same
 * Idempotency-Key each time, as the web does: a retry returns the original result, never a second write.
 */
async function untilAnswered<T>(send: () => Promise<ApiResponse<T>>): Promise<ApiResponse<T>> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const response = await send().catch(() => ({ status: 0, body: undefined as T, headers: new Headers() }));
    if (!outcomeOpen.has(response.status)) return response as ApiResponse<T>;
    if (Date.now() > deadline) throw new Error(`no answer after 120 s (last status ${response.status})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function expectStored<T>(send: () => Promise<ApiResponse<T>>, what: string): Promise<T> {
  const response = await untilAnswered(send);
  if (response.status !== 200 && response.status !== 201)
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Messages an instance handled, counted from its JSON log (one "message handled" line each). */
function messagesHandled(logFile: string): number {
  if (!fs.existsSync(logFile)) return 0;
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"msg":"message handled"')).length;
}

/**
 * Scale-out: a second instance of every service joins its service's NATS queue group and a second worker the
 * lifecycle task queue, beside the test system's own. Under load through the api, the second of each is killed
 * with SIGKILL; callers send again what got no answer, with the same Idempotency-Key. Every write is then stored
 * exactly once: organisations (stakeholders), indicators (monitoring), and lifecycle decisions (worker).
 */
describe('two instances of each service and two workers, one of each killed under load', () => {
  const run = randomUUID().slice(0, 6);
  const logDir = () => path.join(systemEnv().MITRA_TEST_DATA_DIR, `scale-out-${run}`);
  const logOf = (app: BackendApp) => path.join(logDir(), `${app}.log`);
  const second = new Map<BackendApp, ManagedProcess>();

  beforeAll(async () => {
    const { MONGO_URL, NATS_URL, TEMPORAL_ADDRESS, MITRA_TEST_NATS_CREDENTIALS_DIR } = systemEnv();
    const started = await Promise.all(
      [...services, 'worker' as const].map(async (app) => {
        const instance = await startApp(app, {
          env: { MONGO_URL, NATS_URL, TEMPORAL_ADDRESS },
          logDir: logDir(),
          keysDir: systemKeysDir(),
          natsCredentialsDir: MITRA_TEST_NATS_CREDENTIALS_DIR,
        });
        return [app, instance] as const;
      }),
    );
    for (const [app, instance] of started) second.set(app, instance);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...second.values()].map((instance) => instance.stop()));
  });

  it('shares the load, and after the kill every write is stored exactly once', async () => {
    const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
    const admin = new ApiClient();
    const organisationNames = Array.from({ length: 24 }, (_, i) => `Yayasan Skala${run} Nomor ${i + 1}`);
    const monitoredPartnership = randomUUID().replaceAll('-', '').slice(0, 20);
    const monitoring = `monitoring/partnerships/${monitoredPartnership}`;
    await expectStored(
      () => admin.post(`${monitoring}/sdg-targets`, { targets: ['2.2'] }, `targets-${run}`),
      'targets',
    );
    const indicatorNames = Array.from({ length: 12 }, (_, i) => `Cakupan skala ${run} ke-${i + 1}`);
    const partnerships = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const state = await expectStored(
          () =>
            coordinator.post<LifecycleState>(
              'partnerships',
              { name: `Kemitraan Skala ${run} ${n}` },
              `start-${run}-${n}`,
            ),
          'partnership',
        );
        return state.partnershipId;
      }),
    );
    const questions = ['I.1', 'I.2', 'I.3', 'I.4', 'I.5', 'I.6'];

    const writes: Array<() => Promise<unknown>> = [
      ...organisationNames.map(
        (name, i) => () =>
          expectStored(
            () =>
              coordinator.post(
                'organisations',
                { name, sector: 'cso', region: { province: 'Jawa Barat' }, acknowledgeDuplicate: true },
                `org-${run}-${i}`,
              ),
            name,
          ),
      ),
      ...indicatorNames.map(
        (name, i) => () =>
          expectStored(
            () =>
              admin.post(
                `${monitoring}/indicators`,
                {
                  name,
                  sdg: { kind: 'indicator', code: '2.2.1' },
                  unit: '%',
                  direction: 'lower_is_better',
                  accumulation: 'per_period',
                  targets: [{ periodNumber: 1, value: 22 }],
                  disaggregations: [],
                },
                `indicator-${run}-${i}`,
              ),
            name,
          ),
      ),
      ...partnerships.flatMap((partnershipId) =>
        questions.map(
          (questionId) => () =>
            expectStored(
              () =>
                coordinator.post(
                  `partnerships/${partnershipId}/decisions/answerQuestion`,
                  { questionId, answer: `Jawaban ${questionId} (${run})` },
                  `answer-${run}-${partnershipId}-${questionId}`,
                ),
              `${partnershipId} ${questionId}`,
            ),
        ),
      ),
      // Reads keep the agreements and funding services' queue groups busy too.
      ...partnerships.flatMap((partnershipId) =>
        Array.from({ length: 4 }, () => [
          () =>
            expectStored(() => coordinator.get(`agreements?partnershipId=${partnershipId}`), 'agreements'),
          () => expectStored(() => coordinator.get(`partnerships/${partnershipId}/funding`), 'funding'),
        ]).flat(),
      ),
    ];
    // Interleaved, so each service has work on both sides of the kill.
    const queue = writes
      .map((write, index) => ({ write, order: (index * 7919) % writes.length }))
      .sort((a, b) => a.order - b.order)
      .map(({ write }) => write);

    const inFlight = 6;
    let next = 0;
    let done = 0;
    let killed = false;
    // The second instances go once each has handled messages of its own, a third of the work or more done.
    const shared = () => services.every((app) => messagesHandled(logOf(app)) > 0);
    const kill = async () => {
      killed = true;
      await Promise.all(
        [...second.values()].map(async (instance) => {
          process.kill(-instance.pid, 'SIGKILL');
          await instance.exited;
        }),
      );
      second.clear();
    };
    let killing: Promise<void> | undefined;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < queue.length) {
          const write = queue[next++]!;
          await write();
          done++;
          if (!killed && done >= queue.length / 3 && shared()) killing = kill();
        }
      }),
    );
    await killing;
    expect(Object.fromEntries(services.map((app) => [app, messagesHandled(logOf(app)) > 0]))).toEqual(
      Object.fromEntries(services.map((app) => [app, true])),
    );
    expect(killed).toBe(true);

    const found = await expectStored(
      () => coordinator.get<OrganisationPage>(`organisations?name=skala${run}&limit=100`),
      'search',
    );
    expect(found.items.map((organisation) => organisation.name).sort()).toEqual(
      [...organisationNames].sort(),
    );

    const plan = await expectStored(() => admin.get<MonitoringPlan>(monitoring), 'plan');
    expect(plan.indicators.map((indicator) => indicator.name).sort()).toEqual([...indicatorNames].sort());

    for (const partnershipId of partnerships) {
      const state = await expectStored(
        () => coordinator.get<LifecycleState>(`partnerships/${partnershipId}`),
        'state',
      );
      const answers = state.decisions.filter((decision) => decision.kind === 'answerQuestion');
      expect(answers).toHaveLength(questions.length);
      expect(Object.keys(state.answers).sort()).toEqual(questions);
    }
  }, 600_000);
});
