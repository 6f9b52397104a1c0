import type { Client } from '@temporalio/client';
import { partnershipWorkflowId, type ReplayReport, type RunReplay } from '@mitra/contracts';
import { auditHistory, type LifecycleRules } from '@mitra/domain';
import { partnershipSteps, type PartnershipHistory } from './history-steps';
import { chainDivergences } from './partnership-chain';

/** Every run of a partnership's workflow, oldest first: renewals continue as new runs. */
export async function fetchPartnershipHistory(client: Client, partnershipId: string): Promise<PartnershipHistory> {
  const workflowId = partnershipWorkflowId(partnershipId);
  const executions: { runId: string; startTime: number }[] = [];
  for await (const execution of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    executions.push({ runId: execution.runId, startTime: execution.startTime.getTime() });
  }
  executions.sort((a, b) => a.startTime - b.startTime);
  const runs = await Promise.all(executions.map(async ({ runId }) => ({ runId, history: await client.workflow.getHandle(workflowId, runId).fetchHistory() })));
  return { partnershipId, runs };
}

/**
 * A partnership's audit once its runs were replayed with the workflow code in force (the SDK's
 * determinism check, see PartnershipReplayer): checks that the history still yields every chain head
 * it checkpointed, and folds the decisions with today's rules (which can be swapped, to prove the
 * audit catches a change).
 */
export function replayReport(history: PartnershipHistory, runs: RunReplay[], options: { rules?: Partial<LifecycleRules> } = {}): ReplayReport {
  const audit = auditHistory(partnershipSteps(history), { rules: options.rules });
  const replayDivergences = runs
    .filter((run) => !run.deterministic)
    .map((run) => ({ runId: run.runId, eventId: eventIdIn(run.failure), kind: 'replay' as const, at: '', recorded: 'the recorded commands', today: run.failure ?? 'replay failed' }));
  const divergences = [...replayDivergences, ...chainDivergences(history), ...audit.divergences];
  return { partnershipId: history.partnershipId, replayedAt: new Date().toISOString(), runs, agrees: divergences.length === 0, divergences, timeline: audit.timeline };
}

/** Temporal's determinism errors name the history event they stopped at: "HistoryEvent(id: N, …)". */
function eventIdIn(failure?: string): number {
  const match = failure?.match(/event\D{0,6}(\d+)/i);
  return match ? Number(match[1]) : 0;
}
