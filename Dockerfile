# syntax=docker/dockerfile:1
#
# Prövning: one image, two commands.
#   API:    node dist/apps/api/main.js     (the default CMD; listens on $PORT, 3000)
#   worker: node dist/apps/worker/main.js
# See docker-compose.yml and deploy/README.md.
#
# Debian (glibc), not Alpine: @temporalio/core-bridge ships its prebuilt Rust bridge for
# linux glibc only. The node image also provides the unprivileged `node` user (uid 1000).
ARG NODE_IMAGE=node:20.20.2-bookworm-slim
# npm honours package.json "allowScripts" (which dependency install scripts may run) from
# npm 11.16 on; the npm bundled with Node 20 is older and ignores the field. Pin the npm
# that development uses so installs in the image follow the same policy.
ARG NPM_VERSION=11.19.1

FROM ${NODE_IMAGE} AS base
ARG NPM_VERSION
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
RUN npm install --global "npm@${NPM_VERSION}" \
 && npm cache clean --force
WORKDIR /app

# ---- build: all dependencies (devDependencies included), then tsc -> dist/ ----
# NODE_ENV stays unset here: NODE_ENV=production would make `npm ci` skip devDependencies.
FROM base AS build
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
# The web UI's static build (apps/web/dist) appears once apps/web exists; create the
# directory anyway so the runtime COPY below works either way.
RUN npm run build \
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
