// An app on a fresh database, and the steps a test takes as a user.
import request from 'supertest';
import type { Response } from 'supertest';
import { createApp, type AppConfig } from '../../src/app.ts';
import { freshDatabase } from './database.ts';

export const testConfig: AppConfig = {
  env: 'test',
  sessionSecret: 'test-secret-that-is-long-enough-0123456789',
  allowSignup: true,
  trustProxy: false,
  sessionIdleMs: 30 * 24 * 60 * 60 * 1000,
  // Tests sign up many musicians from one address; the limit itself is tested with 10.
  authMaxAttempts: 10_000,
};

export async function testApp(config: Partial<AppConfig> = {}) {
  const db = await freshDatabase();
  const errors: unknown[] = [];
  const app = createApp({ prisma: db.prisma, config: { ...testConfig, ...config }, log: (err) => errors.push(err) });
  return { app, db, prisma: db.prisma, errors, close: db.close };
}

export type Agent = ReturnType<typeof request.agent>;

/** The CSRF token from a page's first form. */
export function csrfFrom(res: Response): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(res.text);
  if (!match) throw new Error(`No CSRF token on ${res.status} page:\n${res.text.slice(0, 500)}`);
  return match[1];
}

/** GETs `page` and POSTs `form` to `action` with the page's CSRF token, as a browser would. */
export async function submitForm(agent: Agent, page: string, action: string, form: Record<string, string>) {
  const csrf = csrfFrom(await agent.get(page));
  return agent.post(action).type('form').send({ ...form, _csrf: csrf });
}

let counter = 0;
/** Signs up a new musician in a new cookie jar; returns the agent and their details. */
export async function signUp(app: Parameters<typeof request.agent>[0], name = 'Test Musician') {
  const agent = request.agent(app);
  const email = `musician${++counter}-${Date.now()}@example.test`;
  const password = 'correct horse battery';
  const res = await submitForm(agent, '/signup', '/signup', { name, email, password });
  if (res.status !== 303) throw new Error(`sign-up failed: ${res.status}\n${res.text.slice(0, 2000)}`);
  return { agent, email, password };
}

/** All Set-Cookie headers of a response as one string. */
export function cookiesOf(res: Response): string {
  const header = res.headers['set-cookie'] as unknown;
  return Array.isArray(header) ? header.join('; ') : String(header ?? '');
}

/** signUp, plus the new musician's id and public address, for tests that write rows directly. */
export async function signUpWithId(t: { app: Parameters<typeof request.agent>[0]; prisma: import('../../src/generated/prisma/client.ts').PrismaClient }, name?: string) {
  const s = await signUp(t.app, name);
  const user = await t.prisma.user.findUniqueOrThrow({ where: { email: s.email }, select: { id: true, slug: true } });
  return { ...s, userId: user.id, slug: user.slug };
}
