import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { LifecycleState } from '@mitra/contracts';
import { workspaceRoot } from '@mitra/stack';
import { ApiClient, systemEnv } from '@mitra/testing';

const run = (args: string[]) =>
  promisify(execFile)(process.execPath, ['-r', '@swc-node/register', path.join('tools', 'audit', 'replay-partnerships.ts'), ...args], {
    cwd: workspaceRoot,
    env: { ...process.env, TEMPORAL_ADDRESS: systemEnv().TEMPORAL_ADDRESS, SWC_NODE_PROJECT: path.join(workspaceRoot, 'tsconfig.base.json') },
  });

describe('replaying partnerships from the command line against the real Temporal', () => {
  it('replays the named partnerships with a progress bar and says each agrees', async () => {
    const api = new ApiClient();
    const ids = await Promise.all(
      ['Kemitraan Audit Satu', 'Kemitraan Audit Dua'].map(async (name) => (await api.post<LifecycleState>('partnerships', { name })).body.partnershipId),
    );
    await api.post(`partnerships/${ids[0]}/decisions/pause`, { reason: 'Menunggu keputusan rapat pleno.' });
    const { stdout, stderr } = await run(ids);
    expect(stderr).toContain('[##############################] 2/2');
    for (const id of ids) expect(stdout).toContain(`${id}  agrees`);
    expect(stdout).toContain('2 partnership(s) replayed, 0 diverging.');
  }, 180_000);

  it('refuses arguments that are not partnership ids', async () => {
    await expect(run(['--bogus'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('not a partnership id or option: --bogus') });
  });
});
