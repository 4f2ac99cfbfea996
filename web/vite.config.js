import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vite';

// Swagger UI's stylesheet goes out as its own file (dist/api-docs/swagger-ui.css, linked from
// api-docs/index.html): with cssCodeSplit off, importing it would merge its 180 KB into the one
// stylesheet every app page loads.
function swaggerCss() {
  const file = createRequire(import.meta.url).resolve('swagger-ui/dist/swagger-ui.css');
  return {
    name: 'kstt-swagger-css',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'api-docs/swagger-ui.css', source: readFileSync(file) });
    },
  };
}

// JSX for Preact without a plugin: esbuild's automatic runtime importing from 'preact'.
// Output must satisfy the strict CSP served by nginx (no inline script or style):
// no module-preload polyfill, CSS extracted to files, no data: URLs for assets.
const api = process.env.KSTT_API_URL || 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [swaggerCss()],
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  // No react -> preact/compat alias: no app code imports React, and Swagger UI (the /api/docs
  // entry) needs the real React it depends on.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    sourcemap: false,
    // Two pages: the app (index.html) and the API reference (api-docs/index.html, served by nginx
    // at /api/docs), so Swagger UI is a separate entry that the app never downloads.
    rollupOptions: {
      input: { main: 'index.html', apidocs: 'api-docs/index.html' },
    },
    // Swagger UI is one large chunk, loaded by /api/docs only (about 500 KB gzipped).
    chunkSizeWarningLimit: 2000,
  },
  server: { proxy: { '/api': api } },
  preview: { proxy: { '/api': api } },
});
