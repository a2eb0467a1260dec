import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The build lands where Maven packs it: the dwpilot-web jar serves it under /dashboard on the classpath.
// `npm run dev` serves the sources with hot reload and forwards the API to a running `./dwpilot up`.
const api = process.env.DWPILOT_URL ?? 'http://127.0.0.1:8080';

/**
 * Writes a .gz beside every built script and stylesheet: the server sends those to browsers that accept gzip instead
 * of compressing the same megabyte again on every cold page load.
 */
function precompress(): Plugin {
  return {
    name: 'dwpilot-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle).filter((f) => /\.(js|css)$/.test(f))) {
        const path = join(options.dir ?? 'dist', file);
        writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'target/classes/dashboard',
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        // charts are the heaviest dependency and change least: their own long-cached chunk
        manualChunks: (id: string) =>
          id.includes('node_modules/echarts') || id.includes('node_modules/zrender') ? 'charts' : undefined,
      },
    },
  },
  server: {
    proxy: {
      '/api/v1/stream': { target: api.replace(/^http/, 'ws'), ws: true },
      '/api': api,
    },
  },
});
