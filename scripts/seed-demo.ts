// Creates the demo musician with two years of gigs, money and credits, then
// says how to sign in. Usage: npm run seed:demo (DATABASE_URL as for the app).
// Running it again changes nothing: an existing demo account is left alone.
import { loadConfig } from '../src/config.ts';
import { createPrisma } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { seedDemo } from '../src/demo/seed.ts';

const config = loadConfig();
await migrateDatabase(config.databaseUrl);
const prisma = createPrisma(config.databaseUrl);
try {
  const started = performance.now();
  const { email, password, created } = await seedDemo(prisma);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    created
      ? `Created the demo musician in ${seconds} s (${config.databaseUrl}).`
      : `The demo musician already exists in ${config.databaseUrl}; nothing was changed.`,
  );
  console.log(`Start the app (npm start), open http://localhost:${config.port}/signin and sign in with`);
  console.log(`  email:    ${email}`);
  console.log(`  password: ${password}`);
} finally {
  await prisma.$disconnect();
}
