import {
  ErrorCode,
  MitraError,
  MonitoringEventType,
  type AssessmentInput,
  type CompleteEvaluationInput,
  type Evaluation,
  type EvaluationOpening,
  type FieldError,
  type MonitoringPlan,
  type OpenEvaluationInput,
  type PanelMember,
  type Sector,
  type StakeholderRole,
} from '@mitra/contracts';
import type { MonitoringContext, MonitoringDecision } from './monitoring-plan';

const coordinating = (ctx: MonitoringContext) =>
  ctx.actor.role === 'admin' || ctx.actor.role === 'coordinator';

/** The organisations of the stakeholder map that sit on panels, each with its registry sector. */
export type StakeholderSectors = ReadonlyMap<string, Sector>;

/** The roles whose organisations act in the partnership, and so can put a person on its panel. */
const panelRoles: ReadonlySet<StakeholderRole> = new Set(['lead', 'partner', 'evaluator']);

/**
 * The map's organisations a panel is drawn from and must cover: those acting in the partnership (lead,
 * partners, evaluators). Supporters and beneficiaries are heard in other ways; their people have no
 * access to the partnership to assess it, so a panel that had to cover them could never be complete.
 */
export const panelSectorsOf = (
  entries: ReadonlyArray<{ organisationId: string; sector: Sector; role: StakeholderRole }>,
): StakeholderSectors =>
  new Map(
    entries
      .filter((entry) => panelRoles.has(entry.role))
      .map((entry) => [entry.organisationId, entry.sector]),
  );

/** The stakeholder groups the panel must cover: the distinct sectors of those organisations, as they first appear. */
export const stakeholderGroupsOf = (map: StakeholderSectors): Sector[] => [...new Set(map.values())];

/** The stakeholder groups of the partnership that no panel member stands for. */
export const uncoveredGroups = (opening: Pick<EvaluationOpening, 'stakeholderGroups' | 'panel'>): Sector[] =>
  opening.stakeholderGroups.filter((group) => !opening.panel.some((member) => member.group === group));

/** Every stakeholder group of the partnership has at least one member on the panel. */
export const panelCoversAllGroups = (opening: Pick<EvaluationOpening, 'stakeholderGroups' | 'panel'>) =>
  uncoveredGroups(opening).length === 0;

/**
 * Seats each member for its organisation's sector on the stakeholder map, so no one stands for a group
 * the registry does not give it; a member whose organisation is not on the map is refused.
 */
export function verifiedOpening(
  input: OpenEvaluationInput,
  map: StakeholderSectors | undefined,
): EvaluationOpening {
  if (!map)
    throw MitraError.refused(
      ErrorCode.Conflict,
      'monitoring.no_stakeholder_map',
      undefined,
      "The partnership has no stakeholder map to read the panel's groups from.",
    );
  const panel: PanelMember[] = [];
  const outside: FieldError[] = [];
  input.panel.forEach((member, i) => {
    const group = map.get(member.organisationId);
    if (group) panel.push({ ...member, group });
    else
      outside.push({
        field: `evaluation.panel.${i}.organisationId`,
        reason: `${member.organisationId} is not on the partnership's stakeholder map as lead, partner or evaluator`,
        code: 'monitoring.panel_member_not_in_map',
        params: { organisationId: member.organisationId },
      });
  });
  if (outside.length > 0) throw MitraError.validation(outside);
  return { title: input.title, stakeholderGroups: stakeholderGroupsOf(map), panel };
}

function withEvaluation(plan: MonitoringPlan, evaluation: Evaluation): MonitoringPlan {
  const others = (plan.evaluations ?? []).filter((e) => e.id !== evaluation.id);
  return { ...plan, evaluations: [...others, evaluation] };
}

function openEvaluationOf(plan: MonitoringPlan, evaluationId: string): Evaluation {
  const evaluation = plan.evaluations?.find((e) => e.id === evaluationId);
  if (!evaluation) throw MitraError.notFound('The evaluation');
  if (evaluation.status !== 'open')
    throw MitraError.refused(
      ErrorCode.Conflict,
      'monitoring.evaluation_completed',
      undefined,
      'The evaluation is already completed.',
    );
  return evaluation;
}

/** `map` is the partnership's stakeholder map, undefined when it has none. */
export function openEvaluation(
  plan: MonitoringPlan,
  input: OpenEvaluationInput,
  map: StakeholderSectors | undefined,
  ctx: MonitoringContext,
): MonitoringDecision<Evaluation> {
  if (!coordinating(ctx))
    throw new MitraError(ErrorCode.Forbidden, 'Only a coordinator may open an evaluation.');
  const opening = verifiedOpening(input, map);
  const evaluation: Evaluation = {
    ...opening,
    id: ctx.newId(),
    status: 'open',
    panelCoversAllGroups: panelCoversAllGroups(opening),
    assessments: [],
    openedAt: ctx.now,
    openedBy: ctx.actor.userId,
  };
  return {
    plan: withEvaluation(plan, evaluation),
    events: [{ type: MonitoringEventType.EvaluationOpened, data: { evaluationId: evaluation.id } }],
    result: evaluation,
  };
}

/** Each panel member assesses once, for the organisation it sits on the panel for. */
export function submitAssessment(
  plan: MonitoringPlan,
  evaluationId: string,
  input: AssessmentInput,
  ctx: MonitoringContext,
): MonitoringDecision<Evaluation> {
  const evaluation = openEvaluationOf(plan, evaluationId);
  const member = evaluation.panel.find((m) => m.userId === ctx.actor.userId);
  if (!member || ctx.actor.role === 'auditor')
    throw new MitraError(ErrorCode.Forbidden, 'Only a member of the evaluation panel may assess.');
  if (evaluation.assessments.some((a) => a.userId === member.userId))
    throw MitraError.refused(
      ErrorCode.Conflict,
      'monitoring.already_assessed',
      undefined,
      'This member has already assessed.',
    );
  const next: Evaluation = {
    ...evaluation,
    assessments: [
      ...evaluation.assessments,
      { ...input, userId: member.userId, organisationId: member.organisationId, at: ctx.now },
    ],
  };
  return {
    plan: withEvaluation(plan, next),
    events: [
      {
        type: MonitoringEventType.EvaluationAssessed,
        data: { evaluationId, organisationId: member.organisationId },
      },
    ],
    result: next,
  };
}

/** Completes once every member has assessed; the lifecycle gate reads `panelCoversAllGroups`. */
export function completeEvaluation(
  plan: MonitoringPlan,
  evaluationId: string,
  input: CompleteEvaluationInput,
  ctx: MonitoringContext,
): MonitoringDecision<Evaluation> {
  if (!coordinating(ctx))
    throw new MitraError(ErrorCode.Forbidden, 'Only a coordinator may complete an evaluation.');
  const evaluation = openEvaluationOf(plan, evaluationId);
  const missing = evaluation.panel.filter((m) => !evaluation.assessments.some((a) => a.userId === m.userId));
  if (missing.length > 0) {
    const waitingFor = missing.map((m) => m.userId);
    throw MitraError.refused(
      ErrorCode.Conflict,
      'monitoring.panel_incomplete',
      { members: waitingFor },
      'Every panel member must assess before the evaluation completes.',
      waitingFor.map((userId) => ({
        field: 'panel',
        reason: `${userId} has not assessed`,
        code: 'monitoring.member_not_assessed',
        params: { userId },
      })),
    );
  }
  const next: Evaluation = {
    ...evaluation,
    status: 'completed',
    completion: { ...input, at: ctx.now, by: ctx.actor.userId },
  };
  return {
    plan: withEvaluation(plan, next),
    events: [
      {
        type: MonitoringEventType.EvaluationCompleted,
        data: { evaluationId, panelCoversAllGroups: next.panelCoversAllGroups },
      },
    ],
    result: next,
  };
}
