import react from '@vitejs/plugin-react';
import * as path from 'node:path';
import { defineConfig } from 'vite';

const webRoot = import.meta.dirname;
const workspaceRoot = path.resolve(webRoot, '../..');

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    alias: {
      '@mitra/contracts': path.join(workspaceRoot, 'libs/contracts/src/index.ts'),
      '@mitra/domain': path.join(workspaceRoot, 'libs/domain/src/index.ts'),
    },
  },
  build: { outDir: path.join(workspaceRoot, 'dist/apps/web'), emptyOutDir: true },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:3000' } },
});
