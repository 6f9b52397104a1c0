import type { LifecycleState } from '@mitra/contracts';
import { stageDefinition, stageTasks, type LocalisedText } from './stages';

export interface Precondition {
  id: string;
  holds: boolean;
  text: LocalisedText;
  /** The stage task whose fact this is: it cannot be marked done while the fact does not hold. */
  task?: string;
}

export function preconditions(state: LifecycleState, now: string): Precondition[] {
  const { facts } = state;
  switch (state.stage) {
    case 'initiation':
      return [
        {
          id: 'inclusive-map',
          holds: facts.stakeholderMapPassed || facts.inclusivenessWaiver !== undefined,
          task: '1.4',
          text: {
            id: 'Peta pemangku kepentingan lolos cek inklusivitas (atau pengecualian tercatat)',
            en: 'Stakeholder map passes the inclusiveness check (or a recorded waiver)',
          },
        },
        {
          id: 'sdg-targets',
          holds: facts.sdgTargetsChosen,
          task: '2.4',
          text: { id: 'Target TPB dipilih', en: 'SDG targets chosen' },
        },
        {
          id: 'baseline',
          holds: facts.baselineFixed,
          task: '2.4',
          text: { id: 'Baseline ditetapkan', en: 'Baseline fixed' },
        },
      ];
    case 'formation':
      return [
        {
          id: 'mou-effective',
          holds: facts.mouEffective !== undefined,
          text: { id: 'Nota Kesepahaman berlaku', en: 'MoU effective' },
        },
        {
          id: 'funding-committed',
          holds: facts.fundingCommitted,
          task: '6.2',
          text: { id: 'Rencana pendanaan dengan komitmen', en: 'Funding plan with commitments' },
        },
      ];
    case 'implementation': {
      const due = state.reportingPeriods.filter((p) => p.dueAt <= now);
      const approved = state.reportingPeriods.filter((p) => p.status === 'approved');
      return [
        {
          id: 'reports-approved',
          holds: approved.length > 0 && due.every((p) => p.status === 'approved'),
          text: {
            id: 'Laporan periode yang telah jatuh tempo disetujui',
            en: 'Reports of the periods so far approved',
          },
        },
      ];
    }
    case 'monitoring':
      return [
        {
          id: 'evaluation-completed',
          holds: facts.evaluationCompleted,
          text: {
            id: 'Evaluasi oleh panel dari semua kelompok pemangku kepentingan',
            en: 'Evaluation by a panel from all stakeholder groups',
          },
        },
      ];
    case 'maturation': {
      const maturation = state.maturation;
      return [
        {
          id: 'maturation-decided',
          holds:
            maturation !== undefined &&
            (maturation.outcome !== 'transfer' || maturation.transferAcceptedBy !== undefined),
          text: {
            id: 'Keputusan pembaruan, pengalihan (diterima pemimpin baru), atau penutupan',
            en: 'A decision to renew, transfer (accepted by the new lead) or close',
          },
        },
      ];
    }
  }
}

/** The preconditions that are `taskId`'s fact and do not hold yet: the task waits for them. */
export function unmetFactsOf(state: LifecycleState, taskId: string, now: string): Precondition[] {
  return preconditions(state, now).filter(
    (precondition) => precondition.task === taskId && !precondition.holds,
  );
}

export interface GateReadiness {
  missingTasks: string[];
  unansweredQuestions: string[];
  unmetPreconditions: string[];
  ready: boolean;
}

export function gateReadiness(state: LifecycleState, now: string): GateReadiness {
  const missingTasks = stageTasks(state.stage)
    .map((t) => t.id)
    .filter((id) => !state.tasks[id]);
  const unansweredQuestions = stageDefinition(state.stage)
    .questions.map((q) => q.id)
    .filter((id) => !state.answers[id]);
  const unmetPreconditions = preconditions(state, now)
    .filter((p) => !p.holds)
    .map((p) => p.id);
  const ready =
    missingTasks.length + unansweredQuestions.length + unmetPreconditions.length === 0 &&
    !state.gate.returned;
  return { missingTasks, unansweredQuestions, unmetPreconditions, ready };
}

/** Why a gate cannot be approved yet, for the refusal the coordinator reads. */
export function describeUnready(readiness: GateReadiness): string {
  const parts = [
    readiness.missingTasks.length > 0 ? `tasks not done: ${readiness.missingTasks.join(', ')}` : '',
    readiness.unansweredQuestions.length > 0
      ? `questions not answered: ${readiness.unansweredQuestions.join(', ')}`
      : '',
    readiness.unmetPreconditions.length > 0
      ? `preconditions not met: ${readiness.unmetPreconditions.join(', ')}`
      : '',
  ].filter(Boolean);
  return parts.length > 0
    ? `The gate is not ready (${parts.join('; ')}).`
    : 'The gate was returned for revision; revise a task or an answer first.';
}
