# syntax=docker/dockerfile:1
# One image recipe for every service: SERVICE is the workspace folder to run
# (gateway, subgraphs/users, subgraphs/raw-data, subgraphs/catalog, subgraphs/releases,
# subgraphs/notifications, subgraphs/delivery).
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS base
RUN npm install -g pnpm@12.21.0
WORKDIR /app

FROM base AS build
ARG SERVICE
COPY package.json pnpm-workspace.yaml pnpm-lock.yaml tsconfig.base.json tsconfig.json ./
COPY packages ./packages
COPY apps ./apps
COPY subgraphs ./subgraphs
COPY gateway ./gateway
COPY tests ./tests
COPY bench ./bench
COPY schema ./schema
COPY web ./web
RUN pnpm install --frozen-lockfile
# Builds the service and the workspace packages it references, nothing else.
RUN pnpm exec tsc -b ${SERVICE}
# The gateway serves the web app (WEB_DIST_DIR=web/dist): built here, while Vite is installed.
RUN if [ "${SERVICE}" = "gateway" ]; then pnpm --filter @mrt/web build; fi
# Development dependencies (TypeScript, test tools) stay out of the runtime image.
RUN CI=true pnpm install --frozen-lockfile --prod

FROM base AS runtime
ARG SERVICE
ENV NODE_ENV=production \
    SERVICE=${SERVICE}
COPY --from=build /app /app
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "exec node ${SERVICE}/dist/main.js"]
