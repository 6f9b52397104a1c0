import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PartnershipReplayer, type PartnershipHistory } from '@mitra/platform/temporal';
import { lifecycleBundle } from '../test/workflow-bundle';

const historiesDir = path.join(__dirname, '..', 'test', 'histories');
const recordedJson = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(historiesDir, `${name}.json`), 'utf8')) as {
    events: Array<Record<string, unknown>>;
  };
const asHistory = (partnershipId: string, runId: string, json: object): PartnershipHistory => ({
  partnershipId,
  runs: [{ runId, history: historyFromJSON(json) }],
});

/** The `duplicates` history as if the workflow had once scheduled another activity: today's code no longer makes that command. */
function withRenamedActivity(): PartnershipHistory {
  const json = recordedJson('duplicates');
  const scheduled = json.events.find((event) => event.activityTaskScheduledEventAttributes)!
    .activityTaskScheduledEventAttributes as { activityType: { name: string } };
  scheduled.activityType.name = 'notifyByCarrierPigeon';
  return asHistory('renamed', 'renamed-run', json);
}

describe('one long-lived replayer for many partnerships', () => {
  const replayer = PartnershipReplayer.start(lifecycleBundle());
  afterAll(() => replayer.close());

  it('replays many histories, asked for at once, in one replay worker, each with its own outcome and each run once', async () => {
    const scenarios = ['closure', 'duplicates', 'membership', 'refusals', 'reminders', 'transfer'];
    const histories = [
      ...scenarios.map((name) => asHistory(name, `${name}-run`, recordedJson(name))),
      withRenamedActivity(),
      // Two auditors asking at once for the same partnership share its replay.
      asHistory('closure', 'closure-run', recordedJson('closure')),
    ];
    const reports = await Promise.all(histories.map((history) => replayer.replay(history)));

    expect(replayer.workers).toBe(1);
    expect(replayer.replayedRuns).toBe(histories.length - 1);
    expect(reports.map((report) => [report.partnershipId, report.agrees])).toEqual([
      ...scenarios.map((name) => [name, true]),
      ['renamed', false],
      ['closure', true],
    ]);
    const renamed = reports[scenarios.length]!;
    expect(renamed.runs).toEqual([
      expect.objectContaining({
        runId: 'renamed-run',
        deterministic: false,
        failure: expect.stringMatching(/nondetermin/i),
      }),
    ]);
    expect(renamed.divergences).toEqual([
      expect.objectContaining({
        kind: 'replay',
        runId: 'renamed-run',
        today: expect.stringContaining('notifyByCarrierPigeon'),
      }),
    ]);
    for (const report of reports.filter((candidate) => candidate.agrees))
      expect(report.runs).toEqual([expect.objectContaining({ deterministic: true })]);
  }, 120_000);

  it('fails only the history the worker cannot read, and replays the next in a new worker', async () => {
    const unreadable: PartnershipHistory = {
      partnershipId: 'empty',
      runs: [{ runId: 'empty-run', history: { events: [] } }],
    };
    const [failed, next] = await Promise.allSettled([
      replayer.replay(unreadable),
      replayer.replay(asHistory('refusals', 'refusals-run', recordedJson('refusals'))),
    ]);
    expect(failed.status).toBe('rejected');
    expect(next).toMatchObject({ status: 'fulfilled', value: { partnershipId: 'refusals', agrees: true } });
    expect(replayer.workers).toBe(2);
  }, 120_000);
});
