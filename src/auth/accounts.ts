// Accounts: the only queries that are not scoped to a signed-in user,
// because they are how a user comes to be signed in.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export const countUsers = (prisma: PrismaClient) => prisma.user.count();

export const findUserByEmail = (prisma: PrismaClient, email: string) =>
  prisma.user.findUnique({ where: { email: normalizeEmail(email) } });

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

export async function createAccount(prisma: PrismaClient, input: { name: string; email: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  const slug = await availableSlug(prisma, input.name);
  return prisma.user.create({
    data: { name: input.name, email: normalizeEmail(input.email), passwordHash, slug },
  });
}

// A hash of a random password, verified against when the email is unknown so
// that "no such user" takes as long as "wrong password".
let decoyHash: Promise<string> | undefined;

/** The user when email and password match, else null (in constant-ish time either way). */
export async function authenticate(prisma: PrismaClient, email: string, password: string) {
  const user = await findUserByEmail(prisma, email);
  decoyHash ??= hashPassword('decoy-password-never-used');
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  return user && ok ? user : null;
}

export async function setPassword(prisma: PrismaClient, userId: number, password: string) {
  await prisma.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password) } });
}

/** Deletes the musician and, through ON DELETE CASCADE, everything they own. */
export async function deleteAccount(prisma: PrismaClient, userId: number) {
  await prisma.user.delete({ where: { id: userId } });
}

export function slugify(name: string) {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    // Room for a "-2"… suffix within the 40 characters a slug may have.
    .slice(0, 34)
    .replace(/-+$/, '');
  return base || 'musician';
}

async function availableSlug(prisma: PrismaClient, name: string) {
  const base = slugify(name);
  const taken = new Set(
    (await prisma.user.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((u) => u.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
