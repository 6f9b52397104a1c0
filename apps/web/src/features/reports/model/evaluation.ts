import {
  principles,
  type AgreementVersion,
  type AssessmentInput,
  type CompleteEvaluationInput,
  type Evaluation,
  type LifecycleState,
  type OpenEvaluationInput,
  type PanelMember,
  type PanelMemberInput,
  type Principle,
  type ProgressReport,
  type Sector,
  type StakeholderMapView,
} from '@mitra/contracts';
import { panelSectorsOf, uncoveredGroups, verifiedOpening, type StakeholderSectors } from '@mitra/domain';
import { isCalendarDate } from './plan-setup';

/** Someone who may sit on an evaluation panel: a user acting for an organisation of the partnership. */
export interface PanelCandidate {
  userId: string;
  organisationId: string;
  name?: string;
  title?: string;
}

/**
 * The people a coordinator can put on a panel: the accounts acting in the partnership for an
 * organisation, and the users its records name (the representatives in its agreements, whoever
 * reported or decided for an organisation). Organisations that left the partnership are left out;
 * each user once, with the most the sources tell about them.
 */
export function panelCandidates(sources: {
  self?: { userId: string; organisationId?: string; name: string };
  accounts?: readonly { id: string; name: string; organisationId?: string }[];
  agreements?: readonly AgreementVersion[];
  reports?: readonly ProgressReport[];
  state?: LifecycleState;
}): PanelCandidate[] {
  const found: PanelCandidate[] = [];
  const { self, accounts = [], agreements = [], reports = [], state } = sources;
  if (self?.organisationId)
    found.push({ userId: self.userId, organisationId: self.organisationId, name: self.name });
  for (const account of accounts)
    if (account.organisationId)
      found.push({ userId: account.id, organisationId: account.organisationId, name: account.name });
  for (const version of agreements) {
    for (const party of version.content.fields.parties) {
      found.push({
        userId: party.representative.userId,
        organisationId: party.organisationId,
        name: party.representative.name,
        title: party.representative.title,
      });
    }
  }
  for (const report of reports)
    found.push({ userId: report.submittedBy, organisationId: report.organisationId });
  for (const decision of state?.decisions ?? []) {
    if (decision.actor.organisationId)
      found.push({ userId: decision.actor.userId, organisationId: decision.actor.organisationId });
  }
  for (const task of Object.values(state?.tasks ?? {})) {
    if (task.organisationId) found.push({ userId: task.by, organisationId: task.organisationId });
  }

  const active = state
    ? new Set(
        state.partners.filter((partner) => !partner.withdrawnAt).map((partner) => partner.organisationId),
      )
    : undefined;
  const byUser = new Map<string, PanelCandidate>();
  for (const candidate of found) {
    const isSelf = candidate.userId === self?.userId;
    if (active && !isSelf && !active.has(candidate.organisationId)) continue;
    const known = byUser.get(candidate.userId);
    byUser.set(candidate.userId, {
      userId: candidate.userId,
      organisationId: known?.organisationId ?? candidate.organisationId,
      name: known?.name ?? candidate.name,
      title: known?.title ?? candidate.title,
    });
  }
  return [...byUser.values()];
}

/** The map's panel organisations with their registry sectors, as the service reads them; undefined without a map. */
export const stakeholderSectorsOf = (
  map: StakeholderMapView | null | undefined,
): StakeholderSectors | undefined => (map ? panelSectorsOf(map.map.entries) : undefined);

/**
 * The groups the panel leaves out, as the monitoring service will compute them: the map's sectors, each
 * member standing for its organisation's. The form offers only members whose organisation is on the map.
 */
export const groupsLeftOut = (map: StakeholderSectors, panel: readonly PanelMemberInput[]): Sector[] =>
  uncoveredGroups(verifiedOpening({ title: '', panel: [...panel] }, map));

export type EvaluationErrorKey = 'required' | 'panelRequired' | 'dateInvalid' | 'scoreRequired';
/** Form path → why it is wrong, as a key of the reports bundle's `evaluation.errors`. */
export type EvaluationErrors = Record<string, EvaluationErrorKey>;

export interface OpenEvaluationFormValues {
  title: string;
  panel: PanelMemberInput[];
}

export function validateOpenEvaluation(values: OpenEvaluationFormValues): EvaluationErrors {
  const errors: EvaluationErrors = {};
  if (!values.title.trim()) errors.title = 'required';
  if (values.panel.length === 0) errors.panel = 'panelRequired';
  return errors;
}

export const toOpenEvaluationInput = (values: OpenEvaluationFormValues): OpenEvaluationInput => ({
  title: values.title.trim(),
  panel: values.panel.map((seat) => ({ userId: seat.userId, organisationId: seat.organisationId })),
});

/** Scores as the segmented controls hold them: '1' … '5', '' until chosen. */
export interface AssessmentFormValues {
  principles: Record<Principle, string>;
  results: string;
  comment: string;
}

export const emptyAssessmentForm = (): AssessmentFormValues => ({
  principles: Object.fromEntries(principles.map((principle) => [principle, ''])) as Record<Principle, string>,
  results: '',
  comment: '',
});

const isScore = (value: string) => /^[1-5]$/.test(value);

export function validateAssessmentForm(values: AssessmentFormValues): EvaluationErrors {
  const errors: EvaluationErrors = {};
  for (const principle of principles) {
    if (!isScore(values.principles[principle])) errors[`principles.${principle}`] = 'scoreRequired';
  }
  if (!isScore(values.results)) errors.results = 'scoreRequired';
  if (!values.comment.trim()) errors.comment = 'required';
  return errors;
}

export const toAssessmentInput = (values: AssessmentFormValues): AssessmentInput => ({
  principles: Object.fromEntries(
    principles.map((principle) => [principle, Number(values.principles[principle])]),
  ) as Record<Principle, number>,
  results: Number(values.results),
  comment: values.comment.trim(),
});

export interface CompletionFormValues {
  findings: string;
  lessons: { worked: string[]; failed: string[] };
  improvementActions: { action: string; ownerOrganisationId: string; dueDate: string }[];
}

export const emptyCompletionForm = (): CompletionFormValues => ({
  findings: '',
  lessons: { worked: [''], failed: [''] },
  improvementActions: [],
});

export function validateCompletionForm(values: CompletionFormValues): EvaluationErrors {
  const errors: EvaluationErrors = {};
  if (!values.findings.trim()) errors.findings = 'required';
  for (const kind of ['worked', 'failed'] as const) {
    values.lessons[kind].forEach((lesson, index) => {
      if (!lesson.trim()) errors[`lessons.${kind}.${index}`] = 'required';
    });
  }
  values.improvementActions.forEach((action, index) => {
    if (!action.action.trim()) errors[`improvementActions.${index}.action`] = 'required';
    if (!action.ownerOrganisationId) errors[`improvementActions.${index}.ownerOrganisationId`] = 'required';
    if (action.dueDate && !isCalendarDate(action.dueDate))
      errors[`improvementActions.${index}.dueDate`] = 'dateInvalid';
  });
  return errors;
}

export const toCompletionInput = (values: CompletionFormValues): CompleteEvaluationInput => ({
  findings: values.findings.trim(),
  lessons: {
    worked: values.lessons.worked.map((lesson) => lesson.trim()),
    failed: values.lessons.failed.map((lesson) => lesson.trim()),
  },
  improvementActions: values.improvementActions.map((action) => ({
    action: action.action.trim(),
    ownerOrganisationId: action.ownerOrganisationId,
    ...(action.dueDate ? { dueDate: action.dueDate } : {}),
  })),
});

/** The panel's scores: the mean per principle and for the results, one decimal; null before anyone assessed. */
export interface AssessmentSummary {
  count: number;
  principles: Record<Principle, number | null>;
  results: number | null;
}

const mean = (values: number[]) =>
  values.length === 0
    ? null
    : Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 10) / 10;

export function assessmentSummary(evaluation: Pick<Evaluation, 'assessments'>): AssessmentSummary {
  const { assessments } = evaluation;
  return {
    count: assessments.length,
    principles: Object.fromEntries(
      principles.map((principle) => [principle, mean(assessments.map((a) => a.principles[principle]))]),
    ) as Record<Principle, number | null>,
    results: mean(assessments.map((a) => a.results)),
  };
}

/** Panel members who have not assessed yet; the evaluation completes only without any. */
export const awaitingAssessment = (evaluation: Pick<Evaluation, 'panel' | 'assessments'>) =>
  evaluation.panel.filter((member) => !evaluation.assessments.some((a) => a.userId === member.userId));

/** The seat the user still has to assess on, if any. */
export const seatToAssess = (evaluation: Evaluation, userId: string): PanelMember | undefined =>
  evaluation.status === 'open'
    ? awaitingAssessment(evaluation).find((member) => member.userId === userId)
    : undefined;

/** Newest first. */
export const evaluationsOf = (evaluations: readonly Evaluation[] | undefined) =>
  [...(evaluations ?? [])].sort((a, b) => b.openedAt.localeCompare(a.openedAt));
