import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  plugins: [react()],
  resolve: {
    // The domain's schemas and enumerations, and the API's response contracts, are shared with the API, not copied.
    alias: {
      '@contracts': fileURLToPath(new URL('../../libs/contracts', import.meta.url)),
      '@domain': fileURLToPath(new URL('../../libs/domain', import.meta.url)),
      '@db': fileURLToPath(new URL('../../libs/db', import.meta.url)),
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500, manifest: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
