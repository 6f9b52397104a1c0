import { lifecycleSettingsSchema, type Decision, type LifecycleState } from '@mitra/contracts';
import { applyDecision, initialState } from '@mitra/domain';
import type { SessionUser } from '#shared/auth';
import { actorOf } from '../permissions';
import {
  actorDirectory,
  lifecycleActions,
  maturationActions,
  maturationView,
  offers,
  statusStory,
} from './lifecycle-view';

const coordinator: SessionUser = {
  id: 'u-koordinator',
  email: 'k@bandung.go.id',
  name: 'Koordinator',
  role: 'coordinator',
  organisationId: 'org-bappeda',
};
const forum: SessionUser = {
  id: 'u-forum',
  email: 'f@forum.id',
  name: 'Forum',
  role: 'partner',
  organisationId: 'org-forum',
};
const lpm: SessionUser = {
  id: 'u-lpm',
  email: 'l@lpm.id',
  name: 'LPM',
  role: 'partner',
  organisationId: 'org-lpm',
};
const auditor: SessionUser = { id: 'u-auditor', email: 'a@bpkp.go.id', name: 'Auditor', role: 'auditor' };

type Proposal<T> = T extends unknown ? Omit<T, 'idempotencyKey' | 'actor'> : never;
let keys = 0;
let clock = Date.parse('2026-01-05T03:00:00Z');

function decide(state: LifecycleState, user: SessionUser, decision: Proposal<Decision>): LifecycleState {
  clock += 60_000;
  applyDecision(state, { ...decision, idempotencyKey: `k-${++keys}`, actor: actorOf(user) } as Decision, {
    now: new Date(clock).toISOString(),
    newId: () => `d-${keys}`,
  });
  return state;
}

function partnership(): LifecycleState {
  const state = initialState({
    partnershipId: 'p1',
    name: 'Stunting Cibangkong',
    startedBy: actorOf(coordinator),
    startedAt: '2026-01-05T03:00:00Z',
    leadOrganisationId: 'org-bappeda',
    settings: lifecycleSettingsSchema.parse({}),
  });
  decide(state, coordinator, { kind: 'addPartner', organisationId: 'org-forum', role: 'partner' });
  decide(state, coordinator, { kind: 'addPartner', organisationId: 'org-lpm', role: 'partner' });
  return state;
}

function inMaturation(): LifecycleState {
  return { ...partnership(), stage: 'maturation' };
}

describe('what the status card offers', () => {
  it('lets the coordinator pause or terminate a running partnership, and resume a paused one', () => {
    const state = partnership();
    expect(lifecycleActions(state, coordinator)).toEqual({ pause: true, resume: false, terminate: true });
    decide(state, coordinator, { kind: 'pause', reason: 'Menunggu APBD perubahan disahkan' });
    expect(lifecycleActions(state, coordinator)).toEqual({ pause: false, resume: true, terminate: true });
    decide(state, coordinator, { kind: 'terminate', reason: 'Anggaran tidak tersedia tahun ini' });
    expect(lifecycleActions(state, coordinator)).toEqual({ pause: false, resume: false, terminate: false });
  });

  it('offers partners and auditors none of them', () => {
    const state = partnership();
    expect(lifecycleActions(state, forum)).toEqual({ pause: false, resume: false, terminate: false });
    expect(lifecycleActions(state, auditor)).toEqual({ pause: false, resume: false, terminate: false });
  });

  it('offers a form whose missing input the rules would only ask for', () => {
    const state = partnership();
    state.facts.mouEffective = { agreementId: 'mou-1', versionNumber: 1, at: '2026-02-01T00:00:00Z' };
    expect(
      offers(state, coordinator, { kind: 'addPartner', organisationId: 'org-new', role: 'partner' }),
    ).toBe(true);
    expect(offers(state, forum, { kind: 'addPartner', organisationId: 'org-new', role: 'partner' })).toBe(
      false,
    );
  });
});

describe('statusStory', () => {
  it('tells who paused, resumed or terminated and why', () => {
    const state = partnership();
    expect(statusStory(state)).toEqual({ status: 'active' });
    decide(state, coordinator, { kind: 'pause', reason: 'Menunggu APBD perubahan disahkan' });
    expect(statusStory(state)).toMatchObject({
      status: 'paused',
      decision: {
        kind: 'pause',
        reason: 'Menunggu APBD perubahan disahkan',
        actor: { userId: coordinator.id },
      },
    });
    decide(state, coordinator, { kind: 'resume' });
    expect(statusStory(state)).toMatchObject({ status: 'active', decision: { kind: 'resume' } });
    decide(state, coordinator, { kind: 'terminate', reason: 'Anggaran tidak tersedia tahun ini' });
    expect(statusStory(state)).toMatchObject({ status: 'terminated', decision: { kind: 'terminate' } });
  });

  it('does not take an earlier resume as the reason a partnership was closed', () => {
    const state = partnership();
    decide(state, coordinator, { kind: 'pause', reason: 'Menunggu APBD perubahan disahkan' });
    decide(state, coordinator, { kind: 'resume' });
    state.status = 'closed';
    expect(statusStory(state)).toEqual({ status: 'closed' });
  });

  it('tells an inactive partnership by the timer that made it so', () => {
    const state = { ...partnership(), status: 'inactive' as const, inactiveSince: '2026-09-01T00:00:00Z' };
    expect(statusStory(state)).toEqual({ status: 'inactive', inactiveSince: '2026-09-01T00:00:00Z' });
  });
});

describe('maturationView', () => {
  it('has nothing before a decision', () => {
    expect(maturationView(inMaturation())).toBeUndefined();
  });

  it('shows a renewal waiting for the gate, with its reason', () => {
    const state = decide(inMaturation(), coordinator, {
      kind: 'decideMaturation',
      outcome: 'renew',
      reason: 'Target tercapai; lanjut ke kelurahan lain',
    });
    expect(maturationView(state)).toMatchObject({
      outcome: 'renew',
      decidedBy: coordinator.id,
      decision: { reason: 'Target tercapai; lanjut ke kelurahan lain' },
      next: 'awaitingGate',
    });
  });

  it('waits for the new lead to accept a transfer, then for the gate, then tells it was transferred', () => {
    const state = decide(inMaturation(), coordinator, {
      kind: 'decideMaturation',
      outcome: 'transfer',
      newLeadOrganisationId: 'org-lpm',
      reason: 'Kepemimpinan berpindah ke masyarakat',
    });
    expect(maturationView(state)).toMatchObject({
      newLeadOrganisationId: 'org-lpm',
      next: 'awaitingAcceptance',
    });
    expect(maturationActions(state, lpm)).toEqual({ decide: false, accept: true });
    expect(maturationActions(state, forum)).toEqual({ decide: false, accept: false });
    expect(maturationActions(state, coordinator)).toEqual({ decide: true, accept: false });

    decide(state, lpm, { kind: 'acceptTransfer' });
    expect(maturationView(state)).toMatchObject({ transferAcceptedBy: lpm.id, next: 'awaitingGate' });
    expect(maturationActions(state, lpm).accept).toBe(false);

    state.status = 'transferred';
    expect(maturationView(state)?.next).toBe('transferred');
    expect(maturationActions(state, coordinator)).toEqual({ decide: false, accept: false });
  });

  it('keeps the closure report', () => {
    const state = decide(inMaturation(), coordinator, {
      kind: 'decideMaturation',
      outcome: 'close',
      closureReport: { summary: 'Prevalensi stunting turun menjadi 19 persen.', documentRef: 'LAP-2026-01' },
    });
    expect(maturationView(state)).toMatchObject({
      outcome: 'close',
      closureReport: { summary: 'Prevalensi stunting turun menjadi 19 persen.', documentRef: 'LAP-2026-01' },
      next: 'awaitingGate',
    });
  });

  it('offers the decision only in the maturation stage', () => {
    expect(maturationActions(partnership(), coordinator).decide).toBe(false);
    expect(maturationActions(inMaturation(), coordinator).decide).toBe(true);
  });
});

describe('actorDirectory', () => {
  it('knows the role and organisation of everyone who decided in this cycle', () => {
    const state = partnership();
    decide(state, forum, { kind: 'completeTask', taskId: '2.1', evidence: [] });
    const directory = actorDirectory(state);
    expect(directory.get(coordinator.id)).toEqual({ role: 'coordinator', organisationId: 'org-bappeda' });
    expect(directory.get(forum.id)).toEqual({ role: 'partner', organisationId: 'org-forum' });
    expect(directory.get('u-stranger')).toBeUndefined();
  });
});
