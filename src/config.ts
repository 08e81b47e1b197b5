// The one place settings are read. Every setting has a safe default so
// `npm start` works with no environment at all; a bad value stops start-up
// with one line naming the variable.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
  PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int({ message: 'must be a whole port number' })
    .min(0, { message: 'must be between 0 and 65535' })
    .max(65535, { message: 'must be between 0 and 65535' })
    .default(3000),
  HOST: z.string().min(1, { message: 'must not be empty' }).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, { message: 'must be a SQLite file URL such as file:./data/ledger-lines.db' })
    .default('file:./data/ledger-lines.db'),
  SESSION_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  ALLOW_SIGNUP: booleanFlag.default(true),
  // Express "trust proxy": false, true, a hop count or a list of addresses.
  TRUST_PROXY: z.string().default('false'),
  AUTH_MAX_ATTEMPTS: z.coerce
    .number({ message: 'must be a number of attempts' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .default(10),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be the address people use to reach the app, like https://ledger.example.com' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  SESSION_IDLE_DAYS: z.coerce
    .number({ message: 'must be a number of days' })
    .int({ message: 'must be a whole number of days' })
    .min(1, { message: 'must be at least 1' })
    .max(365, { message: 'must be at most 365' })
    .default(30),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string;
  sessionSecret: string;
  allowSignup: boolean;
  trustProxy: boolean | number | string;
  sessionIdleMs: number;
  /** Sign-in/sign-up attempts allowed per IP and per email in 15 minutes. */
  authMaxAttempts: number;
  /** The app's public address for absolute links; null = the request's own host. */
  publicUrl: string | null;
};

export class ConfigError extends Error {}

/** Reads and validates settings; throws ConfigError with one readable line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings (e.g. `PORT=` in a .env file) mean "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    // Secrets are never echoed into logs.
    const got = name === 'SESSION_SECRET' ? '' : ` (got ${JSON.stringify(env[name])})`;
    throw new ConfigError(`Configuration error: ${name} ${issue.message}${got}.`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET ?? persistedSecret(e.DATABASE_URL),
    allowSignup: e.ALLOW_SIGNUP,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    sessionIdleMs: e.SESSION_IDLE_DAYS * 24 * 60 * 60 * 1000,
    authMaxAttempts: e.AUTH_MAX_ATTEMPTS,
    publicUrl: e.PUBLIC_URL ?? null,
  };
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * Without SESSION_SECRET, a secret is generated once and kept beside the
 * database, so sessions survive restarts and a fresh install needs no setup.
 */
function persistedSecret(databaseUrl: string): string {
  const dir = path.dirname(path.resolve(databaseUrl.replace(/^file:/, '')));
  const file = path.join(dir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
