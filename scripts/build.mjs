// npm run build — bundles the server (src/server.ts and everything it imports
// from src/) into dist/server.js, which `npm start` runs with plain Node.
//
// Why: running TypeScript through tsx in production costs ~40 MB of memory
// (its loader thread) and start-up time; the bundle needs neither. Packages in
// node_modules stay external, so native better-sqlite3 and Prisma's WASM load
// as usual. dist/ sits one folder below the project root, like src/, so
// src/paths.ts finds views/, public/ and prisma/ from both (see there).
// Tests run the same bundle (tests/support/global-setup.ts).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildServer(outfile = path.join(root, 'dist', 'server.js')) {
  await build({
    entryPoints: [path.join(root, 'src', 'server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * Node's arguments for running the bundle, read from the `start` script in
 * package.json ("node scripts/build.mjs && node <flags> dist/server.js"), so
 * the tests and the benchmark start the server exactly as `npm start` does.
 */
export function serverNodeArgs() {
  const start = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start;
  const [node, ...args] = start.split('&&').at(-1).trim().split(/\s+/);
  if (node !== 'node') throw new Error(`unexpected start script: ${start}`);
  return args;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
