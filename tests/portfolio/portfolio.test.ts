// The private portfolio (/portfolio), the on/off switch, the credits list for
// a CV, and the public page (/p/<slug>): what it shows, what it must never
// show, that it needs no session and sets no cookie, and its query count.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { submitForm, testApp, testConfig, type Agent } from '../support/app.ts';
import { queryCountingDatabase } from '../support/database.ts';
import { makeRecording, signUpWithId } from '../recordings/helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const squash = (html: string) => html.replace(/\s+/g, ' ');
const setPublic = (userId: number, on: boolean) => t.prisma.user.update({ where: { id: userId }, data: { portfolioPublic: on } });

/** A small catalogue: keys on soul and americana records, vocals, one private track. */
async function catalogue(userId: number) {
  await makeRecording(t.prisma, userId, { title: 'Lantern Street', artist: 'June Alvarez', release: 'Lantern Street', genres: 'soul, indie', releaseDate: '2025-04-01', displayOrder: 2, credits: [{ role: 'StudioMusician', instrument: 'Hammond organ' }, { role: 'BackgroundVocalist' }], links: [{ kind: 'spotify', url: 'https://open.spotify.com/track/a' }] });
  await makeRecording(t.prisma, userId, { title: 'Paper Lanterns', artist: 'June Alvarez', release: 'Lantern Street', genres: 'soul, indie', releaseDate: '2025-04-01', credits: [{ role: 'StudioMusician', instrument: 'Hammond organ' }] });
  await makeRecording(t.prisma, userId, { title: 'Heavy Weather', artist: 'Theo Brandt', release: 'Heavy Weather', genres: 'americana, rock', releaseDate: '2024-09-10', displayOrder: 1, credits: [{ role: 'StudioMusician', instrument: 'hammond organ' }] });
  await makeRecording(t.prisma, userId, { title: 'The Quiet Part', artist: 'Delphine Ash', release: 'The Quiet Part', genres: 'jazz, Soul', releaseDate: '2026-01-20', credits: [{ role: 'Soloist', instrument: 'Rhodes' }], links: [{ kind: 'youtube', url: 'https://youtu.be/q' }] });
  await makeRecording(t.prisma, userId, { title: 'Unreleased demo', artist: 'Pale Atlas', genres: 'synth-pop', releaseDate: null, isPublic: false, credits: [{ role: 'Programmer', instrument: 'Synthesizer' }] });
}

describe('the private portfolio', () => {
  let agent: Agent;
  let userId: number;
  let slug: string;
  beforeAll(async () => {
    ({ agent, userId, slug } = await signUpWithId(t, 'Maya Okafor'));
    await catalogue(userId);
  });

  it('lists every recording, featured first, with credits, links and edit links, and a counts sentence', async () => {
    const res = await agent.get('/portfolio');
    expect(res.status).toBe(200);
    const html = squash(res.text);
    expect(html).toContain('Credited on 4 releases for 4 artists.');
    expect(html).toContain('5 tracks.');
    const order = ['Heavy Weather', 'Lantern Street', 'The Quiet Part', 'Paper Lanterns', 'Unreleased demo'].map((title) => html.indexOf(`>${title}</a></h3>`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('Hammond organ · Background vocalist');
    expect(html).toContain('Rhodes (soloist)');
    expect(html).toContain('href="https://open.spotify.com/track/a"');
    expect(html).toMatch(/href="\/recordings\/\d+\/edit">Edit/);
    expect(html).toContain('Featured #1');
    expect(html).toContain('badge--private');
  });

  it('builds the pick lists from the musician’s own data, with counts', async () => {
    const html = squash((await agent.get('/portfolio')).text);
    expect(html).toContain('<option value="hammond organ">Hammond organ (3)</option>');
    expect(html).toContain('<option value="rhodes">Rhodes (1)</option>');
    expect(html).toContain('<option value="soul">Soul (3)</option>');
    expect(html).toContain('<option value="StudioMusician">Studio musician (3)</option>');
    expect(html).toContain('<option value="2025">2025 (2)</option>');
    expect(html).toContain('<option value="june alvarez">June Alvarez (2)</option>');
    // Newest year first.
    expect(html.indexOf('<option value="2026">')).toBeLessThan(html.indexOf('<option value="2024">'));
  });

  it('filters by instrument, genre, role, year and artist from the URL, with the sentence for the selection', async () => {
    const cases: [string, string, string[], string[]][] = [
      ['?instrument=hammond%20organ', 'Played Hammond organ on 2 releases for 2 artists.', ['Lantern Street', 'Paper Lanterns', 'Heavy Weather'], ['The Quiet Part']],
      ['?instrument=Hammond+Organ&genre=soul', 'Played Hammond organ on 1 soul release for 1 artist.', ['Lantern Street', 'Paper Lanterns'], ['Heavy Weather']],
      ['?genre=soul', 'Credited on 2 Soul releases for 2 artists.', ['The Quiet Part', 'Paper Lanterns'], ['Heavy Weather']],
      ['?role=Soloist', 'Credited as soloist on 1 release for 1 artist.', ['The Quiet Part'], ['Lantern Street']],
      ['?year=2024', 'Credited on 1 release from 2024 for 1 artist.', ['Heavy Weather'], ['Lantern Street']],
      ['?artist=june%20alvarez', 'Credited on 1 release for June Alvarez.', ['Paper Lanterns'], ['Heavy Weather']],
      ['?instrument=rhodes&role=BackgroundVocalist', 'No recordings match this selection yet.', [], ['The Quiet Part']],
    ];
    for (const [query, sentence, present, absent] of cases) {
      const html = squash((await agent.get(`/portfolio${query}`)).text);
      expect(html, query).toContain(sentence);
      for (const title of present) expect(html, `${query} shows ${title}`).toContain(`>${title}</a></h3>`);
      for (const title of absent) expect(html, `${query} hides ${title}`).not.toContain(`>${title}</a></h3>`);
    }
  });

  it('sorts by release date when asked', async () => {
    const html = squash((await agent.get('/portfolio?sort=release')).text);
    expect(html.indexOf('>The Quiet Part</a>')).toBeLessThan(html.indexOf('>Lantern Street</a>'));
    expect(html.indexOf('>Lantern Street</a>')).toBeLessThan(html.indexOf('>Heavy Weather</a>'));
    expect(html.indexOf('>Heavy Weather</a>')).toBeLessThan(html.indexOf('>Unreleased demo</a>'));
  });

  it('notes what it ignored in the URL instead of failing', async () => {
    const res = await agent.get('/portfolio?role=Drummer&year=soon');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Ignored the role “Drummer”');
    expect(res.text).toContain('Ignored the year “soon”');
  });

  it('shares the selection as a public link, and says when the public portfolio is off', async () => {
    await setPublic(userId, false);
    let html = squash((await agent.get('/portfolio?instrument=Hammond%20organ&genre=soul')).text);
    expect(html).toMatch(new RegExp(`value="http://127\\.0\\.0\\.1:\\d+/p/${slug}\\?instrument=hammond%20organ&amp;genre=soul"`));
    expect(html).toContain(`href="/p/${slug}?instrument=hammond%20organ&amp;genre=soul"`);
    expect(html).toContain('Your public portfolio is off');
    html = squash((await agent.get('/portfolio?genre=synth-pop')).text);
    expect(html).toContain('1 of the 1 recording in this selection is private');
    await setPublic(userId, true);
    html = squash((await agent.get('/portfolio')).text);
    expect(html).not.toContain('Your public portfolio is off');
  });

  it('pages a long list, keeping the counts for the whole selection', async () => {
    const { agent: a, userId: me } = await signUpWithId(t, 'Prolific');
    for (let i = 0; i < 55; i++) await makeRecording(t.prisma, me, { title: `Track ${String(i).padStart(2, '0')}`, artist: `Artist ${i % 7}`, releaseDate: `2024-01-${String((i % 28) + 1).padStart(2, '0')}` });
    const first = squash((await a.get('/portfolio')).text);
    expect(first).toContain('Credited on 55 releases for 7 artists.');
    expect(first).toContain('Page 1 of 2');
    expect((first.match(/class="recording-card"/g) ?? []).length).toBe(50);
    const second = squash((await a.get('/portfolio?page=2')).text);
    expect(second).toContain('Credited on 55 releases for 7 artists.');
    expect((second.match(/class="recording-card"/g) ?? []).length).toBe(5);
    expect(second).toContain('href="/portfolio"'); // back to page 1 (and "Show everything")
    const past = squash((await a.get('/portfolio?page=9')).text);
    expect(past).toContain('Credited on 55 releases for 7 artists.');
  });

  it('shows a musician with no recordings where to start', async () => {
    const { agent: a } = await signUpWithId(t, 'Newcomer');
    const html = squash((await a.get('/portfolio')).text);
    expect(html).toContain('No recordings yet.');
    expect(html).toContain('Add your first recording');
  });

  it('is in the navigation and needs a session', async () => {
    expect((await agent.get('/')).text).toContain('<a href="/portfolio"');
    const anonymous = await request(t.app).get('/portfolio');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/signin?next=%2Fportfolio');
  });
});

describe('the public portfolio switch in Settings', () => {
  it('is off by default, turns on and off from Settings, and the page follows', async () => {
    const { agent, userId, slug } = await signUpWithId(t, 'Switcher');
    await makeRecording(t.prisma, userId, { title: 'Switch track' });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: userId } })).portfolioPublic).toBe(false);
    expect((await request(t.app).get(`/p/${slug}`)).status).toBe(404);

    const settings = squash((await agent.get('/settings')).text);
    expect(settings).toContain('Your public portfolio is <strong>off</strong>');
    expect(settings).toContain('action="/portfolio/settings"');

    const on = await submitForm(agent, '/settings', '/portfolio/settings', { portfolioPublic: 'on' });
    expect(on.status).toBe(303);
    expect(on.headers.location).toBe('/settings#portfolio');
    const after = squash((await agent.get('/settings')).text);
    expect(after).toContain(`Your public portfolio is on at /p/${slug}.`);
    expect(after).toContain(`<a href="/p/${slug}">/p/${slug}</a>`);
    expect((await request(t.app).get(`/p/${slug}`)).status).toBe(200);

    await submitForm(agent, '/settings', '/portfolio/settings', { portfolioPublic: '' });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: userId } })).portfolioPublic).toBe(false);
    expect((await request(t.app).get(`/p/${slug}`)).status).toBe(404);
  });

  it('shows the contact email and website set in the profile, checked and kept on error, never the sign-in email', async () => {
    const { agent, userId, slug, email } = await signUpWithId(t, 'Contact Keys');
    await setPublic(userId, true);
    const profile = { name: 'Contact Keys', slug, homeCurrency: 'USD', timeZone: 'UTC', paymentTermsDays: '30' };
    expect((await request(t.app).get(`/p/${slug}`)).text).not.toContain('public-profile__contact');

    const bad = await submitForm(agent, '/settings', '/settings/profile', { ...profile, publicEmail: 'book me', publicWebsite: 'javascript:alert(1)' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter an email address like name@example.com, or leave it empty.');
    expect(bad.text).toContain('“javascript:” links are refused');
    expect(bad.text).toContain('value="book me"');
    expect(bad.text).toContain('value="javascript:alert(1)"');
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: userId } })).publicEmail).toBe('');

    const good = await submitForm(agent, '/settings', '/settings/profile', { ...profile, publicEmail: ' bookings@contact-keys.example ', publicWebsite: 'www.contact-keys.example/about' });
    expect(good.status).toBe(303);
    expect(await t.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { publicEmail: true, publicWebsite: true } })).toEqual({
      publicEmail: 'bookings@contact-keys.example',
      publicWebsite: 'https://www.contact-keys.example/about',
    });
    const page = squash((await request(t.app).get(`/p/${slug}`)).text);
    expect(page).toContain('<a href="mailto:bookings@contact-keys.example">bookings@contact-keys.example</a>');
    expect(page).toContain('<a href="https://www.contact-keys.example/about" rel="noopener noreferrer external">contact-keys.example</a>');
    expect(page).not.toContain(email);

    // Emptied again: nothing shown.
    await submitForm(agent, '/settings', '/settings/profile', { ...profile, publicEmail: '', publicWebsite: '' });
    expect((await request(t.app).get(`/p/${slug}`)).text).not.toContain('public-profile__contact');
  });

  it('follows a changed page address (the slug is set in the profile)', async () => {
    const { agent, userId } = await signUpWithId(t, 'Renamer');
    await setPublic(userId, true);
    const res = await submitForm(agent, '/settings', '/settings/profile', { name: 'Renamer', slug: 'renamed-keys', homeCurrency: 'USD', timeZone: 'UTC', paymentTermsDays: '30' });
    expect(res.status).toBe(303);
    expect((await request(t.app).get('/p/renamed-keys')).status).toBe(200);
  });
});

describe('the credits list for a CV', () => {
  let agent: Agent;
  beforeAll(async () => {
    let userId: number;
    ({ agent, userId } = await signUpWithId(t, 'Maya *Okafor*'));
    await catalogue(userId);
  });

  it('is Markdown grouped by year, newest first, unreleased last', async () => {
    const res = await agent.get('/portfolio/credits.md');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="?credits-[a-z0-9-]+\.md"?/);
    const md = res.text;
    expect(md).toContain('# Maya \\*Okafor\\* — credits');
    expect(md).toContain('Credited on 4 releases for 4 artists.');
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## 2026', '## 2025', '## 2024', '## Not released yet']);
    expect(md).toContain('- **The Quiet Part** — Delphine Ash · Rhodes (soloist)');
    expect(md).toContain('- **Paper Lanterns** — June Alvarez · *Lantern Street* · Hammond organ');
    expect(md).toContain('- **Lantern Street** — June Alvarez · Hammond organ; Background vocalist');
  });

  it('groups by artist, honours the filter, and can leave out private recordings', async () => {
    const byArtist = (await agent.get('/portfolio/credits.md?group=artist&instrument=hammond%20organ')).text;
    expect(byArtist.split('\n').filter((l) => l.startsWith('## '))).toEqual(['## June Alvarez', '## Theo Brandt']);
    expect(byArtist).toContain('# Maya \\*Okafor\\* — credits (Hammond organ)');
    expect(byArtist).toContain('Played Hammond organ on 2 releases for 2 artists.');
    expect(byArtist).toContain('- **Heavy Weather** · 2024 · hammond organ');
    expect(byArtist).not.toContain('Quiet Part');
    const all = (await agent.get('/portfolio/credits.md')).text;
    expect(all).toContain('Unreleased demo');
    const publicOnly = (await agent.get('/portfolio/credits.md?public=1')).text;
    expect(publicOnly).not.toContain('Unreleased demo');
  });
});

describe('the public page /p/<slug>', () => {
  let slug: string;
  let userId: number;
  beforeAll(async () => {
    ({ userId, slug } = await signUpWithId(t, 'Maya Public'));
    await t.prisma.user.update({ where: { id: userId }, data: { portfolioPublic: true, instruments: 'piano, Hammond organ', bio: 'Keys and vocals in Los Angeles.' } });
    await catalogue(userId);
  });

  it('shows name, instruments, bio and the public recordings with credits and links, to anyone', async () => {
    const res = await request(t.app).get(`/p/${slug}`);
    expect(res.status).toBe(200);
    const html = squash(res.text);
    expect(html).toContain('<h1 class="public-profile__name">Maya Public</h1>');
    expect(html).toContain('<li>Hammond organ</li>');
    expect(html).toContain('Keys and vocals in Los Angeles.');
    expect(html).toContain('Credited on 3 releases for 3 artists.');
    for (const title of ['Heavy Weather', 'Lantern Street', 'The Quiet Part', 'Paper Lanterns']) expect(html).toContain(`>${title}</h3>`);
    expect(html).not.toContain('Unreleased demo');
    expect(html).toContain('href="https://open.spotify.com/track/a"');
    expect(html).toContain('Hammond organ · Background vocalist');
    // Featured first, then newest.
    expect(html.indexOf('>Heavy Weather</h3>')).toBeLessThan(html.indexOf('>Lantern Street</h3>'));
    expect(html.indexOf('>Lantern Street</h3>')).toBeLessThan(html.indexOf('>The Quiet Part</h3>'));
    // The public layout: no navigation, no sign-out form, no scripts.
    expect(html).not.toContain('site-nav');
    expect(html).not.toContain('<form');
    expect(html).not.toContain('<script');
  });

  it('sets no cookie and reads none, for visitors and for the signed-in owner alike', async () => {
    const res = await request(t.app).get(`/p/${slug}`);
    expect(res.headers['set-cookie']).toBeUndefined();
    const notFound = await request(t.app).get('/p/nobody-here');
    expect(notFound.status).toBe(404);
    expect(notFound.headers['set-cookie']).toBeUndefined();
    const owner = await signUpWithId(t, 'Owner with session');
    const withCookie = await owner.agent.get(`/p/${slug}`);
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers['set-cookie']).toBeUndefined();
    expect(withCookie.text).not.toContain('Owner with session');
  });

  it('has Open Graph and Twitter tags and a canonical link, for the selection', async () => {
    const res = await request(t.app).get(`/p/${slug}?instrument=Hammond%20Organ&genre=soul&page=1`);
    const html = squash(res.text);
    const base = `${res.request.url.split('/p/')[0]}/p/${slug}`;
    const canonical = `${base}?instrument=hammond%20organ&amp;genre=soul`;
    expect(html).toContain(`<link rel="canonical" href="${canonical}">`);
    expect(html).toContain(`<meta property="og:url" content="${canonical}">`);
    expect(html).toContain('<meta property="og:type" content="profile">');
    expect(html).toContain('<meta property="og:title" content="Maya Public — Hammond organ · soul">');
    expect(html).toContain('<meta property="og:description" content="Played Hammond organ on 1 soul release for 1 artist. piano, Hammond organ.">');
    expect(html).toContain('<meta name="twitter:card" content="summary">');
    expect(html).toContain('<meta name="twitter:description" content="Played Hammond organ on 1 soul release for 1 artist.');
    expect(html).toContain('<title>Maya Public — Hammond organ · soul</title>');
  });

  it('applies the filters from the URL (a link sent to a studio)', async () => {
    const html = squash((await request(t.app).get(`/p/${slug}?instrument=rhodes`)).text);
    expect(html).toContain('>The Quiet Part</h3>');
    expect(html).not.toContain('>Lantern Street</h3>');
    expect(html).toContain('Played Rhodes on 1 release for 1 artist.');
    expect(html).toContain(`href="/p/${slug}">See all recordings`);
    // A private recording is not reachable by filtering for it.
    const hidden = squash((await request(t.app).get(`/p/${slug}?instrument=synthesizer`)).text);
    expect(hidden).not.toContain('Unreleased demo');
    expect(hidden).toContain('Nothing in this selection.');
  });

  it('never echoes URL text that is not in the musician’s data', async () => {
    const res = await request(t.app).get(`/p/${slug}?instrument=${encodeURIComponent('Call 555-0100 for a refund')}`);
    expect(res.status).toBe(200);
    const html = squash(res.text);
    expect(html.replace(/<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>/g, '')).not.toMatch(/call 555-0100/i);
    expect(html).toContain('Nothing in this selection.');
  });

  it('is a 404 when off, for unknown or malformed slugs, and for another musician’s private page', async () => {
    await setPublic(userId, false);
    try {
      expect((await request(t.app).get(`/p/${slug}`)).status).toBe(404);
    } finally {
      await setPublic(userId, true);
    }
    for (const path of ['/p/no-such-musician', '/p/UPPER', '/p/a--b', `/p/${'x'.repeat(41)}`, '/p/x%00']) {
      expect((await request(t.app).get(path)).status, path).toBe(404);
    }
  });

  it('lays out for a phone: the stylesheet, a viewport, and no inline styles', async () => {
    const res = await request(t.app).get(`/p/${slug}`);
    expect(res.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(res.text).toContain('<link rel="stylesheet" href="/css/app.css">');
    expect(res.text).not.toMatch(/style="/);
  });
});

describe('nothing private ever reaches the public page', () => {
  it('for any filter, no fee, client, note, private recording, gig, invoice or email appears', async () => {
    const { userId, slug, email } = await signUpWithId(t, 'Privacy Test');
    await setPublic(userId, true);
    const M = {
      client: 'MARKERCLIENTqx71',
      clientNotes: 'MARKERCLIENTNOTEqx72',
      gigTitle: 'MARKERGIGTITLEqx73',
      gigNotes: 'MARKERGIGNOTEqx74',
      gigLocation: 'MARKERLOCATIONqx75',
      recordingNotes: 'MARKERRECNOTEqx76',
      privateTitle: 'MARKERPRIVATETITLEqx77',
      privateArtist: 'MARKERPRIVATEARTISTqx78',
      privateInstrument: 'MARKERPRIVATEINSTqx79',
      privateLink: 'https://example.com/MARKERPRIVATELINKqx80',
      invoice: 'MARKERINVqx81',
      payment: 'MARKERPAYREFqx82',
      fee: '$8,765.43',
      feeDigits: '8765',
      lineDescription: 'MARKERLINEqx83',
      invoiceDetails: 'MARKERINVDETAILSqx84',
    };
    await t.prisma.user.update({ where: { id: userId }, data: { invoiceDetails: M.invoiceDetails, instruments: 'organ', bio: 'Public bio.' } });
    const client = await t.prisma.client.create({ data: { userId, name: M.client, notes: M.clientNotes, email: 'client-marker@example.test' } });
    const invoice = await t.prisma.invoice.create({ data: { userId, clientId: client.id, number: M.invoice, issuedOn: '2025-01-01', dueOn: '2025-01-31', currency: 'USD', notes: M.invoice } });
    const gig = await t.prisma.gig.create({
      data: {
        userId, date: '2025-01-01', title: M.gigTitle, notes: M.gigNotes, location: M.gigLocation, clientId: client.id, invoiceId: invoice.id,
        lineItems: { create: [{ userId, amountMinor: 876543, currency: 'USD', description: M.lineDescription }] },
      },
    });
    await t.prisma.payment.create({ data: { userId, clientId: client.id, receivedOn: '2025-01-10', amountMinor: 876543, currency: 'USD', reference: M.payment, allocations: { create: [{ userId, gigId: gig.id, amountMinor: 876543 }] } } });
    await makeRecording(t.prisma, userId, {
      title: 'Public track', artist: 'Public Artist', genres: 'soul', releaseDate: '2025-03-01', notes: M.recordingNotes, gigId: gig.id, isPublic: true,
      credits: [{ role: 'StudioMusician', instrument: 'Organ' }], links: [{ kind: 'spotify', url: 'https://open.spotify.com/track/public' }],
    });
    await makeRecording(t.prisma, userId, {
      title: M.privateTitle, artist: M.privateArtist, genres: 'soul', releaseDate: '2025-03-02', notes: M.recordingNotes, gigId: gig.id, isPublic: false,
      credits: [{ role: 'StudioMusician', instrument: M.privateInstrument }], links: [{ kind: 'other', url: M.privateLink }],
    });

    const filters = [
      '', '?instrument=organ', `?instrument=${M.privateInstrument}`, '?genre=soul', '?role=StudioMusician', '?year=2025',
      '?artist=public%20artist', `?artist=${M.privateArtist}`, '?sort=release', '?page=2', '?instrument=organ&genre=soul&year=2025&role=StudioMusician',
    ];
    const markers = [...Object.values(M), email, email.split('@')[0], 'client-marker@example.test'];
    for (const query of filters) {
      const res = await request(t.app).get(`/p/${slug}${query}`);
      expect(res.status, query).toBe(200);
      // The canonical/og:url repeat the (normalised) query itself; everything else must be clean.
      const body = res.text.replace(/<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>/g, '');
      for (const marker of markers) expect(body.toLowerCase(), `${marker} leaked with ${query || 'no filter'}`).not.toContain(marker.toLowerCase());
      expect(body, query).not.toContain(`/gigs/${gig.id}`);
      expect(body, query).not.toMatch(/Invoiced|Paid|Owed|Overdue/);
    }
    // The public track itself is there (the test would be empty otherwise).
    expect((await request(t.app).get(`/p/${slug}`)).text).toContain('Public track');
  });
});

describe('query count of the public page', () => {
  it('is two queries, whatever the number of recordings (and the private portfolio a fixed few)', async () => {
    const db = await queryCountingDatabase();
    const logged = db.prisma;
    try {
      const app = createApp({ prisma: logged, config: testConfig, log: () => {} });
      const me = await signUpWithId({ app, prisma: logged }, 'Counted');
      await logged.user.update({ where: { id: me.userId }, data: { portfolioPublic: true } });
      const add = async (n: number, from: number) => {
        for (let i = from; i < from + n; i++) {
          await makeRecording(logged, me.userId, {
            title: `Song ${i}`, artist: `Artist ${i % 5}`, genres: i % 2 ? 'soul' : 'rock',
            credits: [{ role: 'StudioMusician', instrument: 'Piano' }, { role: 'BackgroundVocalist' }],
            links: [{ kind: 'spotify', url: `https://open.spotify.com/track/${i}` }, { kind: 'youtube', url: `https://youtu.be/${i}` }],
          });
        }
      };
      const countFor = async (query: string) => {
        await db.resetCount();
        const res = await request(app).get(`/p/${me.slug}${query}`);
        expect(res.status).toBe(200);
        return db.count();
      };
      await add(3, 0);
      const few = await countFor('');
      await add(40, 3);
      const many = await countFor('');
      const filtered = await countFor('?instrument=piano&genre=soul&year=2025');
      expect(few).toBe(2);
      expect(many).toBe(2);
      expect(filtered).toBe(2);

      // The private portfolio: the session, then the selection, the pick lists and the share switch.
      const privateCount = async (query: string) => {
        await me.agent.get('/portfolio'); // warm-up (session touch etc.)
        await db.resetCount();
        const res = await me.agent.get(`/portfolio${query}`);
        expect(res.status).toBe(200);
        return db.count();
      };
      const before = await privateCount('');
      await add(20, 43);
      expect(await privateCount('')).toBe(before);
      expect(await privateCount('?genre=soul&instrument=piano')).toBe(before);
      expect(before).toBeLessThanOrEqual(5);
    } finally {
      await db.close();
    }
  });
});
