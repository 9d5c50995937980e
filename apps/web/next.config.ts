import path from 'node:path';
import type { NextConfig } from 'next';

// The monorepo root: Turbopack must see the hoisted node_modules and the workspace packages.
const repoRoot = path.resolve(process.cwd(), '../..');

const config: NextConfig = {
  poweredByHeader: false,
  // Workspace packages export raw TypeScript from src/index.ts.
  transpilePackages: [
    'geist',
    '@rewind/core',
    '@rewind/db',
    '@rewind/metrics',
    '@rewind/services',
    '@rewind/storage',
    '@rewind/ui',
    '@rewind/workflows',
  ],
  // Native-ish / dynamic-require packages stay in node_modules instead of being bundled.
  serverExternalPackages: [
    '@temporalio/client',
    '@temporalio/proto',
    '@grpc/grpc-js',
    'pg',
    '@aws-sdk/client-s3',
    'libpg-query',
    // prom-client's default collectors read process internals; keep it the plain Node module
    'prom-client',
  ],
  turbopack: {
    root: repoRoot,
    // @rewind/db's index re-exports its CLI helpers, whose `new URL('<dir>', import.meta.url)`
    // Turbopack tries to bundle as an asset. The web never calls them.
    // TODO: drop once @rewind/db moves migrate/env behind their own subpath exports.
    ignoreIssue: [{ path: '**/packages/db/src/{migrate,env}/**', title: /Module not found/ }],
  },
  outputFileTracingRoot: repoRoot,
};

export default config;
