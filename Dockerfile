# syntax=docker/dockerfile:1
#
# Prövning: one image, two commands.
#   API:    node dist/apps/api/main.js     (the default CMD; listens on $PORT, 3000)
#   worker: node dist/apps/worker/main.js
# See docker-compose.yml and deploy/README.md.
#
# Debian (glibc), not Alpine: @temporalio/core-bridge ships its prebuilt Rust bridge for
# linux glibc only. The node image also provides the unprivileged `node` user (uid 1000).
# Node 24 LTS (Node 20 reached end of life on 2026-04-30); package.json "engines" allows 20.19+ for development
# machines that still carry Node 20, and .ci/run runs the suite on Node 24.
ARG NODE_IMAGE=node:24.20.0-trixie-slim

FROM ${NODE_IMAGE} AS base
# The npm bundled with Node 24.20 (11.19.0) honours package.json "allowScripts" (which dependency install
# scripts may run; npm 11.16 and later), so installs here follow the same policy as development.
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
WORKDIR /app

# ---- build: all dependencies (devDependencies included), then tsc -> dist/ ----
# NODE_ENV stays unset here: NODE_ENV=production would make `npm ci` skip devDependencies.
FROM base AS build
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
# The web UI's static build (apps/web/dist) appears once apps/web exists; create the
# directory anyway so the runtime COPY below works either way.
# dist/local and the launcher are the local stack (npm start, tests): their packages are devDependencies.
RUN npm run build \
 && rm -rf dist/local dist/apps/launcher \
 && mkdir -p apps/web/dist

# ---- production dependencies only ----
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# ---- runtime ----
FROM base AS runtime
ENV NODE_ENV=production
# Files stay owned by root: the app runs as `node` and can read, not rewrite, its own code.
COPY package.json package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/web/dist ./apps/web/dist
USER node
EXPOSE 3000
# No HEALTHCHECK here: the same image runs the worker, which serves no HTTP.
# docker-compose.yml gives the api service its health check (GET /api/v1/health).
CMD ["node", "dist/apps/api/main.js"]
