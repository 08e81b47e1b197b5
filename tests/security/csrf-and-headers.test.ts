import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesOf, csrfFrom, signUp, testApp } from '../support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('CSRF protection', () => {
  it('refuses a form without a token with 403 and keeps what was typed', async () => {
    const { agent, email } = await signUp(t.app);
    const res = await agent.post('/settings/profile').type('form').send({ name: 'Changed Name', slug: 'changed', homeCurrency: 'EUR', timeZone: 'UTC', paymentTermsDays: '30' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Please send that again');
    // The resubmit form carries the input and a fresh, valid token.
    expect(res.text).toContain('name="name" value="Changed Name"');
    expect(res.text).toContain('action="/settings/profile"');
    expect((await t.prisma.user.findUniqueOrThrow({ where: { email } })).name).toBe('Test Musician');

    const again = await agent.post('/settings/profile').type('form').send({
      _csrf: csrfFrom(res), name: 'Changed Name', slug: 'changed-name', homeCurrency: 'EUR', timeZone: 'UTC', paymentTermsDays: '30',
    });
    expect(again.status).toBe(303);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { email } })).name).toBe('Changed Name');
  });

  it('refuses a token from another session', async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app);
    const tokenOfA = csrfFrom(await a.agent.get('/settings'));
    const res = await b.agent.post('/signout').type('form').send({ _csrf: tokenOfA });
    expect(res.status).toBe(403);
    expect((await b.agent.get('/settings')).status).toBe(200);
  });

  it('never echoes passwords into the resubmit page', async () => {
    const res = await request(t.app).post('/signin').type('form').send({ email: 'a@b.test', password: 'my secret password' });
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('my secret password');
    expect(res.text).toContain('please type it again');
  });

  it('refuses JSON posts without the header token', async () => {
    const { agent } = await signUp(t.app);
    const res = await agent.post('/signout').send({});
    expect(res.status).toBe(403);
  });
});

describe('security headers', () => {
  it('sends a strict CSP, nosniff, frame denial and a referrer policy on pages', async () => {
    const res = await request(t.app).get('/signup');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('pages contain no inline scripts or style attributes the CSP would block', async () => {
    const { agent } = await signUp(t.app);
    for (const path of ['/', '/settings', '/no-such-page']) {
      const html = (await agent.get(path)).text;
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/\sstyle="/);
      expect(html).not.toMatch(/\son[a-z]+="/);
    }
  });

  it('marks cookies Secure behind an HTTPS proxy when TRUST_PROXY is set', async () => {
    const proxied = await testApp({ trustProxy: 1 });
    try {
      const res = await request(proxied.app).get('/signup').set('X-Forwarded-Proto', 'https');
      expect(cookiesOf(res)).toMatch(/Secure/);
      const plain = await request(t.app).get('/signup').set('X-Forwarded-Proto', 'https');
      expect(cookiesOf(plain)).not.toMatch(/Secure/);
    } finally {
      await proxied.close();
    }
  });
});
