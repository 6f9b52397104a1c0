import * as path from 'node:path';
import { workspaceRoot } from '@mitra/stack';
import {
  benchRunId,
  fanOutHistories,
  readScenarioHistories,
  type FannedOutHistory,
} from './audit-replay-histories';

const scenarios = readScenarioHistories(path.join(workspaceRoot, 'apps', 'worker', 'test', 'histories'));
const startedOf = (history: FannedOutHistory) =>
  history.runs[0]!.history.events![0]!.workflowExecutionStartedEventAttributes!;

describe('fanning the recorded scenario histories out to many workflows', () => {
  it('reads each recorded scenario with the partnership it was started for', () => {
    expect(scenarios.length).toBeGreaterThan(1);
    for (const { partnershipId, history } of scenarios) {
      expect(partnershipId).toMatch(/\S/);
      expect(history.events?.length).toBeGreaterThan(1);
    }
  });

  it('gives every copy its own workflow id and run id, the run id in its started event too', () => {
    const histories = fanOutHistories(scenarios, 3 * scenarios.length + 1);
    expect(new Set(histories.map((history) => history.workflowId)).size).toBe(histories.length);
    expect(new Set(histories.map((history) => history.runs[0]!.runId)).size).toBe(histories.length);
    for (const history of histories) {
      const { runId } = history.runs[0]!;
      expect(runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(startedOf(history)).toMatchObject({ originalExecutionRunId: runId, firstExecutionRunId: runId });
    }
  });

  it('keeps the partnership each scenario was recorded for, from which its hash chain starts', () => {
    const histories = fanOutHistories(scenarios, 2 * scenarios.length);
    expect(histories.map((history) => history.partnershipId)).toEqual(
      [...scenarios, ...scenarios].map(({ partnershipId }) => partnershipId),
    );
  });

  it('takes the scenarios in turn, so any slice mixes them', () => {
    const histories = fanOutHistories(scenarios, 2 * scenarios.length);
    const names = scenarios.map(({ scenario }) => scenario);
    expect(histories.map((history) => history.scenario)).toEqual([...names, ...names]);
  });

  it("keeps the scenario's events and leaves the recorded history as it was", () => {
    const recorded = scenarios[0]!.history.events!;
    const recordedRunId = recorded[0]!.workflowExecutionStartedEventAttributes!.originalExecutionRunId;
    const [history] = fanOutHistories(scenarios, 1);
    const events = history!.runs[0]!.history.events!;
    expect(events).toHaveLength(recorded.length);
    expect(events.slice(1)).toEqual(recorded.slice(1));
    expect(startedOf(history!).input).toBe(recorded[0]!.workflowExecutionStartedEventAttributes!.input);
    expect(recordedRunId).not.toBe(benchRunId(0));
    expect(recorded[0]!.workflowExecutionStartedEventAttributes!.originalExecutionRunId).toBe(recordedRunId);
  });

  it('refuses to fan out nothing', () => {
    expect(() => fanOutHistories([], 10)).toThrow('no scenario histories');
  });
});
