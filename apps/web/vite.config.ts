import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.MSC_API_URL ?? 'http://localhost:3000';

// Root is apps/web; the build lands in dist/web, which the API process serves (apps/api/src/web).
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // .vite/manifest.json (not served: a dot folder): scripts/first-load-weight.mjs reads it.
    manifest: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Popover machinery (Select, menus) in its own chunk: only pages that use it load it.
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            {
              name: 'popover',
              test: /node_modules[\\/](@floating-ui|react-remove-scroll|react-remove-scroll-bar|react-style-singleton|use-callback-ref|use-sidecar|tslib|get-nonce|detect-node-es)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      ['/api', '/health', '/docs', '/.well-known', '/verify'].map((path) => [
        path,
        { target: api, changeOrigin: false },
      ]),
    ),
  },
});
