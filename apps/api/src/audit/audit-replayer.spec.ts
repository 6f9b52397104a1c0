import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workspaceRoot } from '@mitra/stack';
import { lifecycleWorkflowBundle, type PartnershipHistory } from '@mitra/platform/temporal';
import { AuditReplayer } from './audit-replayer';

jest.mock('@temporalio/worker', () => {
  const actual = jest.requireActual<typeof import('@temporalio/worker')>('@temporalio/worker');
  return { ...actual, bundleWorkflowCode: jest.fn(actual.bundleWorkflowCode) };
});

const recorded = (name: string, partnershipId: string): PartnershipHistory => ({
  partnershipId,
  runs: [
    {
      runId: `${partnershipId}-run`,
      history: historyFromJSON(
        JSON.parse(
          fs.readFileSync(
            path.join(workspaceRoot, 'apps', 'worker', 'test', 'histories', `${name}.json`),
            'utf8',
          ),
        ),
      ),
    },
  ],
});

describe("the api's audit replayer", () => {
  const replayer = new AuditReplayer();
  const replayWorkers = jest.spyOn(Worker, 'runReplayHistories');
  afterAll(() => replayer.onApplicationShutdown());

  it('bundles the workflow code when the api starts, and replays every request in the one replay worker it started then', async () => {
    replayer.onApplicationBootstrap();
    expect(bundleWorkflowCode).toHaveBeenCalledTimes(1);
    await lifecycleWorkflowBundle();
    await new Promise(setImmediate);
    expect(replayWorkers).toHaveBeenCalledTimes(1);

    const reports = await Promise.all(
      ['duplicates', 'refusals', 'membership', 'duplicates'].map((name, index) =>
        replayer.replay(recorded(name, `auditor-${index}`)),
      ),
    );

    expect(reports.map((report) => [report.partnershipId, report.agrees])).toEqual(
      [0, 1, 2, 3].map((index) => [`auditor-${index}`, true]),
    );
    expect(bundleWorkflowCode).toHaveBeenCalledTimes(1);
    expect(replayWorkers).toHaveBeenCalledTimes(1);
  }, 120_000);
});
