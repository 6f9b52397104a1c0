import { createProjectGraphAsync } from '@nx/devkit';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../..');

interface Probe {
  file: string;
  code: string;
}

const probes = {
  appIntoApp: {
    file: 'apps/api/src/boundary-probe-app.ts',
    code: "import { StakeholdersModule } from '../../stakeholders/src/stakeholders.module';\nexport const probe = StakeholdersModule;\n",
  },
  appIntoLib: {
    file: 'libs/contracts/src/boundary-probe-app.ts',
    code: "import { apiConfigSchema } from '../../../apps/api/src/config';\nexport const probe = apiConfigSchema;\n",
  },
  platformIntoDomain: {
    file: 'libs/domain/src/boundary-probe-platform.ts',
    code: "import { loadConfig } from '@mitra/platform';\nexport const probe = loadConfig;\n",
  },
  ...Object.fromEntries(
    ['node:fs', 'child_process', 'mongoose', 'nats', '@temporalio/client', '@mitra/platform'].map((io, index) => [
      `io:${io}`,
      { file: `workflows/src/boundary-probe-io-${index}.ts`, code: `import * as io from '${io}';\nexport const probe = io;\n` },
    ]),
  ),
  pureWorkflow: {
    file: 'workflows/src/boundary-probe-pure.ts',
    code: "import { proxyActivities } from '@temporalio/workflow';\nimport { stages } from '@mitra/domain';\nimport { lifecycleTaskQueue } from '@mitra/contracts';\nexport const probe = [proxyActivities, stages, lifecycleTaskQueue];\n",
  },
} satisfies Record<string, Probe>;

type ProbeName = keyof typeof probes;

/** Lints every probe with the workspace's real ESLint config in one run; the files exist only meanwhile. */
function lintProbes(): Record<ProbeName, string[]> {
  const entries = Object.entries(probes) as Array<[ProbeName, Probe]>;
  for (const [, probe] of entries) fs.writeFileSync(path.join(workspaceRoot, probe.file), probe.code);
  try {
    const run = spawnSync(
      process.execPath,
      [path.join(workspaceRoot, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', ...entries.map(([, p]) => p.file)],
      { cwd: workspaceRoot, encoding: 'utf8' },
    );
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; message: string }> }>;
    return Object.fromEntries(
      entries.map(([name, probe]) => {
        const result = results.find((r) => r.filePath === path.join(workspaceRoot, probe.file));
        const boundaryMessages = (result?.messages ?? [])
          .filter((m) => m.ruleId === '@nx/enforce-module-boundaries' || m.ruleId === 'no-restricted-imports')
          .map((m) => m.message);
        return [name, boundaryMessages];
      }),
    ) as Record<ProbeName, string[]>;
  } finally {
    for (const [, probe] of entries) fs.rmSync(path.join(workspaceRoot, probe.file), { force: true });
  }
}

describe('module boundaries', () => {
  let errors: Record<ProbeName, string[]>;

  beforeAll(async () => {
    // The boundary rule reads the cached project graph; make sure there is one.
    await createProjectGraphAsync({ exitOnError: false });
    errors = lintProbes();
  }, 300_000);

  it('refuses an import from one app into another', () => {
    expect(errors.appIntoApp.length).toBeGreaterThan(0);
  });

  it('refuses an import from a lib into an app', () => {
    expect(errors.appIntoLib.length).toBeGreaterThan(0);
  });

  it('refuses a lib of a forbidden type: the platform (I/O) inside the pure domain', () => {
    // The platform depends on the domain, so Nx names the cycle before the tag rule; either refuses it.
    expect(errors.platformIntoDomain.join('\n')).toMatch(/can only depend on libs tagged with|Circular dependency between "domain" and "platform"/);
  });

  it.each(['node:fs', 'child_process', 'mongoose', 'nats', '@temporalio/client', '@mitra/platform'])(
    'refuses %s (I/O) in workflow code',
    (io) => {
      expect(errors[`io:${io}` as ProbeName].length).toBeGreaterThan(0);
    },
  );

  it('lets workflow code import contracts, domain and the workflow SDK', () => {
    expect(errors.pureWorkflow).toEqual([]);
  });
});
