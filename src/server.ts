// The process entry: read config, bring the database up to date, serve,
// and shut down cleanly on SIGTERM/SIGINT.
import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createPrisma, databaseFilePath } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { deleteExpiredSessions } from './auth/session-store.ts';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  const { applied } = await migrateDatabase(config.databaseUrl);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);

  const prisma = createPrisma(config.databaseUrl);
  await deleteExpiredSessions(prisma);
  const app = createApp({ prisma, config });

  const server: Server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
    console.log(`Ledger Lines is running at http://${host}:${port} (database: ${databaseFilePath(config.databaseUrl)})`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, finishing open requests…`);
    // Stop accepting connections, let requests in flight finish, then close the database.
    server.close(async () => {
      await prisma.$disconnect();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
