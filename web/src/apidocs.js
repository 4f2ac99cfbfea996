// The rendered API reference at /api/docs: Swagger UI over docs/openapi.yaml, bundled at build
// time (no CDN, no fetch of the spec), as its own Vite entry so the app's pages never load it.
// A read-only reference: no "Try it out" (requests belong to the app and its CSRF header).
import SwaggerUI from 'swagger-ui';
import { load } from 'js-yaml';
import specText from '../../docs/openapi.yaml?raw';

SwaggerUI({
  domNode: document.getElementById('swagger-ui'),
  spec: load(specText),
  supportedSubmitMethods: [],
  deepLinking: true,
  docExpansion: 'list',
});
