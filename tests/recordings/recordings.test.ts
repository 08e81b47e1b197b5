// Recordings over HTTP: add (from scratch and from a session), the recording
// page with the session's proof, edit, delete, the CSV export, and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/transfer/csv.ts';
import { todayIn } from '../../src/lib/dates.ts';
import { csrfFrom, submitForm, testApp, type Agent } from '../support/app.ts';
import { addRecording, makeRecording, recordingForm, recordingIdFrom, signUpWithId } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let agent: Agent;
let userId: number;
const today = todayIn('UTC');

beforeAll(async () => {
  t = await testApp();
  ({ agent, userId } = await signUpWithId(t, 'Maya Okafor'));
});
afterAll(() => t.close());

const squash = (html: string) => html.replace(/\s+/g, ' ');

async function logGig(fields: Record<string, string> = {}) {
  const res = await submitForm(agent, '/gigs/new', '/gigs', {
    date: today, clientName: 'Echo Park Sound', kind: 'studio_session', status: 'done', hours: '3', instruments: 'Hammond organ, backing vocals',
    currency: 'USD', 'items[0][kind]': 'base_fee', 'items[0][amount]': '434.21', title: 'Lantern Street', artist: 'June Alvarez', ...fields,
  });
  expect(res.status).toBe(303);
  return Number(/^\/gigs\/(\d+)$/.exec(res.headers.location)![1]);
}

describe('adding a recording', () => {
  it('saves the track, normalised ISRC and ISWC, credits, links with their kinds and genres, all at once', async () => {
    const res = await addRecording(agent, {
      title: 'Paper Lanterns', isrc: 'isrc: us-rc1-76-07839', iswc: 't-034.524.680-1', genres: ' Soul,indie , soul ',
      'credits[1][role]': 'BackgroundVocalist', 'credits[1][instrument]': '',
      'credits[2][role]': '', 'credits[2][instrument]': '',
      'links[0][url]': 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC',
      'links[1][url]': 'youtu.be/dQw4w9WgXcQ',
      'links[2][url]': '',
      isPublic: 'on', displayOrder: '2', notes: 'Tracked live with the band.',
    });
    expect(res.status).toBe(303);
    const id = recordingIdFrom(res.headers.location);
    const saved = await t.prisma.recording.findUniqueOrThrow({
      where: { id },
      include: { credits: { orderBy: { position: 'asc' } }, links: { orderBy: { position: 'asc' } } },
    });
    expect(saved).toMatchObject({
      userId, title: 'Paper Lanterns', artist: 'June Alvarez', isrc: 'USRC17607839', iswc: 'T0345246801', genres: 'Soul, indie',
      isPublic: true, displayOrder: 2, releaseDate: '2026-03-13', releaseType: 'album', notes: 'Tracked live with the band.',
    });
    expect(saved.credits.map((c) => [c.role, c.instrument])).toEqual([['StudioMusician', 'Hammond organ'], ['BackgroundVocalist', '']]);
    expect(saved.links.map((l) => [l.kind, l.url])).toEqual([
      ['spotify', 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC'],
      ['youtube', 'https://youtu.be/dQw4w9WgXcQ'],
    ]);

    const page = await agent.get(res.headers.location);
    expect(page.status).toBe(200);
    const html = squash(page.text);
    expect(html).toContain('Recording added.');
    expect(html).toContain('US-RC1-76-07839');
    expect(html).toContain('T-034.524.680-1');
    expect(html).toContain('Studio musician</strong> — Hammond organ');
    expect(html).toContain('href="https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC"');
    expect(html).toMatch(/>Spotify<\/a>/);
    expect(html).toMatch(/>YouTube<\/a>/);
    expect(html).toContain('Featured #2');
    expect(html).toContain('Not linked to a session.');
  });

  it('offers an empty form with one credit row ready and spare rows', async () => {
    const page = await agent.get('/recordings/new');
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="credits[0][role]"');
    expect(page.text).toContain('name="credits[2][role]"');
    expect(page.text).toContain('name="links[1][url]"');
    expect(page.text).toMatch(/<option value="StudioMusician" selected>/);
    expect(page.text).toContain('<script src="/js/recordings.js" defer></script>');
  });
});

describe('from a session to a credit', () => {
  it('pre-fills the title, artist, instruments and session from the gig page’s button', async () => {
    const gigId = await logGig({ title: 'Slow Burn Sunday' });
    const gigPage = await agent.get(`/gigs/${gigId}`);
    expect(gigPage.text).toContain(`href="/recordings/new?gigId=${gigId}"`);
    expect(gigPage.text).toContain('Add recording from this session');

    const form = await agent.get(`/recordings/new?gigId=${gigId}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="title" value="Slow Burn Sunday"');
    expect(form.text).toContain('name="artist" value="June Alvarez"');
    expect(form.text).toMatch(new RegExp(`<option value="${gigId}" selected>`));
    expect(form.text).toContain('name="credits[0][instrument]" value="Hammond organ"');
    expect(form.text).toMatch(/name="credits\[1\]\[role\]"[^>]*>[\s\S]*?<option value="BackgroundVocalist" selected>/);

    const res = await addRecording(agent, { title: 'Slow Burn Sunday', gigId: String(gigId), isrc: 'USCK72600101' });
    expect(res.status).toBe(303);
    const gigAfter = await agent.get(`/gigs/${gigId}`);
    expect(gigAfter.text).toContain(`href="${res.headers.location}"`);
  });

  it('shows the session, its invoice and that it was paid, as the proof behind the credit', async () => {
    const gigId = await logGig({ title: 'Better Than Gone' });
    const client = await t.prisma.client.findFirstOrThrow({ where: { userId, name: 'Echo Park Sound' } });
    const invoice = await t.prisma.invoice.create({ data: { userId, clientId: client.id, number: 'INV-0003', issuedOn: today, dueOn: today, currency: 'USD' } });
    await t.prisma.gig.update({ where: { id: gigId }, data: { invoiceId: invoice.id } });
    const res = await addRecording(agent, { title: 'Better Than Gone', gigId: String(gigId) });
    const id = recordingIdFrom(res.headers.location);

    let html = squash((await agent.get(`/recordings/${id}`)).text);
    expect(html).toContain('The session behind this credit');
    expect(html).toContain(`href="/gigs/${gigId}"`);
    expect(html).toContain(`href="/clients/${client.id}">Echo Park Sound</a>`);
    expect(html).toContain('Studio session');
    expect(html).toMatch(/Invoiced INV-0003 · <span class="badge badge--paid-owed">Owed<\/span>/);

    await t.prisma.payment.create({
      data: { userId, clientId: client.id, receivedOn: today, amountMinor: 43421, currency: 'USD', allocations: { create: [{ userId, gigId, amountMinor: 43421 }] } },
    });
    html = squash((await agent.get(`/recordings/${id}`)).text);
    expect(html).toMatch(/Invoiced INV-0003 · <span class="badge badge--paid-paid">Paid<\/span>/);
  });

  it("404s for another musician's gig in ?gigId, and refuses it posted in the form", async () => {
    const other = await signUpWithId(t, 'Other');
    const theirs = await t.prisma.gig.create({ data: { userId: other.userId, date: today, title: 'Their secret session' } });
    expect((await agent.get(`/recordings/new?gigId=${theirs.id}`)).status).toBe(404);
    expect((await agent.get('/recordings/new?gigId=abc')).status).toBe(404);
    expect((await agent.get('/recordings/new?gigId=')).status).toBe(200);
    const before = await t.prisma.recording.count({ where: { userId } });
    const res = await addRecording(agent, { title: 'Sneaky', gigId: String(theirs.id) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('That session is not in your gigs.');
    expect(res.text).not.toContain('Their secret session');
    expect(res.text).toContain('value="Sneaky"');
    expect(await t.prisma.recording.count({ where: { userId } })).toBe(before);
  });
});

describe('editing and deleting', () => {
  it('edits a recording, replacing its credits and links', async () => {
    const res = await addRecording(agent, { title: 'Before', isrc: 'USCK72600102', 'links[0][url]': 'https://example.com/a' });
    const id = recordingIdFrom(res.headers.location);
    const edit = await agent.get(`/recordings/${id}/edit`);
    expect(edit.text).toContain('value="Before"');
    expect(edit.text).toContain('value="US-CK7-26-00102"');
    expect(edit.text).toContain('value="https://example.com/a"');
    const saved = await submitForm(agent, `/recordings/${id}/edit`, `/recordings/${id}`, recordingForm({
      title: 'After', isrc: 'US-CK7-26-00102', 'credits[0][role]': 'Soloist', 'credits[0][instrument]': 'Rhodes',
      'links[0][url]': 'https://paleatlas.bandcamp.com/track/low-light',
    }));
    expect(saved.status).toBe(303);
    const r = await t.prisma.recording.findUniqueOrThrow({ where: { id }, include: { credits: true, links: true } });
    expect(r.title).toBe('After');
    expect(r.credits.map((c) => [c.role, c.instrument])).toEqual([['Soloist', 'Rhodes']]);
    expect(r.links.map((l) => [l.kind, l.url])).toEqual([['bandcamp', 'https://paleatlas.bandcamp.com/track/low-light']]);
    expect((await agent.get(saved.headers.location)).text).toContain('Saved.');
  });

  it('asks before deleting, then deletes the recording with its credits and links', async () => {
    const res = await addRecording(agent, { title: 'Doomed', 'links[0][url]': 'https://example.com/doomed' });
    const id = recordingIdFrom(res.headers.location);
    const confirm = await agent.get(`/recordings/${id}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Delete this recording?');
    expect(confirm.text).toContain('untick “Show on my public portfolio”');
    const done = await submitForm(agent, `/recordings/${id}/delete`, `/recordings/${id}/delete`, {});
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/portfolio');
    expect(await t.prisma.recording.findUnique({ where: { id } })).toBeNull();
    expect(await t.prisma.recordingCredit.count({ where: { recordingId: id } })).toBe(0);
    expect(await t.prisma.recordingLink.count({ where: { recordingId: id } })).toBe(0);
    expect((await agent.get(`/recordings/${id}`)).status).toBe(404);
  });

  it('404s for ids that are not numbers or not there', async () => {
    for (const path of ['/recordings/0', '/recordings/abc', '/recordings/99999999', '/recordings/1e3/edit']) {
      expect((await agent.get(path)).status, path).toBe(404);
    }
  });

  it('sends /recordings to the portfolio, keeping a filter', async () => {
    const res = await agent.get('/recordings?instrument=Rhodes');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/portfolio?instrument=rhodes');
  });
});

describe('ISRC uniqueness', () => {
  it('refuses an ISRC the musician already has, however it is typed, naming the recording beside the field', async () => {
    const first = await addRecording(agent, { title: 'First of two', isrc: 'GB-KWM-24-00031' });
    expect(first.status).toBe(303);
    const before = await t.prisma.recording.count({ where: { userId } });
    const res = await addRecording(agent, { title: 'Second of two', isrc: 'gbkwm2400031', notes: 'Keep me' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/<p class="field__error" id="f-isrc-error">You already have this ISRC on “First of two”.<\/p>/);
    expect(res.text).toContain('value="gbkwm2400031"');
    expect(res.text).toContain('value="Second of two"');
    expect(res.text).toContain('Keep me');
    expect(await t.prisma.recording.count({ where: { userId } })).toBe(before);
  });

  it('lets a recording keep its own ISRC when edited', async () => {
    const res = await addRecording(agent, { title: 'Mine', isrc: 'USCK72600200' });
    const id = recordingIdFrom(res.headers.location);
    const saved = await submitForm(agent, `/recordings/${id}/edit`, `/recordings/${id}`, recordingForm({ title: 'Mine, renamed', isrc: 'US-CK7-26-00200' }));
    expect(saved.status).toBe(303);
  });

  it('lets two musicians share an ISRC (they played on the same track)', async () => {
    await addRecording(agent, { title: 'Shared track', isrc: 'USDW42500777' });
    const other = await signUpWithId(t, 'Sam Keys');
    const res = await addRecording(other.agent, { title: 'Shared track', isrc: 'US-DW4-25-00777' });
    expect(res.status).toBe(303);
    expect(await t.prisma.recording.count({ where: { isrc: 'USDW42500777' } })).toBe(2);
  });
});

describe('bad input comes back with messages beside the fields and loses nothing', () => {
  const cases: [string, Record<string, string>, string, string][] = [
    ['an ISRC with the letter O for a zero', { isrc: 'US-RC1-76-O7839' }, 'did you mean the digit 0? That would be US-RC1-76-07839.', 'value="US-RC1-76-O7839"'],
    ['an ISRC that is too short', { isrc: 'USRC1760783' }, 'An ISRC has 12 letters and digits; this one has 11.', 'value="USRC1760783"'],
    ['an ISWC with a wrong check digit', { iswc: 'T-034.524.680-2' }, 'check digit', 'value="T-034.524.680-2"'],
    ['an ISWC with the letter O', { iswc: 'T-O34.524.680-1' }, 'did you mean the digit 0?', 'value="T-O34.524.680-1"'],
    ['a javascript: link', { 'links[0][url]': 'javascript:alert(1)' }, '“javascript:” links are refused', 'value="javascript:alert(1)"'],
    ['a data: link', { 'links[0][url]': 'data:text/html,<b>x</b>' }, '“data:” links are refused', 'value="data:text/html,&lt;b&gt;x&lt;/b&gt;"'],
    ['an ftp link', { 'links[0][url]': 'ftp://example.com/x' }, '“ftp:” links are refused', 'value="ftp://example.com/x"'],
    ['a link that is not a link', { 'links[1][url]': 'my spotify' }, 'A link has no spaces in it.', 'value="my spotify"'],
    ['a link with a password in it', { 'links[0][url]': 'https://user:pw@example.com/' }, 'user name or password', 'value="https://user:pw@example.com/"'],
    ['a 600-character link', { 'links[0][url]': `https://example.com/${'a'.repeat(600)}` }, 'Links can be at most 500 characters.', 'aaaaaaaaaa'],
    ['no title', { title: '  ' }, 'Enter the track title.', 'value="June Alvarez"'],
    ['a 300-character title', { title: 't'.repeat(300) }, 'Title can be at most 200 characters.', 'tttttttttt'],
    ['10,000-character notes', { notes: 'n'.repeat(10_000) }, 'Notes can be at most 5,000 characters.', 'nnnnnnnnnn'],
    ['no credit at all', { 'credits[0][role]': '', 'credits[0][instrument]': '' }, 'Add at least one credit', 'value="Lantern Street"'],
    ['an instrument without a role', { 'credits[0][role]': '', 'credits[0][instrument]': 'Clavinet' }, 'Choose your role for this instrument.', 'value="Clavinet"'],
    ['an unknown role', { 'credits[0][role]': 'Drummer' }, 'Choose a role from the list.', 'value="Hammond organ"'],
    ['a 150-character instrument', { 'credits[0][instrument]': 'i'.repeat(150) }, 'Instruments can be at most 100 characters.', 'iiiiiiiiii'],
    ['a featured order of 0', { displayOrder: '0' }, 'Enter a whole number from 1 to 9999', 'name="displayOrder" value="0"'],
    ['an impossible release date', { releaseDate: '2026-02-30' }, 'Enter a real date like 2026-11-26', 'value="2026-02-30"'],
    ['an unknown release type', { releaseType: 'mixtape' }, 'Choose a release type from the list.', 'value="Lantern Street"'],
    ['a 60-character genre', { genres: `soul, ${'g'.repeat(60)}` }, 'Each genre can be at most 40 characters', 'gggggggggg'],
  ];

  it.each(cases)('%s', async (_name, fields, message, kept) => {
    const before = await t.prisma.recording.count({ where: { userId } });
    const res = await addRecording(agent, { notes: 'Kept note', ...fields });
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(res.text).toContain(kept);
    expect(res.text).toContain('aria-invalid="true"');
    if (!('notes' in fields)) expect(res.text).toContain('Kept note');
    expect(await t.prisma.recording.count({ where: { userId } })).toBe(before);
  });

  it('reports problems in several fields at once', async () => {
    const res = await addRecording(agent, { title: '', isrc: 'nope', 'links[0][url]': 'javascript:x' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter the track title.');
    expect(res.text).toContain('An ISRC has 12 letters and digits');
    expect(res.text).toContain('links are refused');
  });

  it('never renders a refused link as a link', async () => {
    const res = await addRecording(agent, { 'links[0][url]': 'javascript:alert(document.cookie)' });
    expect(res.text).not.toContain('href="javascript:');
  });

  it('refuses fields posted as objects or repeated, without a 500', async () => {
    const csrf = csrfFrom(await agent.get('/recordings/new'));
    const res = await agent.post('/recordings').type('form').send(`_csrf=${csrf}&title[a]=1&artist=A&credits=oops&links[0]=x&credits[0][role]=StudioMusician`);
    expect(res.status).toBe(422);
    expect(t.errors).toEqual([]);
  });
});

describe('the CSV export', () => {
  it('lists every recording with formatted codes, roles, instruments, links and the session date, guarded against formulas', async () => {
    const { agent: a, userId: me } = await signUpWithId(t, 'Exporter');
    const gig = await t.prisma.gig.create({ data: { userId: me, date: '2025-02-03', title: 'Tracking' } });
    await makeRecording(t.prisma, me, {
      title: '=HYPERLINK("http://evil.example","x")', artist: 'Nadia Reyes', release: 'Kingfisher', releaseDate: '2025-06-01', isrc: 'USCK72500042',
      genres: 'pop, r&b', isPublic: true, gigId: gig.id,
      credits: [{ role: 'StudioMusician', instrument: 'Rhodes' }, { role: 'BackgroundVocalist' }],
      links: [{ kind: 'spotify', url: 'https://open.spotify.com/track/x' }, { kind: 'youtube', url: 'https://youtu.be/y' }],
    });
    await makeRecording(t.prisma, me, { title: 'Private one', isPublic: false, releaseDate: null, credits: [{ role: 'Programmer', instrument: 'Synthesizer' }] });
    const res = await a.get('/recordings/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="?recordings-\d{4}-\d{2}-\d{2}\.csv"?/);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const parsed = parseCsv(res.text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.table.headers).toEqual(['title', 'artist', 'release', 'release_type', 'label', 'release_date', 'isrc', 'iswc', 'roles', 'instruments', 'genres', 'links', 'public', 'session_date']);
    const rows = parsed.table.rows.map((r) => Object.fromEntries(parsed.table.headers.map((h, i) => [h, r.cells[i]])));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      title: `'=HYPERLINK("http://evil.example","x")`, artist: 'Nadia Reyes', isrc: 'US-CK7-25-00042', roles: 'Studio musician; Background vocalist',
      instruments: 'Rhodes', genres: 'pop, r&b', links: 'https://open.spotify.com/track/x https://youtu.be/y', public: 'yes', session_date: '2025-02-03',
    });
    expect(rows[1]).toMatchObject({ title: 'Private one', public: 'no', release_date: '', session_date: '', roles: 'Programmer', instruments: 'Synthesizer' });

    const filtered = await a.get('/recordings/export.csv?instrument=synthesizer');
    expect(filtered.text).toContain('Private one');
    expect(filtered.text).not.toContain('Nadia Reyes');
  });
});
