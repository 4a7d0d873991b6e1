# Multi-stage image for every service (api, worker, defender-sim, migrate); docker-compose.yml picks
# the command. Sources run through SWC at start (tools/register.js), so there is no build output.

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
# The runtime gets production dependencies only (the Prisma CLI is one: the migrate service runs it).
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
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/libs/persistence/src/generated ./libs/persistence/src/generated
COPY . .
COPY --from=web /app/apps/web/dist ./apps/web/dist
USER node
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "-r", "./tools/register.js", "apps/api/src/main.ts"]
