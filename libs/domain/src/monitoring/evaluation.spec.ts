import { ErrorCode, MonitoringEventType, type Actor, type AssessmentInput, type MonitoringPlan, type OpenEvaluationInput } from '@mitra/contracts';
import { completeEvaluation, openEvaluation as openWithMap, panelSectorsOf, submitAssessment, type StakeholderSectors } from './evaluation';
import { emptyPlan, type MonitoringContext } from './monitoring-plan';

const coordinator: Actor = { userId: 'koordinator', role: 'coordinator' };
const member = (userId: string, organisationId: string): Actor => ({ userId, role: 'partner', organisationId });
const ctx = (actor: Actor): MonitoringContext => ({ actor, now: '2026-11-25T10:00:00.000Z', newId: () => 'ev-1', sdgExists: () => true });

const stakeholderMap: StakeholderSectors = new Map([
  ['org-gov', 'government_regency'],
  ['org-cso', 'cso'],
  ['org-biz', 'business'],
]);
const panel: OpenEvaluationInput = {
  title: 'Evaluasi tahun pertama',
  panel: [
    { userId: 'bappeda', organisationId: 'org-gov' },
    { userId: 'lsm', organisationId: 'org-cso' },
    { userId: 'csr', organisationId: 'org-biz' },
  ],
};
const openEvaluation = (plan: MonitoringPlan, input: OpenEvaluationInput, context: MonitoringContext) =>
  openWithMap(plan, input, stakeholderMap, context);
const assessment: AssessmentInput = {
  principles: { localised: 4, inclusive: 3, integrated: 4, gender_responsive: 3, beyond_business_as_usual: 2, accountable: 5 },
  results: 4,
  comment: 'Target tercapai sebagian.',
};
const completion = { findings: 'Stunting turun 3 poin.', lessons: { worked: ['kelas gizi'], failed: ['data desa terlambat'] }, improvementActions: [{ action: 'Percepat data desa', ownerOrganisationId: 'org-gov' }] };
const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as { code?: ErrorCode; refusal?: { code: string }; errors?: unknown[] };
  }
  return undefined;
};
const codeOf = (fn: () => unknown) => thrown(fn)?.code;

describe('evaluations', () => {
  it("draws the panel's organisations and groups from the map's lead, partners and evaluators, not its supporters and beneficiaries", () => {
    const sectors = panelSectorsOf([
      { organisationId: 'org-gov', sector: 'government_regency', role: 'lead' },
      { organisationId: 'org-biz', sector: 'business', role: 'partner' },
      { organisationId: 'org-uni', sector: 'academia', role: 'evaluator' },
      { organisationId: 'org-cso', sector: 'cso', role: 'beneficiary' },
      { organisationId: 'org-media', sector: 'media', role: 'supporter' },
    ]);
    expect([...sectors]).toEqual([
      ['org-gov', 'government_regency'],
      ['org-biz', 'business'],
      ['org-uni', 'academia'],
    ]);
  });

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

  it("seats each member for its organisation's sector on the map and takes the groups from the map", () => {
    const opened = openEvaluation(emptyPlan('p'), panel, ctx(coordinator)).result;
    expect(opened.stakeholderGroups).toEqual(['government_regency', 'cso', 'business']);
    expect(opened.panel.map((m) => m.group)).toEqual(['government_regency', 'cso', 'business']);
    expect(opened.panelCoversAllGroups).toBe(true);
  });

  it('says so when a stakeholder group of the map has no one on the panel', () => {
    const withCommunity: StakeholderSectors = new Map([...stakeholderMap, ['org-desa', 'community']]);
    const opened = openWithMap(emptyPlan('p'), panel, withCommunity, ctx(coordinator));
    expect(opened.result.stakeholderGroups).toContain('community');
    expect(opened.result.panelCoversAllGroups).toBe(false);
  });

  it('does not let a one-person government panel cover a map of government and community', () => {
    const map: StakeholderSectors = new Map([['org-gov', 'government_regency'], ['org-desa', 'community']]);
    const opened = openWithMap(emptyPlan('p'), { title: 'Evaluasi', panel: [{ userId: 'bappeda', organisationId: 'org-gov' }] }, map, ctx(coordinator));
    expect(opened.result.panel).toEqual([{ userId: 'bappeda', organisationId: 'org-gov', group: 'government_regency' }]);
    expect(opened.result.panelCoversAllGroups).toBe(false);
  });

  it("refuses a member whose organisation is not on the partnership's stakeholder map, naming it at its field", () => {
    const outsider = { ...panel, panel: [...panel.panel, { userId: 'tamu', organisationId: 'org-luar' }] };
    expect(thrown(() => openEvaluation(emptyPlan('p'), outsider, ctx(coordinator)))).toMatchObject({
      code: ErrorCode.ValidationFailed,
      errors: [{ field: 'evaluation.panel.3.organisationId', code: 'monitoring.panel_member_not_in_map', params: { organisationId: 'org-luar' } }],
    });
  });

  it('refuses to open an evaluation for a partnership without a stakeholder map', () => {
    expect(thrown(() => openWithMap(emptyPlan('p'), panel, undefined, ctx(coordinator)))).toMatchObject({
      code: ErrorCode.Conflict,
      refusal: { code: 'monitoring.no_stakeholder_map' },
    });
  });

  it('refuses an assessment from someone off the panel and a second one from a member', () => {
    const plan = openEvaluation(emptyPlan('p'), panel, ctx(coordinator)).plan;
    expect(codeOf(() => submitAssessment(plan, 'ev-1', assessment, ctx(member('orang-lain', 'org-x'))))).toBe(ErrorCode.Forbidden);
    const once = submitAssessment(plan, 'ev-1', assessment, ctx(member('lsm', 'org-cso'))).plan;
    expect(codeOf(() => submitAssessment(once, 'ev-1', assessment, ctx(member('lsm', 'org-cso'))))).toBe(ErrorCode.Conflict);
  });
});
