import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The build lands where Maven packs it: the dwpilot-web jar serves it under /dashboard on the classpath.
// `npm run dev` serves the sources with hot reload and forwards the API to a running `./dwpilot up`.
const api = process.env.DWPILOT_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/dashboard',
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        // charts are the heaviest dependency and change least: their own long-cached chunk
        manualChunks: (id: string) => (id.includes('node_modules/echarts') || id.includes('node_modules/zrender') ? 'charts' : undefined),
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
