import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lifecycleBundle } from '../test/workflow-bundle';

const historiesDir = path.join(__dirname, '..', 'test', 'histories');
const fixtures = fs
  .readdirSync(historiesDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ workflowId: path.basename(file, '.json'), history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8'))) }));

async function replayErrors(workflowsPath?: string): Promise<Array<{ workflowId: string; error?: unknown }>> {
  const results: Array<{ workflowId: string; error?: unknown }> = [];
  const workflowBundle = await lifecycleBundle(workflowsPath);
  for await (const result of Worker.runReplayHistories({ workflowBundle }, fixtures)) {
    results.push({ workflowId: result.workflowId, error: result.error });
  }
  return results;
}

describe('replaying recorded partnership histories', () => {
  it('has the scenario histories recorded as fixtures', () => {
    expect(fixtures.map((f) => f.workflowId).sort()).toEqual(['closure', 'duplicates', 'membership', 'refusals', 'reminders', 'renewal', 'transfer']);
  });

  it('reproduces every recorded decision with the workflow code in force', async () => {
    const results = await replayErrors();
    expect(results.filter((r) => r.error).map((r) => `${r.workflowId}: ${String(r.error)}`)).toEqual([]);
    expect(results).toHaveLength(fixtures.length);
  }, 120_000);

  it('names a deliberately non-deterministic change as a divergence', async () => {
    const results = await replayErrors(path.join(__dirname, '..', 'test', 'nondeterministic', 'index.ts'));
    expect(results).toHaveLength(fixtures.length);
    for (const result of results) expect(result.error).toBeInstanceOf(DeterminismViolationError);
  }, 120_000);
});

/** Packages the workflow may bundle: each open workflow evaluates every module of the bundle again (reuseV8Context). */
const workflowPackages = ['@noble/hashes', '@temporalio/common', '@temporalio/workflow', 'long', 'ms', 'nexus-rpc'];

describe('the workflow bundle', () => {
  it('holds the workflow-safe entry points and no zod, no other package, no barrel of the contracts or the domain', async () => {
    const { code } = await lifecycleBundle();
    const modules = [...code.matchAll(/^\/\*{3}\/ "([^"]+)"/gm)].map(([, id]) => id);
    expect(modules).toEqual(expect.arrayContaining(['./libs/contracts/src/lifecycle-workflow.ts', './libs/domain/src/lifecycle-workflow.ts']));
    const packages = new Set(modules.flatMap((id) => id.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? []));
    expect([...packages].sort()).toEqual(workflowPackages);
    expect(modules.filter((id) => /^\.\/libs\/(contracts|domain)\/src\/index\.ts$/.test(id))).toEqual([]);
  }, 120_000);
});
