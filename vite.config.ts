import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served by the host (main/server), so the build goes to
// dist/renderer and the dev server proxies the API to a running host.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:4780', ws: true },
    },
  },
});
