import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { refusal } from '@mitra/domain';
import { PartnershipReplayer, type PartnershipHistory } from '@mitra/platform/temporal';
import { lifecycleBundle } from '../test/workflow-bundle';

const historiesDir = path.join(__dirname, '..', 'test', 'histories');
const recorded = (name: string): PartnershipHistory => ({
  partnershipId: name,
  runs: [{ runId: name, history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(historiesDir, `${name}.json`), 'utf8'))) }],
});
const acceptedUpdates = (history: PartnershipHistory) => history.runs[0]!.history.events!.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes).length;

describe("an auditor's replay of recorded partnership histories", () => {
  const replayer = PartnershipReplayer.start(lifecycleBundle());
  afterAll(() => replayer.close());

  it.each(['closure', 'transfer', 'renewal', 'membership'])('agrees on the %s scenario and reads every decision with its actor', async (name) => {
    const history = recorded(name);
    const report = await replayer.replay(history);
    expect(report.divergences).toEqual([]);
    expect(report.agrees).toBe(true);
    expect(report.runs).toEqual([expect.objectContaining({ runId: name, deterministic: true })]);
    expect(report.timeline).toHaveLength(acceptedUpdates(history));
    for (const entry of report.timeline) expect(entry.actor.userId).toMatch(/\S/);
  }, 120_000);

  it('names the approvals a deliberately changed rule would refuse today', async () => {
    const onlyAdminsApprove: typeof refusal = (state, decision, now) =>
      decision.kind === 'approveGate' && decision.actor.role !== 'admin' ? { code: 'FORBIDDEN', reason: 'Only an administrator approves a gate.' } : refusal(state, decision, now);
    const report = await replayer.replay(recorded('closure'), { rules: { refusal: onlyAdminsApprove } });
    expect(report.agrees).toBe(false);
    expect(report.divergences.length).toBeGreaterThan(0);
    expect(report.divergences[0]).toMatchObject({ kind: 'approveGate', recorded: 'accepted', today: 'refused (FORBIDDEN): Only an administrator approves a gate.', eventId: expect.any(Number) });
  }, 120_000);

  it('reports workflow code that no longer replays the history', async () => {
    const changedCode = PartnershipReplayer.start(lifecycleBundle(path.join(__dirname, '..', 'test', 'nondeterministic', 'index.ts')));
    const report = await changedCode.replay(recorded('closure')).finally(() => changedCode.close());
    expect(report.agrees).toBe(false);
    expect(report.runs[0]).toMatchObject({ deterministic: false, failure: expect.stringMatching(/nondetermin/i) });
    expect(report.divergences[0]).toMatchObject({ kind: 'replay', eventId: expect.any(Number) });
    expect(report.divergences[0]!.eventId).toBeGreaterThan(0);
  }, 120_000);
});
