# The PerMed Graph API image: compiles the TypeScript in a build stage and runs the compiled
# server with production dependencies only, as the unprivileged node user.
# Start-up applies the constraints, seeds an empty graph from seeds/, then serves on PORT.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The manifests alone first, so the dependency layer is reused until they change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The browser explorer is bundled by esbuild into dist/explorer during the build.
COPY explorer ./explorer
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# HOST: the server binds 127.0.0.1 by default, which no other container could reach.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
# Files stay owned by root: the node user reads the code and data but cannot change them.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at run time: the SDL contract and the curated dataset for the first-start seed.
COPY schema ./schema
COPY seeds ./seeds
USER node
EXPOSE 4000
# The slim image has no curl or wget, so Node's own fetch probes; the long start period
# covers the first-start seed.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/cli/serve.js"]
