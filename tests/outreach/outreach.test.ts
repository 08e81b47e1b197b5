// The outreach log over HTTP: logging a contact (client picked, typed or just
// a contact name), the portfolio link checks, the follow-ups due in the
// musician's time zone, marking one handled, edit, delete, the CSV export,
// and another musician's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/lib/dates.ts';
import { csrfFrom, submitForm, type Agent } from '../support/app.ts';
import { signUpWithId } from '../recordings/helpers.ts';
import { listeningApp } from './helpers.ts';

let t: Awaited<ReturnType<typeof listeningApp>>;
let site: (typeof t)['site'];
let agent: Agent;
let userId: number;
let slug: string;
/** The Host the test requests carry ("127.0.0.1:54321"), as the app sees it. */
let host: string;
const today = todayIn('UTC');

beforeAll(async () => {
  t = await listeningApp();
  ({ site, host } = t);
  ({ agent, userId, slug } = await signUpWithId(site, 'Maya Okafor'));
});
afterAll(() => t.close());

const squash = (html: string) => html.replace(/\s+/g, ' ');

const entryForm = (fields: Record<string, string> = {}) => ({
  clientName: '',
  contactName: 'Alana Cho',
  contactedOn: today,
  channel: 'email',
  selection: '',
  followUpOn: '',
  outcome: '',
  notes: '',
  ...fields,
});

const logContact = (fields: Record<string, string> = {}, who: Agent = agent) => submitForm(who, '/outreach/new', '/outreach', entryForm(fields));
const entries = (where: Record<string, unknown> = {}) => t.prisma.outreachEntry.findMany({ where: { userId, ...where }, orderBy: { id: 'asc' } });
const lastEntry = async () => (await entries()).at(-1)!;

describe('logging a contact', () => {
  it('offers today and e-mail, the client pick list, and a link example with this site and the musician’s own page', async () => {
    await t.prisma.client.create({ data: { userId, name: 'Figtree Studios', kind: 'studio' } });
    const res = await agent.get('/outreach/new');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`name="contactedOn" value="${today}"`);
    expect(res.text).toMatch(/<option value="email"\s+selected>Email<\/option>/);
    expect(res.text).toContain('<datalist id="client-options">');
    expect(res.text).toContain('<option value="Figtree Studios"></option>');
    expect(res.text).toContain(`http://${host}/p/${slug}?instrument=…`);
  });

  it('logs a contact with a client typed as a new name, which joins the clients', async () => {
    const before = await t.prisma.client.count({ where: { userId } });
    const res = await logContact({ clientName: 'Blue Door Sound', contactName: 'Marcus Lee', channel: 'dm', followUpOn: addDays(today, 7), notes: 'Met at the panel.' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/outreach');
    const entry = await lastEntry();
    const client = await t.prisma.client.findFirstOrThrow({ where: { userId, name: 'Blue Door Sound' } });
    expect(entry).toMatchObject({ clientId: client.id, contactName: 'Marcus Lee', contactedOn: today, channel: 'dm', followUpOn: addDays(today, 7), outcome: '', notes: 'Met at the panel.' });
    expect(await t.prisma.client.count({ where: { userId } })).toBe(before + 1);
    const page = await agent.get('/outreach');
    expect(page.text).toContain('Logged. Blue Door Sound was added to your clients.');
  });

  it('picks an existing client by name whatever its case, without adding one', async () => {
    const before = await t.prisma.client.count({ where: { userId } });
    expect((await logContact({ clientName: 'figtree studios', contactName: '' })).status).toBe(303);
    const figtree = await t.prisma.client.findFirstOrThrow({ where: { userId, name: 'Figtree Studios' } });
    expect((await lastEntry()).clientId).toBe(figtree.id);
    expect(await t.prisma.client.count({ where: { userId } })).toBe(before);
  });

  it('logs just a contact name, with no client', async () => {
    expect((await logContact({ contactName: 'Sundial Post (trailers)' })).status).toBe(303);
    expect(await lastEntry()).toMatchObject({ clientId: null, contactName: 'Sundial Post (trailers)' });
  });

  it('stores the portfolio link as this musician’s own relative path, from an absolute URL on this host or a path', async () => {
    const cases: [string, string][] = [
      [`http://${host}/p/${slug}?instrument=Hammond%20Organ&genre=soul&utm_source=x#top`, `/p/${slug}?instrument=hammond%20organ&genre=soul`],
      [`https://${host.toUpperCase()}/p/${slug}/?role=Soloist&page=3`, `/p/${slug}?role=Soloist`],
      [`/p/${slug}?year=2025`, `/p/${slug}?year=2025`],
      [`${host}/p/${slug}`, `/p/${slug}`],
    ];
    for (const [typed, stored] of cases) {
      const res = await logContact({ selection: typed });
      expect(res.status, typed).toBe(303);
      expect((await lastEntry()).selection, typed).toBe(stored);
    }
  });

  it('pre-fills the link from the pitch page, and the client from ?clientId=', async () => {
    const link = `http://${host}/p/${slug}?instrument=rhodes`;
    const res = await agent.get(`/outreach/new?selection=${encodeURIComponent(link)}`);
    expect(res.text).toContain(`name="selection" value="${link}"`);
    const figtree = await t.prisma.client.findFirstOrThrow({ where: { userId, name: 'Figtree Studios' } });
    const withClient = await agent.get(`/outreach/new?clientId=${figtree.id}`);
    expect(withClient.text).toContain('name="clientName" value="Figtree Studios"');
    expect((await agent.get('/outreach/new?clientId=abc')).status).toBe(404);
  });
});

describe('refusals: the message beside the field, what was typed kept, nothing saved', () => {
  async function expectRefused(fields: Record<string, string>, field: string, message: string | RegExp) {
    const entriesBefore = await t.prisma.outreachEntry.count();
    const clientsBefore = await t.prisma.client.count();
    const res = await logContact(fields);
    expect(res.status).toBe(422);
    const html = squash(res.text);
    const error = new RegExp(`id="f-${field}-error">([^<]*)<`).exec(html);
    expect(error, `${field} error in:\n${html.slice(0, 3000)}`).not.toBeNull();
    if (typeof message === 'string') expect(error![1]).toContain(message);
    else expect(error![1]).toMatch(message);
    expect(html).toContain('role="alert"');
    expect(await t.prisma.outreachEntry.count()).toBe(entriesBefore);
    expect(await t.prisma.client.count()).toBe(clientsBefore);
    return html;
  }

  it('refuses a link to another musician’s portfolio, to another site, or to a page that is not a portfolio', async () => {
    const other = await signUpWithId(site, 'Theo Brandt');
    const html = await expectRefused({ clientName: 'Kept Studio Name', selection: `http://${host}/p/${other.slug}?instrument=keys` }, 'selection', `yours is at /p/${slug}`);
    // What was typed is kept, the new client name too (and the client was not created).
    expect(html).toContain(`value="http://${host}/p/${other.slug}?instrument=keys"`);
    expect(html).toContain('value="Kept Studio Name"');
    await expectRefused({ selection: `https://evil.example/p/${slug}` }, 'selection', 'not to this site');
    await expectRefused({ selection: `https://${host.replace(':', '.evil.example:')}/p/${slug}` }, 'selection', 'not to this site');
    await expectRefused({ selection: `https://user:pw@${host}/p/${slug}` }, 'selection', 'not to this site');
    await expectRefused({ selection: `/p/${other.slug}` }, 'selection', 'isn’t to your portfolio');
    await expectRefused({ selection: `/gigs/1` }, 'selection', 'not a link to a public portfolio');
    await expectRefused({ selection: `/p/${slug}/extra` }, 'selection', 'not a link to a public portfolio');
    await expectRefused({ selection: `//evil.example/p/${slug}` }, 'selection', /not to this site|doesn’t look like a link/);
    await expectRefused({ selection: 'javascript:alert(1)' }, 'selection', 'Only a link to your public portfolio');
    await expectRefused({ selection: `/p/${slug}?role=Drummer` }, 'selection', 'Ignored the role');
    await expectRefused({ selection: `/p/${slug} extra` }, 'selection', 'no spaces');
  });

  it('refuses a follow-up before the contact, a contact in the future, and an unreadable date', async () => {
    await expectRefused({ contactedOn: addDays(today, -3), followUpOn: addDays(today, -4) }, 'followUpOn', 'can’t be before the day you contacted them');
    await expectRefused({ contactedOn: addDays(today, 2) }, 'contactedOn', 'can’t be in the future');
    await expectRefused({ contactedOn: '2026-02-30' }, 'contactedOn', 'real date');
    await expectRefused({ followUpOn: 'next week' }, 'followUpOn', 'real date');
  });

  it('refuses an entry with nobody named, an unknown channel, and over-long fields', async () => {
    await expectRefused({ contactName: '', clientName: '' }, 'clientName', 'Who did you contact?');
    await expectRefused({ channel: 'carrier_pigeon' }, 'channel', 'Choose how you contacted them.');
    await expectRefused({ outcome: 'x'.repeat(201) }, 'outcome', 'at most 200 characters');
    await expectRefused({ contactName: 'x'.repeat(121) }, 'contactName', 'at most 120 characters');
    await expectRefused({ clientName: 'x'.repeat(121) }, 'clientName', 'at most 120 characters');
    await expectRefused({ notes: 'x'.repeat(5001) }, 'notes', 'at most 5,000 characters');
    await expectRefused({ selection: `/p/${slug}?artist=${'a'.repeat(520)}` }, 'selection', 'at most 500 characters');
  });

  it('refuses another musician’s client id, creating nothing', async () => {
    const other = await signUpWithId(site, 'Client Owner');
    const theirs = await t.prisma.client.create({ data: { userId: other.userId, name: 'Their Studio' } });
    const html = await expectRefused({ clientId: String(theirs.id), clientName: '', contactName: 'Someone' }, 'clientName', 'not in your list');
    expect(html).not.toContain('Their Studio');
  });
});

describe('the log', () => {
  let mine: { agent: Agent; userId: number; slug: string };
  beforeAll(async () => {
    mine = await signUpWithId(site, 'Log Reader');
    const client = await t.prisma.client.create({ data: { userId: mine.userId, name: 'Kingsway <Studio>', kind: 'studio' } });
    await t.prisma.recording.create({
      data: { userId: mine.userId, title: 'Organ song', artist: 'June', isPublic: true, credits: { create: [{ userId: mine.userId, role: 'StudioMusician', instrument: 'Hammond Organ' }] } },
    });
    const data = [
      { contactedOn: '2026-01-05', contactName: 'Harriet Cole', clientId: client.id, channel: 'dm', selection: `/p/${mine.slug}?instrument=hammond%20organ&genre=soul`, outcome: 'Became a regular client', notes: 'Sent three Rhodes parts.' },
      { contactedOn: '2026-03-01', contactName: 'Alana Cho (Figtree)', channel: 'in_person', selection: `/p/${mine.slug}`, outcome: '', notes: 'Asked for organ on soul 100% & more_' },
      { contactedOn: '2026-02-10', contactName: 'Old address', channel: 'email', selection: '/p/previous-slug?year=2024', outcome: 'No reply', notes: '' },
    ];
    for (const d of data) await t.prisma.outreachEntry.create({ data: { userId: mine.userId, ...d } });
  });

  it('lists every contact newest first, with who, channel, the selection sent as a link with its label, follow-up and outcome', async () => {
    const res = await mine.agent.get('/outreach');
    expect(res.status).toBe(200);
    const html = squash(res.text);
    expect(html).toContain('<strong>3</strong> contacts');
    const order = ['Alana Cho (Figtree)', 'Old address', 'Kingsway &lt;Studio&gt;'].map((s) => html.indexOf(s, html.indexOf('outreach-table')));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toMatch(/<a href="\/clients\/\d+">Kingsway &lt;Studio&gt;<\/a>/);
    expect(html).toContain('Harriet Cole');
    expect(html).toContain('Direct message');
    expect(html).toContain(`<a href="/p/${mine.slug}?instrument=hammond%20organ&amp;genre=soul">Hammond Organ · soul</a>`);
    expect(html).toContain(`<a href="/p/${mine.slug}">All public recordings</a>`);
    expect(html).toContain('2024</a> <span class="muted">(old address)</span>');
    expect(html).toContain('Became a regular client');
    expect(html).toContain('Waiting');
  });

  it('filters by answer and searches contact, client and notes (with % and _ taken literally)', async () => {
    const names = async (query: string) => {
      const html = squash((await mine.agent.get(`/outreach${query}`)).text);
      const table = html.slice(html.indexOf('outreach-table'));
      return ['Alana Cho', 'Old address', 'Kingsway'].filter((n) => table.includes(n));
    };
    expect(await names('?state=open')).toEqual(['Alana Cho']);
    expect(await names('?state=answered')).toEqual(['Old address', 'Kingsway']);
    expect(await names('?q=kingsway')).toEqual(['Kingsway']);
    expect(await names('?q=harriet')).toEqual(['Kingsway']);
    expect(await names('?q=rhodes%20parts')).toEqual(['Kingsway']);
    expect(await names('?q=100%25')).toEqual(['Alana Cho']);
    expect(await names('?q=_')).toEqual(['Alana Cho']);
    expect(await names('?q=%25')).toEqual(['Alana Cho']);
    expect(await names('?state=answered&q=reply')).toEqual(['Old address']);
    expect(squash((await mine.agent.get('/outreach?q=nobody')).text)).toContain('No outreach matches.');
    // Junk in the URL is ignored, never an error.
    expect((await mine.agent.get('/outreach?state=maybe&page=-4&q[]=x')).status).toBe(200);
  });

  it('pages 50 at a time', async () => {
    const many = await signUpWithId(site, 'Busy Sender');
    await t.prisma.outreachEntry.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({ userId: many.userId, contactName: `Studio ${String(i + 1).padStart(2, '0')}`, contactedOn: addDays('2026-01-01', i) })),
    });
    const first = squash((await many.agent.get('/outreach')).text);
    expect(first).toContain('page 1 of 2');
    expect(first).toContain('Studio 55');
    expect(first).not.toContain('Studio 05<');
    expect(first).toContain('href="/outreach?page=2" rel="next"');
    const second = squash((await many.agent.get('/outreach?page=2')).text);
    expect(second).toContain('Studio 05<');
    expect(second).not.toContain('Studio 06<');
    expect(squash((await many.agent.get('/outreach?page=9')).text)).toContain('page 2 of 2');
  });

  it('shows a first-time page that points to the pitch', async () => {
    const fresh = await signUpWithId(site, 'Newcomer');
    const html = squash((await fresh.agent.get('/outreach')).text);
    expect(html).toContain('No outreach logged yet.');
    expect(html).toContain('href="/outreach/pitch"');
    expect(html).toContain('Nothing to follow up today.');
  });

  it('exports the filtered log as CSV with full links, formula-guarded', async () => {
    await t.prisma.outreachEntry.create({ data: { userId: mine.userId, contactName: '=HYPERLINK("http://x")', contactedOn: '2025-12-01', outcome: 'Booked, for March' } });
    const res = await mine.agent.get('/outreach/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="?outreach-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = res.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('contacted_on,client,contact,channel,selection,portfolio_link,follow_up_on,outcome,notes');
    expect(lines[1]).toBe(`2026-03-01,,Alana Cho (Figtree),In person,All public recordings,http://${host}/p/${mine.slug},,,Asked for organ on soul 100% & more_`);
    expect(res.text).toContain(`2026-01-05,Kingsway <Studio>,Harriet Cole,Direct message,Hammond Organ · soul,http://${host}/p/${mine.slug}?instrument=hammond%20organ&genre=soul,,Became a regular client,Sent three Rhodes parts.`);
    expect(res.text).toContain(`2025-12-01,,"'=HYPERLINK(""http://x"")",Email,,,,"Booked, for March",`);
    const open = (await mine.agent.get('/outreach/export.csv?state=open')).text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(open).toHaveLength(2);
  });
});

describe('follow-ups due', () => {
  it('lists open follow-ups due on or before the musician’s today, overdue ones marked, and what is coming up', async () => {
    const s = await signUpWithId(site, 'Follower');
    const day = (n: number) => addDays(todayIn('UTC'), n);
    const rows = [
      { contactName: 'Overdue Studio', contactedOn: day(-20), followUpOn: day(-3), outcome: '', channel: 'in_person' },
      { contactName: 'Today Studio', contactedOn: day(-10), followUpOn: day(0), outcome: '' },
      { contactName: 'Answered Studio', contactedOn: day(-10), followUpOn: day(-2), outcome: 'No reply' },
      { contactName: 'Later Studio', contactedOn: day(-1), followUpOn: day(5), outcome: '' },
      { contactName: 'No Date Studio', contactedOn: day(-1), followUpOn: null, outcome: '' },
    ];
    for (const r of rows) await t.prisma.outreachEntry.create({ data: { userId: s.userId, ...r } });
    const html = squash((await s.agent.get('/outreach')).text);
    const due = html.slice(html.indexOf('id="due-heading"'), html.indexOf('outreach-filters'));
    expect(due).toContain('Follow-ups due <span class="outreach-due__count">(2)</span>');
    expect(due).toContain('Overdue Studio');
    expect(due).toMatch(/Overdue Studio.*Overdue by 3 days.*in person.*Today Studio.*Due today/);
    expect(due).toContain('outreach-due__item--overdue');
    expect(due).not.toContain('Answered Studio');
    expect(due).not.toContain('No Date Studio');
    expect(due).toMatch(/Coming up.*Later Studio/);
    expect(due).toMatch(/Contacted \w{3}, \d+ \w{3} \d{4} by email/);
  });

  it('decides "today" in the musician’s time zone', async () => {
    const s = await signUpWithId(site, 'Zone Traveller');
    // Kiritimati (UTC+14) is always a day or two ahead of Pago Pago (UTC−11).
    const ahead = todayIn('Pacific/Kiritimati');
    await t.prisma.outreachEntry.create({ data: { userId: s.userId, contactName: 'Island Studio', contactedOn: addDays(ahead, -7), followUpOn: ahead } });
    const dueBlock = async () => {
      const html = squash((await s.agent.get('/outreach')).text);
      return html.slice(html.indexOf('id="due-heading"'), html.indexOf('outreach-filters'));
    };
    await t.prisma.user.update({ where: { id: s.userId }, data: { timeZone: 'Pacific/Kiritimati' } });
    expect(await dueBlock()).toMatch(/Island Studio.*Due today/);
    await t.prisma.user.update({ where: { id: s.userId }, data: { timeZone: 'Pacific/Pago_Pago' } });
    const behind = await dueBlock();
    expect(behind).toContain('Nothing to follow up today.');
    expect(behind).toMatch(/Coming up.*Island Studio/);
  });

  it('marks a follow-up handled with a short outcome, back to the log with its filters', async () => {
    const s = await signUpWithId(site, 'Closer');
    const entry = await t.prisma.outreachEntry.create({ data: { userId: s.userId, contactName: 'Waiting Studio', contactedOn: addDays(today, -9), followUpOn: addDays(today, -1) } });
    const res = await submitForm(s.agent, '/outreach', `/outreach/${entry.id}/done`, { outcome: 'Booked for March', returnTo: '/outreach?state=open' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/outreach?state=open');
    expect((await t.prisma.outreachEntry.findUniqueOrThrow({ where: { id: entry.id } })).outcome).toBe('Booked for March');
    const html = squash((await s.agent.get('/outreach')).text);
    expect(html).toContain('Follow-up with Waiting Studio marked handled: “Booked for March”.');
    expect(html).toContain('Nothing to follow up today.');
  });

  it('asks again for an outcome when it is missing or too long, changing nothing; never redirects off-site', async () => {
    const s = await signUpWithId(site, 'Forgetful');
    const entry = await t.prisma.outreachEntry.create({ data: { userId: s.userId, contactName: 'Quiet Studio', contactedOn: addDays(today, -9), followUpOn: addDays(today, -1) } });
    for (const outcome of ['', '   ', 'x'.repeat(201)]) {
      const res = await submitForm(s.agent, '/outreach', `/outreach/${entry.id}/done`, { outcome });
      expect(res.status).toBe(422);
      const html = squash(res.text);
      expect(html).toContain('Quiet Studio');
      expect(html).toMatch(/id="f-outcome-error">(Write a short outcome|Outcome can be at most 200)/);
      expect((await t.prisma.outreachEntry.findUniqueOrThrow({ where: { id: entry.id } })).outcome).toBe('');
    }
    const res = await submitForm(s.agent, '/outreach', `/outreach/${entry.id}/done`, { outcome: 'No reply', returnTo: 'https://evil.example/' });
    expect(res.headers.location).toBe('/outreach');
  });
});

describe('edit and delete', () => {
  it('edits an entry: the form shows the full link, saving keeps it as a path', async () => {
    const s = await signUpWithId(site, 'Editor');
    const entry = await t.prisma.outreachEntry.create({ data: { userId: s.userId, contactName: 'First Name', contactedOn: '2026-05-01', selection: `/p/${s.slug}?instrument=rhodes` } });
    const form = await s.agent.get(`/outreach/${entry.id}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`value="http://${host}/p/${s.slug}?instrument=rhodes"`);
    expect(form.text).toContain(`href="/outreach/${entry.id}/delete"`);
    const res = await submitForm(s.agent, `/outreach/${entry.id}/edit`, `/outreach/${entry.id}`, entryForm({
      contactName: 'Second Name', contactedOn: '2026-05-01', selection: `http://${host}/p/${s.slug}?instrument=rhodes`, followUpOn: '2026-05-01', outcome: 'Booked',
    }));
    expect(res.status).toBe(303);
    expect(await t.prisma.outreachEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      contactName: 'Second Name', selection: `/p/${s.slug}?instrument=rhodes`, followUpOn: '2026-05-01', outcome: 'Booked',
    });
    // A refused edit changes nothing.
    const refused = await submitForm(s.agent, `/outreach/${entry.id}/edit`, `/outreach/${entry.id}`, entryForm({ contactName: 'Third', contactedOn: '2026-05-01', followUpOn: '2026-04-01' }));
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('value="Third"');
    expect((await t.prisma.outreachEntry.findUniqueOrThrow({ where: { id: entry.id } })).contactName).toBe('Second Name');
    expect((await s.agent.get('/outreach/0/edit')).status).toBe(404);
    expect((await s.agent.get('/outreach/abc/edit')).status).toBe(404);
  });

  it('asks before deleting, then deletes only the entry (the client stays)', async () => {
    const s = await signUpWithId(site, 'Deleter');
    const client = await t.prisma.client.create({ data: { userId: s.userId, name: 'Staying Studio' } });
    const entry = await t.prisma.outreachEntry.create({ data: { userId: s.userId, clientId: client.id, contactName: 'Pat', contactedOn: '2026-05-01', outcome: 'No reply' } });
    const page = await s.agent.get(`/outreach/${entry.id}/delete`);
    expect(page.status).toBe(200);
    expect(squash(page.text)).toContain('Delete this outreach entry?');
    expect(squash(page.text)).toContain('Staying Studio stays in your clients.');
    const res = await s.agent.post(`/outreach/${entry.id}/delete`).type('form').send({ _csrf: csrfFrom(page) });
    expect(res.status).toBe(303);
    expect(await t.prisma.outreachEntry.count({ where: { id: entry.id } })).toBe(0);
    expect(await t.prisma.client.count({ where: { id: client.id } })).toBe(1);
  });
});

describe('escaping', () => {
  it('shows hostile names, notes and outcomes as text on every outreach page', async () => {
    const s = await signUpWithId(site, 'Escaper');
    const hostile = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
    for (const h of hostile) {
      const res = await submitForm(s.agent, '/outreach/new', '/outreach', entryForm({ clientName: `${h} Studio`, contactName: h, contactedOn: addDays(today, -2), followUpOn: addDays(today, -1), notes: h }));
      expect(res.status).toBe(303);
    }
    const ids = (await t.prisma.outreachEntry.findMany({ where: { userId: s.userId }, select: { id: true } })).map((e) => e.id);
    const pages = ['/outreach', '/outreach?q=%3Cscript%3E', '/outreach/new', ...ids.flatMap((id) => [`/outreach/${id}/edit`, `/outreach/${id}/delete`])];
    const refused = await submitForm(s.agent, '/outreach', `/outreach/${ids[0]}/done`, { outcome: '' });
    const rejectedForm = await submitForm(s.agent, '/outreach/new', '/outreach', entryForm({ contactName: hostile[0], selection: hostile[1] }));
    expect(rejectedForm.status).toBe(422);
    const texts = [refused.text, rejectedForm.text];
    for (const path of pages) texts.push((await s.agent.get(path)).text);
    for (const html of texts) {
      for (const h of hostile) expect(html).not.toContain(h);
      expect(html).not.toMatch(/<img src=x/);
    }
    expect(texts.join('')).toContain('&lt;script&gt;');
  });
});

describe('another musician', () => {
  it('never sees my entries in their log, follow-ups or export', async () => {
    const me = await signUpWithId(site, 'Private Sender');
    await t.prisma.outreachEntry.create({ data: { userId: me.userId, contactName: 'SECRET-CONTACT', contactedOn: addDays(today, -5), followUpOn: addDays(today, -1), notes: 'SECRET-NOTE' } });
    const other = await signUpWithId(site, 'Nosy Neighbour');
    for (const path of ['/outreach', '/outreach?q=SECRET', '/outreach/export.csv']) {
      const res = await other.agent.get(path);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('SECRET-CONTACT');
      expect(res.text).not.toContain('SECRET-NOTE');
    }
  });

  it('needs a session', async () => {
    const anonymous = (await import('supertest')).default(t.server);
    const res = await anonymous.get('/outreach');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signin?next=%2Foutreach');
  });
});
