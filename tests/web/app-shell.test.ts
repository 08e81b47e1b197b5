import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, testApp } from '../support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('the app shell', () => {
  it('answers /healthz after checking the database', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('sends a new install to "Create your account"', async () => {
    const res = await request(t.app).get('/');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signup');
  });

  it('shows a 404 page inside the layout for unknown paths', async () => {
    const res = await request(t.app).get('/no/such/page').set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.text).toContain('<h1>Not found</h1>');
    expect(res.text).toContain('<link rel="stylesheet" href="/css/app.css">');
  });

  it('answers 404 as JSON when JSON is asked for', async () => {
    const res = await request(t.app).get('/no/such/page').set('Accept', 'application/json');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('serves the stylesheet and script', async () => {
    expect((await request(t.app).get('/css/app.css')).status).toBe(200);
    expect((await request(t.app).get('/js/app.js')).status).toBe(200);
  });

  it('refuses oversized bodies with 413 and no stack trace', async () => {
    const { agent } = await signUp(t.app);
    const res = await agent.post('/settings/profile').type('form').send({ bio: 'x'.repeat(200_000) });
    expect(res.status).toBe(413);
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('error pages outside development', () => {
  it('shows a 500 page without a stack trace in production', async () => {
    const prod = await testApp({ env: 'production' });
    // A route that fails: the database is closed under the app.
    await prod.prisma.$disconnect();
    await prod.close();
    const res = await request(prod.app).get('/signin').set('Accept', 'text/html');
    expect(res.status).toBe(500);
    expect(res.text).toContain('Something went wrong');
    expect(res.text).not.toContain('<pre class="stack">');
    expect(prod.errors.length).toBeGreaterThan(0);
  });
});
