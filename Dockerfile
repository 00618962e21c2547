# One image for every service: the command names which one (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY subgraphs/kit/package.json subgraphs/kit/
COPY subgraphs/contracts/package.json subgraphs/contracts/
COPY subgraphs/identity/package.json subgraphs/identity/
COPY subgraphs/connections/package.json subgraphs/connections/
COPY subgraphs/entitlements/package.json subgraphs/entitlements/
COPY subgraphs/support/package.json subgraphs/support/
COPY subgraphs/webhooks/package.json subgraphs/webhooks/
COPY subgraphs/audit/package.json subgraphs/audit/
COPY gateway/package.json gateway/
COPY operations/package.json operations/
COPY scripts/package.json scripts/
COPY bench/package.json bench/
COPY portal/package.json portal/
# No scripts yet: the root `prepare` builds the sources, which are copied next and built there.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build && npm run build:portal && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production LISTEN_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app /app
USER node
CMD ["node", "scripts/dist/serve.js", "gateway"]
