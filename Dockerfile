# syntax=docker/dockerfile:1
# One image for every backend app: build with `--build-arg APP=<api|stakeholders|agreements|funding|monitoring|worker>`.
# The apps run from their TypeScript sources through @swc-node/register, as `npm start` runs them.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS web
COPY tsconfig.base.json tsconfig.json ./
COPY libs/ libs/
COPY apps/web/ apps/web/
RUN npx vite build apps/web

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=deps /app/node_modules node_modules/
COPY package.json tsconfig.base.json tsconfig.json ./
COPY apps/ apps/
COPY libs/ libs/
COPY workflows/ workflows/
COPY --from=web /app/dist/apps/web dist/apps/web/
ARG APP
RUN test -n "$APP" && test -f "apps/$APP/src/main.ts" || { echo "build arg APP must name an app with apps/<APP>/src/main.ts" >&2; exit 1; }
ENV APP=$APP NODE_ENV=production SWC_NODE_PROJECT=/app/tsconfig.base.json
USER node
# Shell form, so that $APP is expanded when the container starts; exec hands PID 1 (and SIGTERM) to node.
CMD exec node -r @swc-node/register apps/$APP/src/main.ts
