import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientChoices, findClientByName, resolveClient } from '../../src/clients/queries.ts';
import { forUser } from '../../src/db/scoped.ts';
import { csrfFrom, submitForm, testApp, type Agent } from '../support/app.ts';
import { makeGig, makePayment, rowFor, sectionById, signUpWithId, squash } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const validClient = { kind: 'studio', name: 'Sunset Sound', company: 'Sunset Sound Recorders', email: 'bookings@sunsetsound.example', phone: '+1 (323) 469-1186', city: 'Los Angeles', notes: 'Park on De Longpre.', organizationId: '' };

async function create(agent: Agent, fields: Record<string, string>) {
  return submitForm(agent, '/clients/new', '/clients', { ...validClient, ...fields });
}

describe('creating and editing a client', () => {
  it('creates a client and shows its page with contact links', async () => {
    const { agent, userId } = await signUpWithId(t);
    const res = await create(agent, {});
    expect(res.status).toBe(303);
    const client = await t.prisma.client.findFirstOrThrow({ where: { userId } });
    expect(client).toMatchObject({ kind: 'studio', name: 'Sunset Sound', company: 'Sunset Sound Recorders', email: 'bookings@sunsetsound.example', city: 'Los Angeles', notes: 'Park on De Longpre.', organizationId: null, archived: false });
    expect(res.headers.location).toBe(`/clients/${client.id}`);

    const page = await agent.get(res.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Added Sunset Sound.');
    expect(page.text).toContain('href="mailto:bookings@sunsetsound.example"');
    expect(page.text).toContain('href="tel:+13234691186"');
    expect(page.text).toContain('Park on De Longpre.');
    expect(page.text).toContain(`href="/gigs/new?clientId=${client.id}"`);
    expect(page.text).toContain('Log a gig for this client');
    // Delete is not offered; the hint says why.
    expect(page.text).not.toMatch(/action="\/clients\/\d+\/delete"/);
    expect(page.text).toContain('Clients can’t be deleted');
  });

  it('explains invalid fields, keeps the input and saves nothing (422)', async () => {
    const { agent, userId } = await signUpWithId(t);
    const res = await create(agent, { kind: 'wizard', name: '  ', email: 'not an email', notes: 'n'.repeat(5001), city: 'Nashville' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose what kind of client this is.');
    expect(res.text).toContain('Enter a name for this client.');
    expect(res.text).toContain('Enter an email address like name@example.com, or leave it empty.');
    expect(res.text).toContain('Notes can be at most 5,000 characters.');
    expect(res.text).toContain('value="not an email"');
    expect(res.text).toContain('value="Nashville"');
    expect(res.text).toContain('Nothing was saved yet.');
    expect(await t.prisma.client.count({ where: { userId } })).toBe(0);
  });

  it('refuses a name longer than 120 characters', async () => {
    const { agent, userId } = await signUpWithId(t);
    const res = await create(agent, { name: 'x'.repeat(121) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Name can be at most 120 characters.');
    expect(await t.prisma.client.count({ where: { userId } })).toBe(0);
  });

  it('refuses a duplicate name, ignoring case, with a field error', async () => {
    const { agent, userId } = await signUpWithId(t);
    await create(agent, { name: 'Sunset Sound' });
    const res = await create(agent, { name: 'SUNSET sound', city: 'Hollywood' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('You already have a client called “Sunset Sound”');
    expect(res.text).toContain('value="SUNSET sound"');
    expect(await t.prisma.client.count({ where: { userId } })).toBe(1);

    // Reported together with the other fields' problems, in one round trip.
    const both = await create(agent, { name: 'sunset sound', email: 'bad' });
    expect(both.status).toBe(422);
    expect(both.text).toContain('You already have a client called “Sunset Sound”');
    expect(both.text).toContain('Enter an email address like name@example.com, or leave it empty.');

    // Also beyond ASCII, and another musician's clients don't count.
    await create(agent, { name: 'Éclair Studios' });
    expect((await create(agent, { name: 'éclair studios' })).status).toBe(422);
    const other = await signUpWithId(t);
    expect((await create(other.agent, { name: 'Sunset Sound' })).status).toBe(303);
  });

  it('edits a client; renaming to its own name in another case is fine, to another client’s is not', async () => {
    const { agent, userId } = await signUpWithId(t);
    await create(agent, { name: 'Capitol Studios' });
    await create(agent, { name: 'Sunset Sound' });
    const sunset = await t.prisma.client.findFirstOrThrow({ where: { userId, name: 'Sunset Sound' } });

    const edit = await agent.get(`/clients/${sunset.id}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('value="Sunset Sound"');
    expect(edit.text).toContain('Park on De Longpre.');

    const ok = await submitForm(agent, `/clients/${sunset.id}/edit`, `/clients/${sunset.id}`, { ...validClient, name: 'SUNSET SOUND', kind: 'label', city: 'Burbank' });
    expect(ok.status).toBe(303);
    expect(await t.prisma.client.findUniqueOrThrow({ where: { id: sunset.id } })).toMatchObject({ name: 'SUNSET SOUND', kind: 'label', city: 'Burbank' });

    const clash = await submitForm(agent, `/clients/${sunset.id}/edit`, `/clients/${sunset.id}`, { ...validClient, name: 'capitol studios', city: 'Glendale' });
    expect(clash.status).toBe(422);
    expect(clash.text).toContain('You already have a client called “Capitol Studios”');
    expect(clash.text).toContain('value="Glendale"');
    expect(await t.prisma.client.findUniqueOrThrow({ where: { id: sunset.id } })).toMatchObject({ name: 'SUNSET SOUND', city: 'Burbank' });
  });

  it('links a person to an organisation, shown on both pages; refuses itself and foreign ids', async () => {
    const { agent, userId } = await signUpWithId(t);
    await create(agent, { name: 'Sunset Sound' });
    const studio = await t.prisma.client.findFirstOrThrow({ where: { userId, name: 'Sunset Sound' } });
    const form = await agent.get('/clients/new');
    expect(form.text).toContain(`<option value="${studio.id}"`);

    const res = await create(agent, { name: 'Dana Engineer', kind: 'engineer', organizationId: String(studio.id) });
    expect(res.status).toBe(303);
    const dana = await t.prisma.client.findFirstOrThrow({ where: { userId, name: 'Dana Engineer' } });
    expect(dana.organizationId).toBe(studio.id);
    expect((await agent.get(`/clients/${dana.id}`)).text).toContain(`at <a href="/clients/${studio.id}">Sunset Sound</a>`);
    const studioPage = await agent.get(`/clients/${studio.id}`);
    expect(studioPage.text).toContain('People at Sunset Sound');
    expect(studioPage.text).toContain(`<a href="/clients/${dana.id}">Dana Engineer</a>`);

    const self = await submitForm(agent, `/clients/${dana.id}/edit`, `/clients/${dana.id}`, { ...validClient, name: 'Dana Engineer', organizationId: String(dana.id) });
    expect(self.status).toBe(422);
    expect(self.text).toContain('A client cannot be its own organisation.');

    const other = await signUpWithId(t);
    const foreign = await t.prisma.client.create({ data: { userId: other.userId, name: 'Elsewhere' } });
    const bad = await submitForm(agent, `/clients/${dana.id}/edit`, `/clients/${dana.id}`, { ...validClient, name: 'Dana Engineer', organizationId: String(foreign.id) });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Choose an organisation from your list of clients.');
    expect(bad.text).not.toContain('Elsewhere');
    expect((await t.prisma.client.findUniqueOrThrow({ where: { id: dana.id } })).organizationId).toBe(studio.id);
  });

  it('answers 404 to ids that are not positive integers or not there', async () => {
    const { agent } = await signUpWithId(t);
    for (const path of ['/clients/abc', '/clients/0', '/clients/99999999', '/clients/-1/edit', '/clients/1.5/merge']) {
      expect((await agent.get(path)).status, path).toBe(404);
    }
  });

  it('escapes what users type', async () => {
    const { agent, userId } = await signUpWithId(t);
    const hostile = '<script>alert(1)</script>';
    expect((await create(agent, { name: hostile, company: hostile, city: hostile, notes: hostile })).status).toBe(303);
    const client = await t.prisma.client.findFirstOrThrow({ where: { userId } });
    for (const path of ['/clients', `/clients/${client.id}`, `/clients/${client.id}/edit`, `/clients/${client.id}/merge`]) {
      const page = await agent.get(path);
      expect(page.text, path).not.toContain(hostile);
      expect(page.text, path).toContain('&lt;script&gt;');
    }
  });
});

describe('archiving', () => {
  it('hides an archived client from the list and pick lists but keeps its page and history', async () => {
    const { agent, userId } = await signUpWithId(t);
    await create(agent, { name: 'Old Studio' });
    await create(agent, { name: 'New Studio' });
    const old = await t.prisma.client.findFirstOrThrow({ where: { userId, name: 'Old Studio' } });
    const gig = await makeGig(t.prisma, userId, { clientId: old.id, title: 'Last session', lines: [{ amountMinor: 10000, currency: 'USD' }] });

    const page = await agent.get(`/clients/${old.id}`);
    const res = await agent.post(`/clients/${old.id}/archive`).type('form').send({ _csrf: csrfFrom(page) });
    expect(res.status).toBe(303);
    expect((await t.prisma.client.findUniqueOrThrow({ where: { id: old.id } })).archived).toBe(true);
    expect((await agent.get(res.headers.location)).text).toContain('Archived Old Studio.');

    const list = await agent.get('/clients');
    expect(list.text).toContain('New Studio');
    expect(list.text).not.toContain('Old Studio');
    const withArchived = await agent.get('/clients?archived=1');
    expect(withArchived.text).toContain('Old Studio');
    expect(withArchived.text).toContain('Archived');
    expect((await clientChoices(forUser(t.prisma, userId))).map((c) => c.name)).toEqual(['New Studio']);
    expect((await agent.get('/clients/new')).text).not.toContain('Old Studio');

    const archivedPage = await agent.get(`/clients/${old.id}`);
    expect(archivedPage.text).toContain('This client is archived');
    expect(archivedPage.text).toContain(`href="/gigs/${gig.id}"`);

    const back = await agent.post(`/clients/${old.id}/unarchive`).type('form').send({ _csrf: csrfFrom(archivedPage) });
    expect(back.status).toBe(303);
    expect((await t.prisma.client.findUniqueOrThrow({ where: { id: old.id } })).archived).toBe(false);
    expect((await agent.get('/clients')).text).toContain('Old Studio');
  });
});

describe('the list: search, kind filter, pagination', () => {
  let agent: Agent;
  let userId: number;
  beforeAll(async () => {
    ({ agent, userId } = await signUpWithId(t));
    const rows = Array.from({ length: 55 }, (_, i) => ({
      userId,
      name: `Studio ${String(i + 1).padStart(2, '0')}`,
      kind: 'studio',
      city: i % 2 ? 'Nashville' : 'London',
    }));
    await t.prisma.client.createMany({
      data: [
        ...rows,
        { userId, name: 'Rick Producer', kind: 'producer', company: 'Rubin Works', email: 'rick@rubin.example', city: 'Malibu' },
        { userId, name: 'Ana Label', kind: 'label', company: 'Blue Note', email: 'ana@bluenote.example', city: 'New York' },
        { userId, name: '100% Records', kind: 'label' },
      ],
    });
  });

  it('searches name, company, email and city, case-insensitively', async () => {
    const names = async (q: string) => {
      const res = await agent.get(`/clients?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      return [...res.text.matchAll(/<a href="\/clients\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
    };
    expect(await names('rick')).toEqual(['Rick Producer']);
    expect(await names('BLUE NOTE')).toEqual(['Ana Label']);
    expect(await names('rubin.example')).toEqual(['Rick Producer']);
    expect(await names('malibu')).toEqual(['Rick Producer']);
    // % and _ are taken literally.
    expect(await names('0%')).toEqual(['100% Records']);
    expect(await names('_')).toEqual([]);
    const none = await agent.get('/clients?q=zzz');
    expect(none.text).toContain('No clients match.');
    expect(none.text).toContain('value="zzz"');
  });

  it('filters by kind and keeps the filters in the form', async () => {
    const res = await agent.get('/clients?kind=label');
    expect(res.text).toContain('Ana Label');
    expect(res.text).toContain('100% Records');
    expect(res.text).not.toContain('Rick Producer');
    expect(res.text).not.toContain('Studio 01');
    expect(res.text).toContain('<option value="label" selected>');
    // An unknown kind is ignored rather than an error.
    expect((await agent.get('/clients?kind=nonsense')).status).toBe(200);
  });

  it('shows 50 per page, with page links that keep the filters', async () => {
    const first = await agent.get('/clients?q=studio&kind=studio');
    expect(first.status).toBe(200);
    expect(first.text).toContain('55</strong> clients match');
    expect((first.text.match(/<tr/g) ?? []).length).toBe(51); // header + 50
    expect(first.text).toContain('Studio 50');
    expect(first.text).not.toContain('Studio 51');
    expect(first.text).toContain('href="/clients?q=studio&amp;kind=studio&amp;page=2"');
    expect(first.text).toContain('Page 1 of 2');

    const second = await agent.get('/clients?q=studio&kind=studio&page=2');
    expect((second.text.match(/<tr/g) ?? []).length).toBe(6);
    expect(second.text).toContain('Studio 55');
    expect(second.text).not.toContain('Studio 50<');
    expect(second.text).toContain('href="/clients?q=studio&amp;kind=studio"');

    // Past the end shows the last page; nonsense shows the first.
    expect((await agent.get('/clients?q=studio&page=99')).text).toContain('Studio 55');
    expect((await agent.get('/clients?page=abc')).status).toBe(200);
  });
});

describe('the client page history', () => {
  it('lists gigs booked or paid, newest first, 25 per page, and payments received', async () => {
    const { agent, userId } = await signUpWithId(t);
    const client = await t.prisma.client.create({ data: { userId, name: 'Capitol' } });
    const other = await t.prisma.client.create({ data: { userId, name: 'Contractor Joe' } });
    for (let i = 1; i <= 26; i++) {
      await makeGig(t.prisma, userId, { clientId: client.id, date: `2025-01-${String(i).padStart(2, '0')}`, title: `Session ${i}`, lines: [{ amountMinor: 10000 * i, currency: 'USD' }] });
    }
    const paid = await makeGig(t.prisma, userId, { clientId: other.id, payerId: client.id, date: '2025-02-01', title: 'Paid for by Capitol', artist: 'Nora', lines: [{ amountMinor: 50000, currency: 'USD' }] });
    await makeGig(t.prisma, userId, { clientId: other.id, date: '2025-03-01', title: 'Not theirs' });
    await makePayment(t.prisma, userId, { clientId: client.id, receivedOn: '2025-02-10', amountMinor: 20000, currency: 'USD', method: 'check', reference: 'CHK-1042', allocations: [{ gigId: paid.id, amountMinor: 20000 }] });

    const page = await agent.get(`/clients/${client.id}`);
    const gigs = squash(sectionById(page.text, 'gigs'));
    expect(gigs).toContain('(27)');
    expect(gigs.indexOf('Paid for by Capitol')).toBeLessThan(gigs.indexOf('Session 26'));
    expect(gigs).toContain(`href="/gigs/${paid.id}"`);
    expect(gigs).toContain('Paid for');
    expect(gigs).toContain('$500.00'); // agreed
    expect(gigs).toContain('$300.00'); // owed
    expect(gigs).not.toContain('Not theirs');
    expect(gigs).not.toContain('>Session 2<'); // the oldest gig is on page 2
    expect(gigs).toContain(`href="/clients/${client.id}?page=2#gigs"`);

    const second = squash(sectionById((await agent.get(`/clients/${client.id}?page=2`)).text, 'gigs'));
    expect(second).toContain('Session 1<');
    expect(second).toContain('$100.00');
    expect(second).not.toContain('Session 26');

    const payments = squash(sectionById(page.text, 'payments'));
    expect(payments).toContain('$200.00');
    expect(payments).toContain('Check');
    expect(payments).toContain('CHK-1042');
    expect(payments).toContain('Mon, 10 Feb 2025');
  });

  it('shows the list row of a client with no money as dashes, not zeros', async () => {
    const { agent, userId } = await signUpWithId(t);
    const client = await t.prisma.client.create({ data: { userId, name: 'Quiet Client' } });
    const row = squash(rowFor((await agent.get('/clients')).text, client.id));
    expect(row).toContain('data-label="Gigs" class="num">0<');
    expect(row).not.toContain('$0.00');
  });
});

describe('shared look-ups (used by gigs and imports)', () => {
  it('resolveClient / findClientByName match names ignoring case, beyond ASCII, with % and _ taken literally', async () => {
    const { userId } = await signUpWithId(t);
    const db = forUser(t.prisma, userId);
    const eclair = await t.prisma.client.create({ data: { userId, name: 'Éclair Studios' } });
    await t.prisma.client.createMany({ data: Array.from({ length: 25 }, (_, i) => ({ userId, name: `A${i}B` })) });
    expect(await findClientByName(db, 'ÉCLAIR STUDIOS')).toEqual({ id: eclair.id, name: 'Éclair Studios' });
    expect(await resolveClient(db, { id: null, name: 'éclair studios' })).toEqual({ id: eclair.id, name: 'Éclair Studios', created: false });
    // "A_B" is not "A1B": a new client is created rather than a wrong match.
    expect(await findClientByName(db, 'A_B')).toBeNull();
    const created = await resolveClient(db, { id: null, name: 'A_B' });
    expect(created).toMatchObject({ name: 'A_B', created: true });
    expect(await resolveClient(db, { id: 999999, name: '' })).toBe('not-found');
  });
});
