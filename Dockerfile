# syntax=docker/dockerfile:1
# One image, several commands (see docker-compose.yml):
#   worker     node dist/workers/complaint-worker.js   (the default)
#   api        node dist/api/server.js
#   analytics  node dist/analytics/main.js
# Settings come from the environment, exactly as config/env.ts reads them.

# Node.js 24 LTS, the major of .nvmrc and of NODE_VERSION in infra/versions.env
# (test/config/compose.test.ts checks the three agree).
ARG NODE_IMAGE=node:24-bookworm-slim

# Production dependencies only, in their own stage so a source change does not reinstall them.
# `npm ci`: exactly the lock file, which records every platform's optional binaries (SWC, Biome…).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

# Everything, dev tools included, to compile TypeScript and prebuild the workflow bundle.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY . .
# tsc -p tsconfig.build.json, then dist/workflow-bundle.js (workers/build-bundle.ts)
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
# CA roots for TLS to Temporal Cloud, a TLS cluster or a TLS Kafka; not guaranteed in the slim base.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Inside a container the API must listen beyond loopback.
ENV NODE_ENV=production \
    API_HOST=0.0.0.0 \
    API_PORT=3000
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at run time by relative path (POLICY_FILE) or by scripts/create-topics.js.
COPY config/policies ./config/policies
# The supervisor dashboard: static files the API serves at /dashboard/.
COPY dashboard ./dashboard
COPY kafka/topics.json ./kafka/topics.json
COPY scripts/create-topics.js ./scripts/create-topics.js
# The official node image ships an unprivileged "node" user (uid 1000).
# The staff directory volume (STAFF_FILE) must be writable by the unprivileged user.
RUN mkdir -p /data/staff /data/keys && chown node:node /data/staff /data/keys
USER node
EXPOSE 3000
CMD ["node", "--max-old-space-size=768", "dist/workers/complaint-worker.js"]
