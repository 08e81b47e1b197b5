import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const tempDb = () => `file:${path.join(mkdtempSync(path.join(tmpdir(), 'll-config-')), 'sub', 'app.db')}`;

describe('loadConfig', () => {
  it('has a safe default for every setting', () => {
    const url = tempDb();
    const config = loadConfig({ DATABASE_URL: url });
    expect(config).toMatchObject({ env: 'development', port: 3000, host: '127.0.0.1', databaseUrl: url, allowSignup: true, trustProxy: false, authMaxAttempts: 10 });
    expect(config.sessionIdleMs).toBe(30 * 24 * 3600 * 1000);
  });

  it('generates a session secret once and keeps it beside the database', () => {
    const url = tempDb();
    const first = loadConfig({ DATABASE_URL: url }).sessionSecret;
    const file = path.join(path.dirname(url.slice('file:'.length)), 'session-secret');
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATABASE_URL: url }).sessionSecret).toBe(first);
  });

  it('reads values from the environment', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), ALLOW_SIGNUP: 'false', TRUST_PROXY: '1', SESSION_IDLE_DAYS: '7' });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', env: 'production', sessionSecret: 's'.repeat(40), allowSignup: false, trustProxy: 1 });
    expect(config.sessionIdleMs).toBe(7 * 24 * 3600 * 1000);
  });

  it.each([
    [{ PORT: 'abc' }, 'Configuration error: PORT must be a port number (got "abc").'],
    [{ PORT: '70000' }, 'Configuration error: PORT must be between 0 and 65535 (got "70000").'],
    [{ NODE_ENV: 'staging' }, 'Configuration error: NODE_ENV must be development, production or test (got "staging").'],
    [{ DATABASE_URL: 'postgres://x' }, 'Configuration error: DATABASE_URL must be a SQLite file URL such as file:./data/ledger-lines.db (got "postgres://x").'],
    [{ SESSION_SECRET: 'short' }, 'Configuration error: SESSION_SECRET must be at least 32 characters.'],
    [{ ALLOW_SIGNUP: 'maybe' }, 'Configuration error: ALLOW_SIGNUP must be true or false (got "maybe").'],
    [{ SESSION_IDLE_DAYS: '0' }, 'Configuration error: SESSION_IDLE_DAYS must be at least 1 (got "0").'],
  ])('stops on %o with one clear line', (env, message) => {
    expect(() => loadConfig({ DATABASE_URL: tempDb(), ...env })).toThrow(new ConfigError(message));
  });
});

describe('PUBLIC_URL', () => {
  it('is optional, and must be an http(s) address', () => {
    expect(loadConfig({ DATABASE_URL: tempDb() }).publicUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: tempDb(), PUBLIC_URL: 'https://ledger.example.com/' }).publicUrl).toBe('https://ledger.example.com');
    expect(() => loadConfig({ DATABASE_URL: tempDb(), PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL must be the address/);
  });

  it('is used for absolute links instead of the Host header', async () => {
    const { testApp } = await import('../support/app.ts');
    const request = (await import('supertest')).default;
    const t = await testApp({ publicUrl: 'https://ledger.example.com' });
    try {
      const user = await t.prisma.user.create({ data: { email: 'pub@example.test', name: 'Pub', passwordHash: 'x', slug: 'pub', portfolioPublic: true } });
      const res = await request(t.app).get(`/p/${user.slug}`).set('Host', 'evil.example');
      expect(res.status).toBe(200);
      expect(res.text).toContain('https://ledger.example.com/p/pub');
      expect(res.text).not.toContain('evil.example');
    } finally {
      await t.close();
    }
  });
});
