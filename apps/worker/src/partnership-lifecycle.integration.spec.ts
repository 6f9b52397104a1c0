import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  lifecycleTaskQueue,
  partnershipWorkflowId,
  type LifecycleActivities,
  type LifecycleNotification,
  type MouMembershipAmendment,
  type PartnershipLifecycleInput,
} from '@mitra/contracts';
import { chainDivergences, partnershipChain } from '@mitra/platform/temporal';
import { auditor, companyPartner, coordinator, leadPartner, lifecycleInput, LifecycleDriver } from '../test/lifecycle-driver';
import { timeSkippingEnvironment } from '../test/time-skipping-env';
import { lifecycleBundle } from '../test/workflow-bundle';

/** Histories of these scenarios are the replay fixtures (see partnership-lifecycle.replay.spec.ts). */
export const historiesDir = path.join(__dirname, '..', 'test', 'histories');

describe('partnershipLifecycle (time-skipping test server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const published: LifecycleNotification[] = [];
  const amendments: MouMembershipAmendment[] = [];
  const activities: LifecycleActivities = {
    async publishNotifications(notifications) {
      published.push(...notifications);
    },
    async amendMouMembership(amendment) {
      amendments.push(amendment);
      // The agreements service refuses a party it does not know; the coordinator hears why.
      return amendment.change.kind === 'join' ? { versionNumber: 2 } : { refused: 'The organisation is not a party.' };
    },
  };

  beforeAll(async () => {
    env = await timeSkippingEnvironment();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: lifecycleTaskQueue,
      workflowBundle: await lifecycleBundle(),
      activities,
    });
    running = worker.run();
  }, 180_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  async function start(input: PartnershipLifecycleInput = lifecycleInput()): Promise<LifecycleDriver> {
    const handle = await env.client.workflow.start('partnershipLifecycle', {
      workflowId: partnershipWorkflowId(input.partnershipId),
      taskQueue: lifecycleTaskQueue,
      args: [input],
    });
    return new LifecycleDriver(handle);
  }

  async function saveHistory(name: string, handle: WorkflowHandle, runId?: string): Promise<void> {
    const history = await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
    fs.mkdirSync(historiesDir, { recursive: true });
    fs.writeFileSync(path.join(historiesDir, `${name}.json`), historyToJSON(history));
  }

  async function refusalOf(promise: Promise<unknown>): Promise<unknown> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return (cause as ApplicationFailure).details?.[0];
  }

  it('walks a partnership from Initiation to renewal, which starts a new cycle linked to the first', async () => {
    const driver = await start();
    await driver.driveToMaturation();
    await driver.decide('decideMaturation', { actor: coordinator, outcome: 'renew', reason: 'Perluasan ke dua kecamatan lagi.' });
    const firstRun = (await driver.handle.describe()).runId;
    await driver.approve();

    const renewedRun = async () => (await env.client.workflow.getHandle(driver.handle.workflowId).describe()).runId;
    while ((await renewedRun()) === firstRun) await new Promise((resolve) => setTimeout(resolve, 50));
    const state = await driver.state();
    expect(state).toMatchObject({ cycle: 2, previousRunId: firstRun, stage: 'initiation', status: 'active' });
    const history = await env.client.workflow.getHandle(driver.handle.workflowId, firstRun).fetchHistory();
    expect(history.events?.length).toBeLessThan(1000);
    // The new cycle carries the hash chain on, and starts with its head as a checkpoint.
    const cycles = {
      partnershipId: state.partnershipId,
      runs: [
        { runId: firstRun, history },
        { runId: await renewedRun(), history: await env.client.workflow.getHandle(driver.handle.workflowId).fetchHistory() },
      ],
    };
    const chain = partnershipChain(cycles);
    expect(chain.links.length).toBeGreaterThan(40);
    expect(chain.checkpoints.at(-1)).toMatchObject({ runId: await renewedRun(), eventId: 1, length: chain.links.length, head: chain.chain.head });
    expect(chainDivergences(cycles)).toEqual([]);
    await saveHistory('renewal', driver.handle, firstRun);
    await driver.handle.terminate('test finished');
  });

  it('transfers to a new lead only after the new lead accepts', async () => {
    const driver = await start();
    await driver.decide('addPartner', { actor: coordinator, organisationId: 'org-pt', role: 'partner' });
    await driver.driveToMaturation();
    await driver.decide('decideMaturation', { actor: coordinator, outcome: 'transfer', newLeadOrganisationId: 'org-pt', reason: 'PT siap memimpin fase berikut.' });
    expect(await refusalOf(driver.approve())).toMatchObject({ code: 'CONFLICT' });
    expect(await refusalOf(driver.decide('acceptTransfer', { actor: leadPartner }))).toMatchObject({ code: 'FORBIDDEN' });

    await driver.decide('acceptTransfer', { actor: companyPartner });
    await driver.approve();
    expect(await driver.handle.result()).toMatchObject({ status: 'transferred', leadOrganisationId: 'org-pt' });
    await saveHistory('transfer', driver.handle);
  });

  it('amends the MoU in force when a partner joins or leaves mid-way, once per decision, for that party alone', async () => {
    const driver = await start();
    await driver.event('agreements.mou.effective', { agreementId: '64b000000000000000000001', versionNumber: 1 });
    while (!(await driver.state()).facts.mouEffective) await new Promise((resolve) => setTimeout(resolve, 50));
    const universityId = '64b000000000000000000004';
    expect(await refusalOf(driver.decide('addPartner', { actor: coordinator, organisationId: universityId, role: 'partner' }))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'mouParty' });

    const mouParty = {
      organisationId: universityId,
      name: 'Universitas Padjadjaran SDGs Center',
      sector: 'academia',
      role: 'partner',
      representative: { userId: 'wakil-unpad', name: 'Dr. Rina Sari', title: 'Direktur' },
      responsibilities: ['Mendampingi evaluasi program gizi'],
      contributions: [],
    };
    const key = `join-${randomUUID()}`;
    await driver.decide('addPartner', { actor: coordinator, organisationId: universityId, role: 'partner', mouParty }, key);
    await driver.decide('addPartner', { actor: coordinator, organisationId: universityId, role: 'partner', mouParty }, key);
    await driver.decide('withdrawPartner', { actor: coordinator, organisationId: universityId, reason: 'Program studi ditutup tahun ini.' });
    const { partnershipId } = await driver.state();
    const notified = async () => published.filter((n) => n.partnershipId === partnershipId && n.type.startsWith('lifecycle.mou.'));
    while ((await notified()).length < 2) await new Promise((resolve) => setTimeout(resolve, 50));

    const mine = amendments.filter((a) => a.agreementId === '64b000000000000000000001');
    expect(mine).toEqual([
      // The workflow vouches, as the api does, that the decider is a member of this partnership.
      expect.objectContaining({ idempotencyKey: `lifecycle.${key}`, actor: { ...coordinator, memberOf: partnershipId }, change: { kind: 'join', party: mouParty } }),
      expect.objectContaining({ change: { kind: 'leave', organisationId: universityId } }),
    ]);
    expect((await notified()).map((n) => [n.type, n.data])).toEqual([
      ['lifecycle.mou.amendment_opened', { agreementId: '64b000000000000000000001', change: 'join', organisationId: universityId, versionNumber: 2 }],
      ['lifecycle.mou.amendment_refused', { agreementId: '64b000000000000000000001', change: 'leave', organisationId: universityId, reason: 'The organisation is not a party.' }],
    ]);
    await saveHistory('membership', driver.handle);
    await driver.handle.terminate('test finished');
  });

  it('closes with a closure report and refuses any decision afterwards', async () => {
    const driver = await start();
    await driver.driveToMaturation();
    await driver.decide('decideMaturation', {
      actor: coordinator,
      outcome: 'close',
      closureReport: { summary: 'Tujuan tercapai; kegiatan diteruskan oleh pemerintah desa.' },
    });
    await driver.approve();
    const closed = await driver.handle.result();
    expect(closed).toMatchObject({ status: 'closed' });
    expect(published.filter((n) => n.partnershipId === closed.partnershipId).map((n) => n.type)).toContain('lifecycle.partnership.closed');
    await saveHistory('closure', driver.handle);
  });

  it('refuses wrong roles, wrong organisations, unmet preconditions and bad payloads, leaving no trace', async () => {
    const driver = await start();
    const before = (await driver.state()).decisions.length;

    expect(await refusalOf(driver.decide('answerQuestion', { actor: auditor, questionId: 'I.1', answer: 'Ya, benar.' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusalOf(driver.decide('completeTask', { actor: companyPartner, taskId: '2.1', evidence: [] }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusalOf(driver.approve())).toMatchObject({ code: 'CONFLICT', reason: expect.stringContaining('tasks not done') });
    expect(await refusalOf(driver.decide('completeTask', { actor: coordinator, taskId: '1.4', evidence: [] }))).toEqual({
      code: 'CONFLICT',
      field: 'taskId',
      reason: 'Task 1.4 is done once its fact holds; not yet: inclusive-map.',
      rule: 'task_fact_unmet',
      params: { taskId: '1.4', preconditions: ['inclusive-map'] },
    });
    expect(await refusalOf(driver.decide('returnGate', { actor: coordinator, stage: 'initiation', reason: 'pendek' }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'reason',
      fieldCode: 'too_small',
      params: { origin: 'string', minimum: 10 },
    });

    expect((await driver.state()).decisions).toHaveLength(before);
    const history = await driver.handle.fetchHistory();
    expect(history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(0);
    await saveHistory('refusals', driver.handle);
    await driver.handle.terminate('test finished');
  });

  it('changes nothing for a repeated Update or a repeated signal', async () => {
    const driver = await start();
    const first = await driver.decide('answerQuestion', { actor: coordinator, questionId: 'I.1', answer: 'Ya, benar.' }, 'same-answer-key');
    const again = await driver.decide('answerQuestion', { actor: coordinator, questionId: 'I.1', answer: 'Tidak sama sekali.' }, 'same-answer-key');
    await driver.event('monitoring.baseline.fixed', {}, 'same-event-id');
    await driver.event('monitoring.baseline.fixed', {}, 'same-event-id');
    // A ledger entry announced twice (a republished outbox) is linked into the hash chain once.
    const entry = { recordId: 'p-1:1', sequence: 1, recordHash: 'a'.repeat(64) };
    await driver.event('funding.ledger.appended', entry, 'funding:p-1:1:0');
    await driver.event('funding.ledger.appended', entry, 'funding:p-1:1:0-again');

    const state = await driver.state();
    expect(again).toEqual(first);
    expect(state.answers['I.1'].answer).toBe('Ya, benar.');
    expect(state.decisions.filter((d) => d.kind === 'answerQuestion')).toHaveLength(1);
    expect(state.appliedEventIds.filter((id) => id === 'same-event-id')).toHaveLength(1);
    const { partnershipId } = state;
    const { links, checkpoints } = partnershipChain({ partnershipId, runs: [{ runId: 'run', history: await driver.handle.fetchHistory() }] });
    expect(links.map((link) => [link.kind, link.recordId])).toEqual([
      ['decision', 'same-answer-key'],
      ['ledgerEntry', 'p-1:1'],
    ]);
    expect(checkpoints.map((checkpoint) => [checkpoint.length, checkpoint.head])).toEqual(links.map((link) => [link.seq, link.hash]));
    await saveHistory('duplicates', driver.handle);
    await driver.handle.terminate('test finished');
  });

  it('reminds the coordinator after three days and escalates after seven, on durable timers', async () => {
    const driver = await start();
    await driver.event('stakeholders.map.checked', { passed: true });
    await driver.event('monitoring.targets.chosen');
    await driver.event('monitoring.baseline.fixed');
    await driver.completeStage();
    const { partnershipId } = await driver.state();
    const sent = () => published.filter((n) => n.partnershipId === partnershipId).map((n) => n.type);

    await env.sleep('73 hours');
    expect(sent()).toContain('lifecycle.approval.reminded');
    expect(sent()).not.toContain('lifecycle.approval.escalated');
    await env.sleep('4 days');
    expect(sent()).toContain('lifecycle.approval.escalated');
    await saveHistory('reminders', driver.handle);
    await driver.handle.terminate('test finished');
  });
});
