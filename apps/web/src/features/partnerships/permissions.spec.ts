import { lifecycleSettingsSchema, type LifecycleState } from '@mitra/contracts';
import { initialState } from '@mitra/domain';
import type { SessionUser } from '#shared/auth';
import { completeTaskBody, evidenceChecks } from './decision-bodies';
import { mayDecide, refusalFor } from './permissions';

const coordinator: SessionUser = {
  id: 'u-koordinator',
  email: 'k@bandung.go.id',
  name: 'Koordinator',
  role: 'coordinator',
  organisationId: 'org-bappeda',
};
const otherCoordinator: SessionUser = { ...coordinator, id: 'u-other' };
const partner: SessionUser = {
  id: 'u-mitra',
  email: 'm@forumcsr.id',
  name: 'Mitra',
  role: 'partner',
  organisationId: 'org-forum',
};
const outsider: SessionUser = { ...partner, id: 'u-outsider', organisationId: 'org-elsewhere' };
const auditor: SessionUser = { id: 'u-auditor', email: 'a@bpkp.go.id', name: 'Auditor', role: 'auditor' };

function partnership(): LifecycleState {
  const state = initialState({
    partnershipId: 'p1',
    name: 'Stunting Cibangkong',
    startedBy: { userId: coordinator.id, role: 'coordinator', organisationId: coordinator.organisationId },
    startedAt: '2026-01-05T03:00:00Z',
    settings: lifecycleSettingsSchema.parse({}),
  });
  state.partners.push({ organisationId: 'org-forum', role: 'partner', joinedAt: '2026-01-05T03:00:00Z' });
  return state;
}

describe('what the screen offers', () => {
  it('lets the coordinator of the partnership complete coordinator tasks and answer questions', () => {
    const state = partnership();
    expect(mayDecide(state, coordinator, { kind: 'completeTask', taskId: '1.1', evidence: [] })).toBe(true);
    expect(mayDecide(state, coordinator, { kind: 'answerQuestion', questionId: 'I.1', answer: 'Ya' })).toBe(
      true,
    );
    expect(
      mayDecide(state, otherCoordinator, { kind: 'answerQuestion', questionId: 'I.1', answer: 'Ya' }),
    ).toBe(false);
  });

  it('keeps partner tasks for representatives of active partners', () => {
    const state = partnership();
    expect(mayDecide(state, partner, { kind: 'completeTask', taskId: '2.1', evidence: [] })).toBe(true);
    expect(mayDecide(state, outsider, { kind: 'completeTask', taskId: '2.1', evidence: [] })).toBe(false);
    expect(mayDecide(state, coordinator, { kind: 'completeTask', taskId: '2.1', evidence: [] })).toBe(false);
    expect(mayDecide(state, partner, { kind: 'completeTask', taskId: '1.1', evidence: [] })).toBe(false);
  });

  it('offers auditors and other coordinators nothing', () => {
    const state = partnership();
    expect(
      refusalFor(state, auditor, { kind: 'answerQuestion', questionId: 'I.1', answer: 'Ya' })?.code,
    ).toBe('FORBIDDEN');
    expect(refusalFor(state, otherCoordinator, { kind: 'approveGate', stage: 'initiation' })?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('tells a gate that is not ready from a gate the user may not decide', () => {
    const state = partnership();
    expect(refusalFor(state, coordinator, { kind: 'approveGate', stage: 'initiation' })?.code).toBe(
      'CONFLICT',
    );
  });

  it('refuses tasks of another stage', () => {
    expect(mayDecide(partnership(), coordinator, { kind: 'completeTask', taskId: '4.1', evidence: [] })).toBe(
      false,
    );
  });
});

describe('completeTaskBody', () => {
  it('trims and leaves out what is empty', () => {
    expect(
      completeTaskBody('1.1', {
        note: '  ',
        evidence: [
          { label: ' Notulen rapat ', url: ' https://bandung.go.id/notulen.pdf ' },
          { label: 'Daftar hadir', url: '' },
        ],
      }),
    ).toEqual({
      taskId: '1.1',
      evidence: [
        { label: 'Notulen rapat', url: 'https://bandung.go.id/notulen.pdf' },
        { label: 'Daftar hadir' },
      ],
    });
    expect(completeTaskBody('1.2', { note: ' Sudah ', evidence: [] })).toEqual({
      taskId: '1.2',
      evidence: [],
      note: 'Sudah',
    });
  });
});

describe('evidenceChecks', () => {
  it('asks for a label and an http(s) link if any', () => {
    expect(evidenceChecks.label(' ')).toBe('completeTask.labelRequired');
    expect(evidenceChecks.label('Notulen')).toBeNull();
    expect(evidenceChecks.url('')).toBeNull();
    expect(evidenceChecks.url('https://bandung.go.id')).toBeNull();
    expect(evidenceChecks.url('javascript:alert(1)')).toBe('completeTask.urlInvalid');
  });
});
