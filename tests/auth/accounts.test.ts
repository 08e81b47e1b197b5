import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createPrisma } from '../../src/db/client.ts';
import { cookiesOf, csrfFrom, signUp, submitForm, testApp, testConfig } from '../support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('sign-up, sign-in, sign-out', () => {
  it('round-trips: sign up lands signed in, sign out ends it, sign in restores it', async () => {
    const { agent, email, password } = await signUp(t.app, 'Maya Okafor');
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Hello, Maya Okafor');
    expect(home.text).toContain('Log your first gig');

    const out = await agent.post('/signout').type('form').send({ _csrf: csrfFrom(home) });
    expect(out.status).toBe(303);
    expect((await agent.get('/')).headers.location).toBe('/signin');

    const signin = await submitForm(agent, '/signin', '/signin', { email: email.toUpperCase(), password });
    expect(signin.status).toBe(303);
    expect((await agent.get('/')).status).toBe(200);
  });

  it('stores only a scrypt hash of the password', async () => {
    const { email, password } = await signUp(t.app);
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(user.passwordHash).not.toContain(password);
  });

  it('rotates the session cookie at sign-in', async () => {
    const { email, password } = await signUp(t.app);
    const agent = request.agent(t.app);
    const page = await agent.get('/signin');
    const before = /ll_session=([^;]+)/.exec(cookiesOf(page))![1];
    const res = await agent.post('/signin').type('form').send({ email, password, _csrf: csrfFrom(page) });
    const after = /ll_session=([^;]+)/.exec(cookiesOf(res))![1];
    expect(after).not.toBe(before);
    expect(cookiesOf(res)).toMatch(/HttpOnly/);
    expect(cookiesOf(res)).toMatch(/SameSite=Lax/);
  });

  it('rejects a wrong password with a message and keeps the email', async () => {
    const { email } = await signUp(t.app);
    const agent = request.agent(t.app);
    const res = await submitForm(agent, '/signin', '/signin', { email, password: 'not the password' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('That email and password do not match an account.');
    expect(res.text).toContain(`value="${email}"`);
    expect(res.text).not.toContain('not the password');
  });

  it('explains each invalid sign-up field and keeps the input', async () => {
    const agent = request.agent(t.app);
    const res = await submitForm(agent, '/signup', '/signup', { name: '', email: 'not-an-email', password: 'short' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter your name.');
    expect(res.text).toContain('Enter an email address like name@example.com.');
    expect(res.text).toContain('Use at least 10 characters.');
    expect(res.text).toContain('value="not-an-email"');
    expect(await t.prisma.user.count({ where: { email: 'not-an-email' } })).toBe(0);
  });

  it('refuses a second account with the same email', async () => {
    const { email } = await signUp(t.app);
    const res = await submitForm(request.agent(t.app), '/signup', '/signup', { name: 'Copy', email, password: 'another password' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('An account with this email already exists.');
  });

  it('enforces maximum lengths with a message', async () => {
    const res = await submitForm(request.agent(t.app), '/signup', '/signup', {
      name: 'n'.repeat(101),
      email: `${'e'.repeat(250)}@x.io`,
      password: 'p'.repeat(201),
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Names are at most 100 characters.');
    expect(res.text).toContain('Email addresses are at most 254 characters.');
    expect(res.text).toContain('Use at most 200 characters.');
  });

  it('redirects pages that need a user to sign-in and back', async () => {
    const agent = request.agent(t.app);
    const res = await agent.get('/settings');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signin?next=%2Fsettings');
  });

  it('only follows same-site paths after sign-in', async () => {
    const { email, password } = await signUp(t.app);
    const agent = request.agent(t.app);
    const res = await submitForm(agent, '/signin?next=//evil.example', '/signin', { email, password, next: '//evil.example' });
    expect(res.headers.location).toBe('/');
  });
});

describe('rate limiting', () => {
  it('stops the 11th sign-in attempt for an email within 15 minutes', async () => {
    const limited = await testApp({ authMaxAttempts: 10 });
    try {
      const { email } = await signUp(limited.app);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        // A fresh agent (and so a fresh cookie) each time: the limit follows the email, not the session.
        const res = await submitForm(request.agent(limited.app), '/signin', '/signin', { email, password: `wrong ${i}` });
        statuses.push(res.status);
        if (i === 10) expect(res.text).toContain('Too many attempts');
      }
      expect(statuses.slice(0, 9).every((s) => s === 401)).toBe(true);
      expect(statuses[10]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('ALLOW_SIGNUP=false', () => {
  it('allows the first account, then closes sign-up', async () => {
    const closed = await testApp({ allowSignup: false });
    try {
      await signUp(closed.app);
      const page = await request(closed.app).get('/signup');
      expect(page.status).toBe(303);
      expect(page.headers.location).toBe('/signin');
      const agent = request.agent(closed.app);
      const csrf = csrfFrom(await agent.get('/signin'));
      const res = await agent.post('/signup').type('form').send({ _csrf: csrf, name: 'X', email: 'x@example.test', password: 'long enough password' });
      expect(res.status).toBe(403);
      expect(await closed.prisma.user.count()).toBe(1);
    } finally {
      await closed.close();
    }
  });
});

describe('sessions', () => {
  it('survive an app restart against the same database file', async () => {
    const { agent } = await signUp(t.app);
    const cookie = (await agent.get('/')).request.cookies;
    // A second app and a second client on the same file: what a restart does.
    const prisma = createPrisma(t.db.url);
    try {
      const restarted = createApp({ prisma, config: testConfig });
      const res = await request(restarted).get('/').set('Cookie', cookie);
      expect(res.status).toBe(200);
      expect(res.text).toContain('Hello, Test Musician');
    } finally {
      await prisma.$disconnect();
    }
  });

  it('expire after the idle timeout', async () => {
    const { agent, email } = await signUp(t.app);
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email } });
    await t.prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await agent.get('/settings');
    expect(res.status).toBe(303);
    expect(await t.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it('are destroyed by sign-out', async () => {
    const { agent, email } = await signUp(t.app);
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(await t.prisma.session.count({ where: { userId: user.id } })).toBe(1);
    await agent.post('/signout').type('form').send({ _csrf: csrfFrom(await agent.get('/')) });
    expect(await t.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe('settings', () => {
  it('changes the password, signing out other devices but not this one', async () => {
    const { agent, email, password } = await signUp(t.app);
    const other = request.agent(t.app);
    await submitForm(other, '/signin', '/signin', { email, password });
    expect((await other.get('/settings')).status).toBe(200);

    const wrong = await submitForm(agent, '/settings', '/settings/password', { currentPassword: 'nope', newPassword: 'a brand new password', confirmPassword: 'a brand new password' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('That is not your current password.');

    const mismatch = await submitForm(agent, '/settings', '/settings/password', { currentPassword: password, newPassword: 'a brand new password', confirmPassword: 'something else' });
    expect(mismatch.text).toContain('The two new passwords are not the same.');

    const ok = await submitForm(agent, '/settings', '/settings/password', { currentPassword: password, newPassword: 'a brand new password', confirmPassword: 'a brand new password' });
    expect(ok.status).toBe(303);
    expect((await agent.get('/settings')).status).toBe(200);
    expect((await other.get('/settings')).status).toBe(303);
    const relogin = await submitForm(request.agent(t.app), '/signin', '/signin', { email, password: 'a brand new password' });
    expect(relogin.status).toBe(303);
  });

  it('saves the profile and explains bad values, keeping them', async () => {
    const { agent } = await signUp(t.app);
    const bad = await submitForm(agent, '/settings', '/settings/profile', {
      name: 'Maya', slug: 'Not A Slug!', homeCurrency: 'XYZ', timeZone: 'Mars/Olympus', paymentTermsDays: 'thirty', instruments: '', bio: '', invoiceDetails: '',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Use lowercase letters, digits and single hyphens');
    expect(bad.text).toContain('Use a three-letter ISO 4217 currency code');
    expect(bad.text).toContain('Choose a time zone from the list');
    expect(bad.text).toContain('Enter a whole number of days');
    expect(bad.text).toContain('value="thirty"');

    const good = await submitForm(agent, '/settings', '/settings/profile', {
      name: 'Maya O', slug: 'maya-o', homeCurrency: 'gbp', timeZone: 'Europe/London', paymentTermsDays: '15', instruments: 'keys, vocals', bio: 'Hi', invoiceDetails: '',
    });
    expect(good.status).toBe(303);
    const page = await agent.get('/settings');
    expect(page.text).toContain('value="GBP"');
    expect(page.text).toContain('value="maya-o"');
  });

  it('refuses a slug that another musician has', async () => {
    const a = await signUp(t.app, 'Slug Owner');
    await submitForm(a.agent, '/settings', '/settings/profile', { name: 'Slug Owner', slug: 'taken-slug', homeCurrency: 'USD', timeZone: 'UTC', paymentTermsDays: '30' });
    const b = await signUp(t.app);
    const res = await submitForm(b.agent, '/settings', '/settings/profile', { name: 'B', slug: 'taken-slug', homeCurrency: 'USD', timeZone: 'UTC', paymentTermsDays: '30' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('That address is taken.');
  });

  it('deletes the account and its data only after the email is typed', async () => {
    const { agent, email } = await signUp(t.app);
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email } });
    await t.prisma.client.create({ data: { userId: user.id, name: 'Studio A' } });

    const wrong = await submitForm(agent, '/settings', '/settings/delete-account', { confirmEmail: 'someone@else.test' });
    expect(wrong.status).toBe(422);
    expect(await t.prisma.user.count({ where: { id: user.id } })).toBe(1);

    const ok = await submitForm(agent, '/settings', '/settings/delete-account', { confirmEmail: email });
    expect(ok.status).toBe(303);
    expect(await t.prisma.user.count({ where: { id: user.id } })).toBe(0);
    expect(await t.prisma.client.count({ where: { userId: user.id } })).toBe(0);
    expect(await t.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe('public page addresses made at sign-up', () => {
  it('are always valid slugs, even from long or odd names', async () => {
    const { slugify } = await import('../../src/auth/accounts.ts');
    const { profileSchema } = await import('../../src/settings/schemas.ts');
    for (const name of ['Maya Okafor', 'A'.repeat(60), 'Zoë-Ångström —  de la Cruz y Fernández-Ortega Montenegro', '!!!', '渡辺']) {
      const slug = slugify(name);
      for (const candidate of [slug, `${slug}-12`]) {
        const parsed = profileSchema.shape.slug.safeParse(candidate);
        expect(parsed.success, candidate).toBe(true);
      }
    }
  });
});
