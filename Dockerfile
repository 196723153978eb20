# Production image: one stateless Next.js app process (or the worker, with CMD overridden).
# Build: docker build -t common-ground .   Run: see docker-compose.yml.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
WORKDIR /app
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
RUN useradd --system --uid 10001 app
COPY --from=build --chown=app /app/.next ./.next
COPY --from=build --chown=app /app/node_modules ./node_modules
COPY --from=build --chown=app /app/package.json /app/next.config.js ./
COPY --from=build --chown=app /app/db ./db
COPY --from=build --chown=app /app/lib ./lib
COPY --from=build --chown=app /app/scripts ./scripts
COPY --from=build --chown=app /app/public* ./public/
USER app
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "node_modules/next/dist/bin/next", "start"]
