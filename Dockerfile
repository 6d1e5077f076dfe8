# syntax=docker/dockerfile:1
# Green Tape: the API and the built web app in one image.
#   docker compose up --build         (see docker-compose.yml)
# The build needs dev dependencies (vite, esbuild); the server runs the bundle they build.
FROM node:20-bookworm-slim

# The lock file is written by npm 11 (as CI uses); the base image ships npm 10.
RUN npm install --global npm@11 --no-audit --no-fund \
    && npm cache clean --force

WORKDIR /app

# Everything the build needs (.dockerignore leaves out node_modules, dist, tests and local data),
# then a clean install from the lock file, dev dependencies included (vite builds the web app,
# esbuild bundles the server).
COPY . .
RUN npm ci --no-audit --no-fund \
    && npm cache clean --force
RUN npm run build

# The code stays root's and read-only to the app; only the data folder (receipts, and the embedded
# database when DATABASE_URL is unset) is the app's to write.
# ./.data (the default DATA_DIR) points there too, for anything that uses the default path.
RUN mkdir -p /data && chown node:node /data && ln -s /data /app/.data
# The allocator settings are package.json's "serve" script's: glibc then hands each password hash's
# 19 MiB back when it is done instead of keeping one per thread (see the README's quick start).
ENV DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000 \
    MALLOC_MMAP_THRESHOLD_=131072 \
    MALLOC_TRIM_THRESHOLD_=131072
VOLUME ["/data"]

USER node
EXPOSE 3000
# Liveness, not readiness: /api/health never touches the database, so an outage of the database
# does not mark the container unhealthy and get it restarted into the same outage (the app
# recovers by itself). A load balancer should route by /api/ready instead (503 while the
# database is away).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node itself, not npm, is the process: it gets SIGTERM and closes gracefully. The flags are
# package.json's "serve" script's (the heap limit keeps a million-row export under 200 MB; the
# small young generation keeps some 30 MB less resident).
CMD ["node", "--enable-source-maps", "--max-old-space-size=160", "--max-semi-space-size=8", "apps/api/dist/server.mjs"]
