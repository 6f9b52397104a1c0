import * as fs from 'node:fs';
import * as path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { historySteps, type PartnershipHistory } from '@mitra/platform/temporal';

type History = PartnershipHistory['runs'][number]['history'];

export interface ScenarioHistory {
  scenario: string;
  /** The partnership the recorded workflow was started for. */
  partnershipId: string;
  history: History;
}

export interface FannedOutHistory extends PartnershipHistory {
  scenario: string;
  workflowId: string;
}

/** Every recorded scenario history in `dir` (the replay tests' fixtures), by name. */
export function readScenarioHistories(dir: string): ScenarioHistory[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const scenario = path.basename(file, '.json');
      const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      const started = historySteps(scenario, history)[0];
      if (started?.type !== 'started')
        throw new Error(`the ${scenario} history does not begin with its start`);
      return { scenario, partnershipId: started.input.partnershipId, history };
    });
}

/** The n-th copy's run id, shaped as the server makes them. */
export const benchRunId = (index: number): string =>
  `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

/**
 * `count` workflow histories made of the recorded scenarios taken in turn, so any slice of the list
 * mixes them. Each copy gets its own workflow id and run id; the run id is also written into the
 * started event, where the server puts it. The partnership id stays the one the recorded start names,
 * from which the hash chain starts. The other events are shared with the scenario, not copied: neither
 * the replayer nor the audit writes to them.
 */
export function fanOutHistories(scenarios: readonly ScenarioHistory[], count: number): FannedOutHistory[] {
  if (scenarios.length === 0) throw new Error('no scenario histories to fan out');
  return Array.from({ length: count }, (_, index) => {
    const { scenario, partnershipId, history } = scenarios[index % scenarios.length]!;
    const [started, ...rest] = history.events ?? [];
    const attributes = started?.workflowExecutionStartedEventAttributes;
    if (!started || !attributes) throw new Error(`the ${scenario} history does not begin with its start`);
    const runId = benchRunId(index);
    const events = [
      {
        ...started,
        workflowExecutionStartedEventAttributes: {
          ...attributes,
          originalExecutionRunId: runId,
          firstExecutionRunId: runId,
        },
      },
      ...rest,
    ];
    return {
      scenario,
      partnershipId,
      workflowId: `bench-audit-${index}-${scenario}`,
      runs: [{ runId, history: { ...history, events } }],
    };
  });
}
