import react from '@vitejs/plugin-react';
import * as path from 'node:path';
import { defineConfig } from 'vite';

const webRoot = import.meta.dirname;
const workspaceRoot = path.resolve(webRoot, '../..');
// The shared libraries hold declarations only (zod schemas, Temporal handles, pure rules): without this,
// importing one stage list from @mitra/domain would pull zod and the Temporal workflow SDK into the bundle.
const sideEffectFreeLibs = ['contracts', 'domain'].map(
  (lib) => path.join(workspaceRoot, 'libs', lib, 'src') + path.sep,
);

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    // Exact names: a string alias would also rewrite `@mitra/contracts/lifecycle-workflow` as a path under index.ts.
    alias: [
      { find: /^@mitra\/contracts$/, replacement: path.join(workspaceRoot, 'libs/contracts/src/index.ts') },
      {
        find: /^@mitra\/contracts\/lifecycle-workflow$/,
        replacement: path.join(workspaceRoot, 'libs/contracts/src/lifecycle-workflow.ts'),
      },
      { find: /^@mitra\/domain$/, replacement: path.join(workspaceRoot, 'libs/domain/src/index.ts') },
    ],
  },
  build: {
    outDir: path.join(workspaceRoot, 'dist/apps/web'),
    emptyOutDir: true,
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !sideEffectFreeLibs.some((lib) => id.startsWith(lib)) },
    },
  },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:3000' } },
});
