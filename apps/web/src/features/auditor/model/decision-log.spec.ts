import { lifecycleSettingsSchema, type Actor, type Decision, type LifecycleState } from '@mitra/contracts';
import { applyDecision, initialState } from '@mitra/domain';
import { cycleDecisionRows, decisionRows, filterDecisions } from './decision-log';

const coordinator: Actor = { userId: 'koordinator-1', role: 'coordinator' };
const partner: Actor = { userId: 'mitra-1', role: 'partner', organisationId: 'org-forum' };
const t0 = '2026-03-01T01:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(t0) + hours * 3_600_000).toISOString();

/** A partnership whose decisions went through the domain's own rules, as the workflow applies them. */
function decided(): LifecycleState {
  const state = initialState({
    partnershipId: 'aaaaaaaaaaaaaaaaaaaa',
    name: 'Bandung Bebas Sampah',
    startedBy: coordinator,
    startedAt: t0,
    leadOrganisationId: 'org-bappeda',
    settings: lifecycleSettingsSchema.parse({}),
  });
  let id = 0;
  const decide = (decision: Decision, hours: number) =>
    applyDecision(state, decision, { now: at(hours), newId: () => `d-${++id}` });
  const base = (actor: Actor, key: string) => ({ actor, idempotencyKey: `key-${key}` });
  // Applied out of order on purpose: the log is read in time order.
  decide(
    {
      kind: 'answerQuestion',
      ...base(coordinator, 'q'),
      questionId: 'I.1',
      answer: 'Sampah plastik naik 20% per tahun.',
    },
    3,
  );
  decide(
    {
      kind: 'completeTask',
      ...base(coordinator, 't'),
      taskId: '1.1',
      evidence: [{ label: 'Notulen rapat', url: 'https://arsip.example.id/notulen.pdf' }],
      note: 'Disepakati dalam rapat pertama.',
    },
    1,
  );
  decide(
    {
      kind: 'waiveInclusiveness',
      ...base(coordinator, 'w'),
      reason: 'Kelompok disabilitas diundang, belum hadir.',
    },
    4,
  );
  decide({ kind: 'addPartner', ...base(coordinator, 'p'), organisationId: 'org-forum', role: 'partner' }, 5);
  decide({ kind: 'completeTask', ...base(partner, 't2'), taskId: '1.2', evidence: [] }, 6);
  return state;
}

describe('decisionRows', () => {
  it('lists who decided what, when and why, oldest first, in Bahasa Indonesia', () => {
    const rows = decisionRows(decided(), 'id');
    expect(rows.map((r) => [r.at, r.kind, r.actor.userId, r.subject, r.whyKind, r.why])).toEqual([
      [
        at(1),
        'completeTask',
        'koordinator-1',
        '1.1 Merumuskan tantangan TPB',
        'note',
        'Disepakati dalam rapat pertama.',
      ],
      [
        at(3),
        'answerQuestion',
        'koordinator-1',
        'I.1 Apakah alasan kemitraan sudah spesifik?',
        'answer',
        'Sampah plastik naik 20% per tahun.',
      ],
      [
        at(4),
        'waiveInclusiveness',
        'koordinator-1',
        undefined,
        'reason',
        'Kelompok disabilitas diundang, belum hadir.',
      ],
      [at(5), 'addPartner', 'koordinator-1', undefined, undefined, undefined],
      [
        at(6),
        'completeTask',
        'mitra-1',
        '1.2 Memetakan sumber daya dan cara memperolehnya',
        undefined,
        undefined,
      ],
    ]);
    expect(rows[0]).toMatchObject({ stage: 'initiation', stageTitle: 'Inisiasi', cycle: 1 });
    expect(rows[0].evidence).toEqual([
      { label: 'Notulen rapat', url: 'https://arsip.example.id/notulen.pdf' },
    ]);
    expect(rows[3]).toMatchObject({ organisationId: 'org-forum', partnerRole: 'partner' });
    expect(rows[4].actor).toEqual(partner);
  });

  it('uses the English wording of the process in English', () => {
    const rows = decisionRows(decided(), 'en');
    expect(rows[0]).toMatchObject({ stageTitle: 'Initiation', subject: '1.1 Formulate the SDG challenge' });
    expect(rows[1].subject).toBe('I.1 Is the reason for the partnership specific?');
  });

  it('does not take a later note of the same task for an earlier decision', () => {
    const state = decided();
    state.tasks['1.1'] = { ...state.tasks['1.1'], at: at(9), note: 'Catatan revisi' };
    expect(decisionRows(state, 'id')[0].why).toBeUndefined();
  });

  it('reads every cycle, each decision with the tasks of its own cycle', () => {
    const first = decided();
    const second = decided();
    second.cycle = 2;
    second.decisions = second.decisions.map((record) => ({
      ...record,
      cycle: 2,
      at: `2027${record.at.slice(4)}`,
    }));
    second.tasks = Object.fromEntries(
      Object.entries(second.tasks).map(([id, task]) => [
        id,
        { ...task, at: `2027${task.at.slice(4)}`, note: 'Siklus kedua' },
      ]),
    );
    const rows = cycleDecisionRows([second, first], 'id');
    expect(rows).toHaveLength(first.decisions.length * 2);
    expect(rows.map((row) => row.cycle)).toEqual([
      ...first.decisions.map(() => 1),
      ...second.decisions.map(() => 2),
    ]);
    expect(rows.find((row) => row.cycle === 2 && row.subject?.startsWith('1.1'))?.why).toBe('Siklus kedua');
  });
});

describe('filterDecisions', () => {
  it('filters by kind and by words in the user, subject or reason', () => {
    const rows = decisionRows(decided(), 'id');
    expect(filterDecisions(rows, { kind: 'completeTask' }).map((r) => r.subject?.slice(0, 3))).toEqual([
      '1.1',
      '1.2',
    ]);
    expect(filterDecisions(rows, { search: 'DISABILITAS' }).map((r) => r.kind)).toEqual([
      'waiveInclusiveness',
    ]);
    expect(filterDecisions(rows, { search: 'mitra-1' }).map((r) => r.kind)).toEqual(['completeTask']);
    expect(filterDecisions(rows, { stage: 'formation' })).toEqual([]);
    expect(filterDecisions(rows, {})).toHaveLength(5);
  });
});
