import { defineConfig } from 'vite';

// `vite` (dev) proxies the API to a running `pnpm start`; the build is served by the gateway.
export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://localhost:4000', ws: true },
    },
  },
});
