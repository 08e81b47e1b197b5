import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, submitForm, testApp } from '../support/app.ts';
import { expectEscaped, HOSTILE } from '../support/escaping.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('user text is escaped in pages', () => {
  it.each(HOSTILE)('in the profile, when saved and shown again: %s', async (hostile) => {
    const { agent } = await signUp(t.app);
    const res = await submitForm(agent, '/settings', '/settings/profile', {
      name: hostile, slug: 'x-' + Math.random().toString(36).slice(2, 8), homeCurrency: 'USD', timeZone: 'UTC', paymentTermsDays: '30',
      instruments: hostile, bio: hostile, invoiceDetails: hostile,
    });
    expect(res.status).toBe(303);
    for (const path of ['/settings', '/']) {
      const page = await agent.get(path);
      expectEscaped(page.text);
      expect(page.text).toContain('&lt;');
    }
  });

  it.each(HOSTILE)('in a rejected sign-up form: %s', async (hostile) => {
    const res = await submitForm(request.agent(t.app), '/signup', '/signup', { name: hostile, email: hostile, password: 'x' });
    expect(res.status).toBe(422);
    expectEscaped(res.text);
  });

  it.each(HOSTILE)('in the CSRF resubmit page: %s', async (hostile) => {
    const res = await request(t.app).post('/signup').type('form').send({ name: hostile, [hostile]: hostile });
    expect(res.status).toBe(403);
    expectEscaped(res.text);
  });

  it('in the sign-in "next" field', async () => {
    await signUp(t.app); // with an account, /signin shows the form instead of redirecting to sign-up
    const res = await request(t.app).get('/signin?next=' + encodeURIComponent(HOSTILE[1]));
    expect(res.status).toBe(200);
    expect(res.text).toContain('name="next" value="&#34;&gt;&lt;img');
    expectEscaped(res.text);
  });
});

describe('user text is escaped on every page that shows gigs and clients', () => {
  it.each(HOSTILE)('%s', async (hostile) => {
    const { agent } = await signUp(t.app);
    const today = new Date().toISOString().slice(0, 10);
    const gig = await submitForm(agent, '/gigs/new', '/gigs', {
      date: today, kind: 'studio_session', status: 'done', currency: 'USD', hours: '3',
      clientName: `${hostile} studio`, payerName: `${hostile} label`, title: hostile, artist: hostile, location: hostile, instruments: hostile, notes: hostile,
      'items[0][kind]': 'base_fee', 'items[0][amount]': '100', 'items[1][kind]': 'other', 'items[1][description]': hostile, 'items[1][amount]': '5',
    });
    expect(gig.status).toBe(303);
    const client = await submitForm(agent, '/clients/new', '/clients', {
      kind: 'studio', name: `${hostile} two`, company: hostile, email: '', phone: hostile.slice(0, 30), city: hostile, notes: hostile,
    });
    expect(client.status).toBe(303);
    const pages = [gig.headers.location, `${gig.headers.location}/edit`, `${gig.headers.location}/delete`, '/gigs', `/gigs?q=${encodeURIComponent(hostile)}`, '/calendar', '/clients', client.headers.location, `${client.headers.location}/edit`, '/'];
    for (const path of pages) {
      const page = await agent.get(path);
      expect(page.status, path).toBe(200);
      expectEscaped(page.text);
    }
    // A rejected form shows the hostile text again, escaped.
    const rejected = await submitForm(agent, '/gigs/new', '/gigs', { date: 'nope', title: hostile, notes: hostile, clientName: hostile });
    expect(rejected.status).toBe(422);
    expectEscaped(rejected.text);
  });
});
