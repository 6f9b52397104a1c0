import { ErrorCode, MonitoringEventType, type Actor, type AssessmentInput, type OpenEvaluationInput } from '@mitra/contracts';
import { completeEvaluation, openEvaluation, submitAssessment } from './evaluation';
import { emptyPlan, type MonitoringContext } from './monitoring-plan';

const coordinator: Actor = { userId: 'koordinator', role: 'coordinator' };
const member = (userId: string, organisationId: string): Actor => ({ userId, role: 'partner', organisationId });
const ctx = (actor: Actor): MonitoringContext => ({ actor, now: '2026-11-25T10:00:00.000Z', newId: () => 'ev-1', sdgExists: () => true });

const panel: OpenEvaluationInput = {
  title: 'Evaluasi tahun pertama',
  stakeholderGroups: ['government_regency', 'cso', 'business'],
  panel: [
    { userId: 'bappeda', organisationId: 'org-gov', group: 'government_regency' },
    { userId: 'lsm', organisationId: 'org-cso', group: 'cso' },
    { userId: 'csr', organisationId: 'org-biz', group: 'business' },
  ],
};
const assessment: AssessmentInput = {
  principles: { localised: 4, inclusive: 3, integrated: 4, gender_responsive: 3, beyond_business_as_usual: 2, accountable: 5 },
  results: 4,
  comment: 'Target tercapai sebagian.',
};
const completion = { findings: 'Stunting turun 3 poin.', lessons: { worked: ['kelas gizi'], failed: ['data desa terlambat'] }, improvementActions: [{ action: 'Percepat data desa', ownerOrganisationId: 'org-gov' }] };
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: ErrorCode }).code;
  }
  return undefined;
};

describe('evaluations', () => {
  it('completes only after every panel member assessed, and reports that the panel covers all groups', () => {
    let plan = openEvaluation(emptyPlan('p'), panel, ctx(coordinator)).plan;
    plan = submitAssessment(plan, 'ev-1', assessment, ctx(member('bappeda', 'org-gov'))).plan;
    expect(codeOf(() => completeEvaluation(plan, 'ev-1', completion, ctx(coordinator)))).toBe(ErrorCode.Conflict);
    plan = submitAssessment(plan, 'ev-1', assessment, ctx(member('lsm', 'org-cso'))).plan;
    plan = submitAssessment(plan, 'ev-1', assessment, ctx(member('csr', 'org-biz'))).plan;
    const done = completeEvaluation(plan, 'ev-1', completion, ctx(coordinator));
    expect(done.events).toEqual([{ type: MonitoringEventType.EvaluationCompleted, data: { evaluationId: 'ev-1', panelCoversAllGroups: true } }]);
    expect(codeOf(() => completeEvaluation(done.plan, 'ev-1', completion, ctx(coordinator)))).toBe(ErrorCode.Conflict);
  });

  it('announces an evaluation opened and each assessment, so the members\' open screens follow', () => {
    const opened = openEvaluation(emptyPlan('p'), panel, ctx(coordinator));
    expect(opened.events).toEqual([{ type: MonitoringEventType.EvaluationOpened, data: { evaluationId: 'ev-1' } }]);
    const assessed = submitAssessment(opened.plan, 'ev-1', assessment, ctx(member('lsm', 'org-cso')));
    expect(assessed.events).toEqual([{ type: MonitoringEventType.EvaluationAssessed, data: { evaluationId: 'ev-1', organisationId: 'org-cso' } }]);
  });

  it('says so when a stakeholder group has no one on the panel', () => {
    const opened = openEvaluation(emptyPlan('p'), { ...panel, stakeholderGroups: [...panel.stakeholderGroups, 'community'] }, ctx(coordinator));
    expect(opened.result.panelCoversAllGroups).toBe(false);
  });

  it('refuses an assessment from someone off the panel and a second one from a member', () => {
    const plan = openEvaluation(emptyPlan('p'), panel, ctx(coordinator)).plan;
    expect(codeOf(() => submitAssessment(plan, 'ev-1', assessment, ctx(member('orang-lain', 'org-x'))))).toBe(ErrorCode.Forbidden);
    const once = submitAssessment(plan, 'ev-1', assessment, ctx(member('lsm', 'org-cso'))).plan;
    expect(codeOf(() => submitAssessment(once, 'ev-1', assessment, ctx(member('lsm', 'org-cso'))))).toBe(ErrorCode.Conflict);
  });
});
