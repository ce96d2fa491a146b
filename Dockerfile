# The register's server (site + forms) on any container host. Build from a git checkout: the change
# log and the feed are read from the history of content/ (a copy without .git builds, and says so).
#   docker build -t register . && docker run -p 8080:8080 --env-file register.env register
# register.env holds RESEND_API_KEY, RESEND_SEGMENT_ID and SUBSCRIBE_SECRET (keep it out of git).
FROM node:24-slim AS build
WORKDIR /app
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends git >/dev/null && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV ASTRO_TELEMETRY_DISABLED=1
RUN npm run build

FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
# Production dependencies only, and no install script runs (the one there is, esbuild's, is for builds).
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The start script and the modules it imports (test/site/dockerfile.test.ts starts the server from
# exactly these files).
COPY scripts/serve.ts ./scripts/
COPY src/io/server-settings.ts src/io/security-headers.ts src/io/request-guard.ts src/io/server-warm-up.ts ./src/io/
COPY src/core/subscribe/rate-limit.ts ./src/core/subscribe/
USER node
EXPOSE 8080
# Checks the settings first: without RESEND_API_KEY, RESEND_SEGMENT_ID or SUBSCRIBE_SECRET it prints
# one line for each and exits (NODE_ENV=production: no outbox on a server).
CMD ["node", "scripts/serve.ts"]
