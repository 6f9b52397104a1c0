import type { DecisionKind, DecisionRecord, LifecycleState, Role, StageId } from '@mitra/contracts';
import { findQuestion, findTask, stageDefinition } from '@mitra/domain';

export type Language = 'id' | 'en';

export interface Evidence {
  label: string;
  url?: string;
  documentRef?: string;
}

/** One line of the audit trail: who decided what, when, why, on what evidence. */
export interface DecisionRow {
  decisionId: string;
  at: string;
  cycle: number;
  stage: StageId;
  stageTitle: string;
  kind: DecisionKind;
  actor: { userId: string; role: Role; organisationId?: string };
  /** The task or question decided on, in the process's own words (`1.1 Merumuskan tantangan TPB`). */
  subject?: string;
  /** Why, in the decider's words: a reason, a gate comment, a task note, an answer or a closure summary. */
  why?: string;
  whyKind?: 'reason' | 'comment' | 'note' | 'answer' | 'closure';
  outcome?: 'renew' | 'transfer' | 'close';
  /** The organisation a partner or transfer decision is about. */
  organisationId?: string;
  partnerRole?: string;
  evidence: Evidence[];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value : undefined;

function evidenceOf(value: unknown): Evidence[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): Evidence[] => {
    if (typeof item !== 'object' || item === null) return [];
    const record = item as Record<string, unknown>;
    const label = text(record.label);
    if (!label) return [];
    return [
      {
        label,
        ...(text(record.url) ? { url: text(record.url) } : {}),
        ...(text(record.documentRef) ? { documentRef: text(record.documentRef) } : {}),
      },
    ];
  });
}

function why(
  record: DecisionRecord,
  state: Pick<LifecycleState, 'tasks'>,
): Pick<DecisionRow, 'why' | 'whyKind'> {
  const details = record.details ?? {};
  if (record.reason) return { why: record.reason, whyKind: 'reason' };
  const comment = text(details.comment);
  if (comment) return { why: comment, whyKind: 'comment' };
  const answer = text(details.answer);
  if (answer) return { why: answer, whyKind: 'answer' };
  const closure = details.closureReport as Record<string, unknown> | undefined;
  if (text(closure?.summary)) return { why: text(closure?.summary), whyKind: 'closure' };
  // A task's note is kept on the task, not in the decision record; it belongs to this decision when the times match.
  const taskId = text(details.taskId);
  const task = taskId ? state.tasks[taskId] : undefined;
  if (task && task.at === record.at && text(task.note)) return { why: task.note, whyKind: 'note' };
  return {};
}

function subject(record: DecisionRecord, language: Language): string | undefined {
  const details = record.details ?? {};
  const taskId = text(details.taskId);
  if (taskId) {
    const found = findTask(taskId);
    return found ? `${taskId} ${found.task.title[language]}` : taskId;
  }
  const questionId = text(details.questionId);
  if (questionId) {
    const found = findQuestion(questionId);
    return found ? `${questionId} ${found.question.text[language]}` : questionId;
  }
  return undefined;
}

function stageTitle(stage: StageId, language: Language): string {
  try {
    return stageDefinition(stage).title[language];
  } catch {
    return stage;
  }
}

/** The lifecycle's decision log as the auditor reads it, oldest first. */
export function decisionRows(
  state: Pick<LifecycleState, 'decisions' | 'tasks'>,
  language: Language,
): DecisionRow[] {
  return [...state.decisions]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((record): DecisionRow => {
      const details = record.details ?? {};
      const outcome = details.outcome;
      const organisationId = text(details.organisationId) ?? text(details.newLeadOrganisationId);
      const decidedOn = subject(record, language);
      return {
        decisionId: record.decisionId,
        at: record.at,
        cycle: record.cycle,
        stage: record.stage,
        stageTitle: stageTitle(record.stage, language),
        kind: record.kind,
        actor: record.actor,
        ...(decidedOn ? { subject: decidedOn } : {}),
        ...why(record, state),
        ...(outcome === 'renew' || outcome === 'transfer' || outcome === 'close' ? { outcome } : {}),
        ...(organisationId ? { organisationId } : {}),
        ...(text(details.role) ? { partnerRole: text(details.role) } : {}),
        evidence: evidenceOf(details.evidence),
      };
    });
}

/** The decision log of every cycle, oldest first: each cycle's decisions read with its own tasks. */
export function cycleDecisionRows(
  cycles: readonly Pick<LifecycleState, 'decisions' | 'tasks'>[],
  language: Language,
): DecisionRow[] {
  return cycles.flatMap((cycle) => decisionRows(cycle, language)).sort((a, b) => a.at.localeCompare(b.at));
}

export interface DecisionFilter {
  stage?: StageId;
  kind?: DecisionKind;
  /** Matches the user id, what was decided on, or why. */
  search?: string;
}

export function filterDecisions(rows: readonly DecisionRow[], filter: DecisionFilter): DecisionRow[] {
  const search = filter.search?.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (!filter.stage || row.stage === filter.stage) &&
      (!filter.kind || row.kind === filter.kind) &&
      (!search ||
        [row.actor.userId, row.subject, row.why].some((value) => value?.toLowerCase().includes(search))),
  );
}
