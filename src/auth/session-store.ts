// Sessions live in the app's own SQLite database so they survive restarts.
// The cookie carries a 256-bit random token; only its SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { ReadCache } from '../db/read-cache.ts';

export type SessionUser = {
  id: number;
  name: string;
  email: string;
  slug: string;
  homeCurrency: string;
  timeZone: string;
  paymentTermsDays: number;
};

const userFields = { id: true, name: true, email: true, slug: true, homeCurrency: true, timeZone: true, paymentTermsDays: true } as const;

// Extending the expiry on every request would write to the database on every
// page view; once an hour is enough for a 30-day idle timeout.
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

export const newSessionToken = () => randomBytes(32).toString('base64url');
export const isWellFormedToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);
const idOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(prisma: PrismaClient, userId: number, idleMs: number): Promise<string> {
  const token = newSessionToken();
  await prisma.session.create({ data: { id: idOf(token), userId, expiresAt: new Date(Date.now() + idleMs) } });
  return token;
}

/**
 * The signed-in user for a cookie token, or null; slides the idle timeout.
 * With `reads`, the session row is looked up once per change of the database
 * (signing out, a password change or a profile save are all writes), not on
 * every page view.
 */
export async function userForSession(prisma: PrismaClient, token: string, idleMs: number, reads?: ReadCache): Promise<SessionUser | null> {
  const id = idOf(token);
  const find = () => prisma.session.findUnique({ where: { id }, select: { expiresAt: true, user: { select: userFields } } });
  // "No such session" is not kept: any visitor can make up tokens, and they would push real entries out.
  const session = reads ? await reads.get(`session:${id}`, find, (found) => found !== null) : await find();
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  if (session.expiresAt.getTime() - now < idleMs - TOUCH_INTERVAL_MS) {
    await prisma.session.update({ where: { id }, data: { expiresAt: new Date(now + idleMs) } });
  }
  return session.user;
}

export async function destroySession(prisma: PrismaClient, token: string) {
  await prisma.session.deleteMany({ where: { id: idOf(token) } });
}

/** Signs a user out everywhere (after a password change or reset), optionally keeping one session. */
export async function destroyUserSessions(prisma: PrismaClient, userId: number, keepToken?: string) {
  await prisma.session.deleteMany({
    where: { userId, ...(keepToken ? { id: { not: idOf(keepToken) } } : {}) },
  });
}

export async function deleteExpiredSessions(prisma: PrismaClient) {
  await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
