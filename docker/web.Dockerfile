# nginx with the built single-page app and the KSTT configuration template.
FROM node:20-bookworm AS build
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web ./
# The /api/docs page bundles the API description (web/src/apidocs.js imports ../../docs/openapi.yaml).
COPY docs/openapi.yaml /docs/openapi.yaml
RUN npm run build

FROM nginx:1.27
COPY --from=build /web/dist /usr/share/nginx/html
COPY nginx/docker.conf.template /etc/nginx/templates/default.conf.template
COPY nginx/security-headers.conf /etc/nginx/kstt/security-headers.conf
