import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import type { ChainVerification, LifecycleState, Organisation } from '@mitra/contracts';
import { receiverKeyFilesSetting, workspaceRoot } from '@mitra/stack';
import { ApiClient, systemEnv, systemKeysDir, testCallerConfig } from '@mitra/testing';

const run = (args: string[]) =>
  promisify(execFile)(process.execPath, ['-r', '@swc-node/register', path.join('tools', 'audit', 'replay-partnerships.ts'), ...args], {
    cwd: workspaceRoot,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: systemEnv().TEMPORAL_ADDRESS,
      ...testCallerConfig(),
      ASSERTION_RECEIVER_KEY_FILES: receiverKeyFilesSetting(systemKeysDir()),
      ASSERTION_TTL_MS: String(testCallerConfig().ASSERTION_TTL_MS),
      SWC_NODE_PROJECT: path.join(workspaceRoot, 'tsconfig.base.json'),
    },
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

  it('with --verify, checks the hash chain against the stored records and names a tampered ledger entry', async () => {
    const api = new ApiClient();
    const id = (await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Audit Rantai' })).body.partnershipId;
    await api.post(`partnerships/${id}/decisions/pause`, { reason: 'Menunggu keputusan rapat pleno.' });
    const organisation = await api.post<Organisation>('organisations', { name: `PT Susu Sehat ${randomUUID().slice(0, 8)}`, sector: 'business', region: { province: 'Jawa Barat', regency: 'Kota Bandung' }, acknowledgeDuplicate: true });
    const line = { id: 'gizi', activity: 'Kelas gizi balita', amount: 90_000_000, year: 2026, sdgTargets: ['2.2'], responsibleOrganisationId: organisation.body.id, source: { kind: 'csr', field: 'kesehatan' } };
    expect((await api.post(`partnerships/${id}/funding/plan`, { mechanism: 'separate', lines: [line] })).status).toBe(201);
    let verification = await api.get<ChainVerification>(`audit/partnerships/${id}/verify`);
    for (const deadline = Date.now() + 60_000; verification.body.chain.checkpointed < 2 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      verification = await api.get<ChainVerification>(`audit/partnerships/${id}/verify`);
    }
    const intact = await run([id, '--verify']);
    expect(intact.stdout).toContain(`${id}  agrees`);
    expect(intact.stdout).toContain('  chain intact  2 link(s) (1 decision(s), 1 ledger entr(ies), 0 signature(s)), 2 checkpointed');

    const database = await mongoose.createConnection(systemEnv().MONGO_URL, { dbName: 'mitra_funding' }).asPromise();
    try {
      await database.collection<{ _id: string }>('ledger_entries').updateOne({ _id: `${id}:1` }, { $set: { 'change.entry.plan.version': 7 } });
    } finally {
      await database.close();
    }
    await expect(run([id, '--verify'])).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining(`  edited ledgerEntry ${id}:1 (link 2)`),
    });
  }, 180_000);

  it('refuses arguments that are not partnership ids', async () => {
    await expect(run(['--bogus'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('not a partnership id or option: --bogus') });
  });
});
