// Sets a new password for an account, for when someone forgets theirs (there
// is no mail server to send a reset link). Usage:
//   npm run user:reset-password -- someone@example.com
// Prints a new random password once and signs the account out everywhere.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { createPrisma } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { findUserByEmail, setPassword } from '../src/auth/accounts.ts';
import { destroyUserSessions } from '../src/auth/session-store.ts';

const email = process.argv[2];
if (!email) {
  console.error('Usage: npm run user:reset-password -- <email>');
  process.exit(2);
}

const config = loadConfig();
await migrateDatabase(config.databaseUrl);
const prisma = createPrisma(config.databaseUrl);
try {
  const user = await findUserByEmail(prisma, email);
  if (!user) {
    console.error(`No account with the email ${email}.`);
    process.exitCode = 1;
  } else {
    // 15 random bytes → 20 base64url characters (120 bits).
    const password = randomBytes(15).toString('base64url');
    await setPassword(prisma, user.id, password);
    await destroyUserSessions(prisma, user.id);
    console.log(`New password for ${user.email}: ${password}`);
    console.log('Sign in with it, then choose your own under Settings → Change password.');
  }
} finally {
  await prisma.$disconnect();
}
