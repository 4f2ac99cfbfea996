import { defineConfig } from 'vite';

// JSX for Preact without a plugin: esbuild's automatic runtime importing from 'preact'.
// Output must satisfy the strict CSP served by nginx (no inline script or style):
// no module-preload polyfill, CSS extracted to files, no data: URLs for assets.
const api = process.env.KSTT_API_URL || 'http://127.0.0.1:8080';

export default defineConfig({
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  resolve: {
    alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: { proxy: { '/api': api } },
  preview: { proxy: { '/api': api } },
});
