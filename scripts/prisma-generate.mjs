// Runs `prisma generate` on install without network access.
// The Prisma CLI insists on "ensuring" its schema-engine binary before any
// command and tries to download it from Prisma's host, which offline machines
// and firewalled users cannot reach. `generate` itself only uses WASM, so
// pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing executable skips the
// download. We never run that binary.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('prisma/schema.prisma')) process.exit(0);

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const result = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], {
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
