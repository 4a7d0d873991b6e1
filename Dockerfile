# Multi-stage image for every service (api, worker, defender-sim, migrate); docker-compose.yml picks
# the command. The image runs compiled JavaScript with plain `node` (stage `build`): no compiler at
# run time, no dev dependency, a smaller worker (idle RSS 165 MiB instead of 260 MiB with SWC at start).

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY tools/defaults.ts ./tools/defaults.ts
# With dev dependencies: postinstall runs patch-package (a dev tool) to apply patches/, then
# generates the Prisma client (offline: no engine download). NODE_ENV=production here would skip
# patch-package and fail the build (tools/docker-install.int-spec.ts runs these commands in npm test).
RUN npm ci --no-audit --no-fund

# Compiles the server (apps, libs, tools) to JavaScript beside each source with the SWC settings
# `npm start` uses (tools/register.js), removes the TypeScript sources, then drops dev dependencies:
# the runtime gets production dependencies only (the Prisma CLI is one: the migrate service runs it).
# tools/docker-install.int-spec.ts runs this stage's commands and starts the result in npm test.
FROM deps AS build
COPY tsconfig.json tsconfig.base.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
COPY workflows ./workflows
RUN node tools/compile-server.js --remove-sources
RUN npm prune --omit=dev --no-audit --no-fund

# The web console's static files (apps/web/dist), which the API serves at `/`. Vite and React are
# dev dependencies, so this stage installs them without running the Prisma postinstall.
FROM node:20-bookworm-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.base.json ./
COPY apps/web ./apps/web
COPY libs/playbook ./libs/playbook
COPY libs/contracts ./libs/contracts
RUN NODE_ENV=production node node_modules/vite/bin/vite.js build --config apps/web/vite.config.mts

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
COPY --from=build /app ./
COPY --from=web /app/apps/web/dist ./apps/web/dist
# The simulator writes its self-signed certificate here (compose runs it without a tenant).
RUN mkdir -p .sim-state && chown node:node .sim-state
USER node
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "apps/api/src/main.js"]
