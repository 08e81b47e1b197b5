import ICAL from 'ical.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMonth } from '../../src/calendar/month.ts';
import { addDays, todayIn } from '../../src/lib/dates.ts';
import { cookiesOf, signUp, submitForm, testApp, type Agent } from '../support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let maya: { agent: Agent; id: number };
let other: { agent: Agent; id: number };
const LA = 'America/Los_Angeles';
const gigs: Record<string, number> = {};
// Fixed dates in 2036 (US DST began on 9 March 2036) stay inside the feed's window for years.

const ROUND_TRIP = {
  title: 'Strings, horns; & "choir" 🎻',
  location: 'Café Müller, Berlin; Room 2',
  notes: 'Line one\nLine two, with a comma; a semicolon \\ and a backslash 🎺🥁\nParking: round the back',
};

beforeAll(async () => {
  t = await testApp();
  const idOf = async (email: string) => (await t.prisma.user.findUniqueOrThrow({ where: { email } })).id;
  const a = await signUp(t.app, 'Maya Okafor');
  const b = await signUp(t.app, 'Other Player');
  maya = { agent: a.agent, id: await idOf(a.email) };
  other = { agent: b.agent, id: await idOf(b.email) };
  await t.prisma.user.update({ where: { id: maya.id }, data: { timeZone: LA } });

  const sunset = await t.prisma.client.create({ data: { userId: maya.id, name: 'Sunset Sound', kind: 'studio' } });
  const blueNote = await t.prisma.client.create({ data: { userId: maya.id, name: 'Blue Note', kind: 'other' } });
  const gig = async (key: string, data: Record<string, unknown>, userId = maya.id) => {
    gigs[key] = (await t.prisma.gig.create({ data: { userId, date: '2036-03-01', ...data } })).id;
  };
  await gig('tracking', { date: '2036-03-10', startTime: '10:00', durationMinutes: 90, status: 'booked', title: 'Album tracking', clientId: sunset.id, instruments: 'piano, Wurlitzer' });
  await gig('hold', { date: '2036-03-14', status: 'hold', artist: 'Neon Harbour' });
  await gig('done', { date: '2036-03-20', startTime: '19:00', status: 'done', clientId: blueNote.id });
  await gig('cancelled', { date: '2036-03-25', startTime: '20:00', status: 'cancelled', title: 'Jazz brunch', clientId: blueNote.id });
  await gig('roundTrip', { date: '2036-03-27', startTime: '09:00', durationMinutes: 240, ...ROUND_TRIP, clientId: sunset.id });
  await gig('hostile', { date: '2036-03-28', title: '<script>alert(1)</script>' });
  await gig('april', { date: '2036-04-01', startTime: '11:00', title: 'April session' });
  await gig('february', { date: '2036-02-29', title: 'February session' });
  await gig('ancient', { date: addDays(todayIn(LA), -400), title: 'Ancient session' });
  await gig('future', { date: addDays(todayIn(LA), 200), startTime: '14:00', title: 'Future session' });
  await gig('today', { date: todayIn(LA), startTime: '12:00', title: 'Session today' });
  await gig('othersGig', { date: '2036-03-12', title: 'Somebody else’s secret session' }, other.id);
});
afterAll(() => t.close());

const tokenOf = async (userId: number) => (await t.prisma.user.findUniqueOrThrow({ where: { id: userId } })).calendarToken;
const feedAction = (agent: Agent, action: string) => submitForm(agent, '/calendar', '/calendar/feed', { action });

/** The <a> of one gig in the month grid. */
function gridLink(html: string, id: number) {
  const match = new RegExp(`<a class="cal-gig cal-gig--(\\w+)" href="/gigs/${id}">([\\s\\S]*?)</a>`).exec(html);
  if (!match) return null;
  return { status: match[1], text: match[2].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() };
}

describe('the month grid', () => {
  it('starts weeks on Monday and covers the whole month', () => {
    const view = buildMonth('2026-03', [], '2026-03-18');
    // 1 March 2026 is a Sunday: the first week starts on Monday 23 February.
    expect(view.weeks[0].map((d) => d.date)).toEqual(['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01']);
    expect(view.weeks.at(-1)!.at(-1)!.date).toBe('2026-04-05');
    expect(view.weeks.every((w) => w.length === 7)).toBe(true);
    expect(view.weeks.flat().filter((d) => d.inMonth)).toHaveLength(31);
    expect(view.weeks.flat().filter((d) => d.isToday).map((d) => d.date)).toEqual(['2026-03-18']);
    expect(view.prev?.month).toBe('2026-02');
    expect(view.next?.month).toBe('2026-04');
  });

  it('offers no link past the supported years', () => {
    expect(buildMonth('1900-01', [], '2026-03-18').prev).toBeNull();
    expect(buildMonth('2200-12', [], '2026-03-18').next).toBeNull();
  });
});

describe('GET /calendar', () => {
  it('sends visitors who are not signed in to sign in', async () => {
    const res = await request(t.app).get('/calendar?month=2036-03');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signin?next=%2Fcalendar%3Fmonth%3D2036-03');
  });

  it("shows that month's gigs only, each linked, timed and labelled with its status", async () => {
    const res = await maya.agent.get('/calendar?month=2036-03');
    expect(res.status).toBe(200);
    expect(res.text).toContain('March 2036');
    expect(gridLink(res.text, gigs.tracking)).toEqual({ status: 'booked', text: 'Booked 10:00 Album tracking' });
    // No title: the artist, then the client, names the gig.
    expect(gridLink(res.text, gigs.hold)).toEqual({ status: 'hold', text: 'Hold Neon Harbour' });
    expect(gridLink(res.text, gigs.done)).toEqual({ status: 'done', text: 'Done 19:00 Blue Note' });
    expect(gridLink(res.text, gigs.cancelled)).toEqual({ status: 'cancelled', text: 'Cancelled 20:00 Jazz brunch' });
    expect(gridLink(res.text, gigs.april)).toBeNull();
    expect(gridLink(res.text, gigs.february)).toBeNull();
    expect(res.text).not.toContain('April session');
    expect(res.text).not.toContain('February session');
    // The agenda for small screens has the same gigs with their end times.
    expect(res.text).toContain('10:00–11:30');
    expect(res.text).toMatch(/class="cal-entry cal-gig--hold" href="\/gigs\/\d+">\s*<span class="cal-entry__time">All day<\/span>/);
    // The key, the counts and the month links.
    for (const word of ['Hold', 'Booked', 'Done', 'Cancelled']) expect(res.text).toContain(`<span class="cal-gig__status">${word}</span>`);
    expect(res.text).toContain('6 gigs: 1 hold, 3 booked, 1 done, 1 cancelled.');
    expect(res.text).toContain('href="/calendar?month=2036-02" rel="prev"');
    expect(res.text).toContain('href="/calendar?month=2036-04" rel="next"');
  });

  it("never shows another musician's gigs", async () => {
    const mine = await maya.agent.get('/calendar?month=2036-03');
    expect(mine.text).not.toContain('secret session');
    expect(mine.text).not.toContain(`/gigs/${gigs.othersGig}"`);
    const theirs = await other.agent.get('/calendar?month=2036-03');
    expect(theirs.text).toContain('Somebody else’s secret session');
    expect(theirs.text).not.toContain('Album tracking');
    expect(theirs.text).not.toContain('Neon Harbour');
  });

  it('escapes gig text', async () => {
    const res = await maya.agent.get('/calendar?month=2036-03');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it("opens on the current month in the musician's time zone, with today marked", async () => {
    const today = todayIn(LA);
    const res = await maya.agent.get('/calendar');
    expect(res.status).toBe(200);
    const label = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${today}T00:00:00Z`));
    expect(res.text).toContain(label);
    expect(res.text).toMatch(new RegExp(`<td class="cal-day cal-day--today[^"]*" aria-current="date">\\s*<div class="cal-day__head">\\s*<time class="cal-day__num" datetime="${today}">`));
    expect(gridLink(res.text, gigs.today)?.text).toBe('Booked 12:00 Session today');
    expect(res.text).not.toContain('This month</a>');
    expect((await maya.agent.get('/calendar?month=2036-03')).text).toContain('This month</a>');
  });

  it.each(['2026-13', '2026-3', 'march', '1899-12', '2036-03-01', '<b>x</b>'])('falls back to this month with a message for month=%s', async (month) => {
    const res = await maya.agent.get(`/calendar?month=${encodeURIComponent(month)}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('couldn&#39;t read that month');
    expect(res.text).toContain(`datetime="${todayIn(LA)}"`);
    expect(res.text).not.toContain('<b>x</b>');
  });

  it('copes with a repeated month parameter', async () => {
    const res = await maya.agent.get('/calendar?month=2036-03&month=2036-04');
    expect(res.status).toBe(200);
    expect(res.text).toContain('couldn&#39;t read that month');
  });
});

describe('the calendar feed', () => {
  it('starts off, and an unknown or malformed token is a 404', async () => {
    expect(await tokenOf(maya.id)).toBeNull();
    const page = await maya.agent.get('/calendar');
    expect(page.text).toContain('Create feed link');
    expect(page.text).not.toContain('/calendar/feed/');
    expect((await request(t.app).get(`/calendar/feed/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await request(t.app).get('/calendar/feed/short.ics')).status).toBe(404);
    // Not the feed's shape at all: an ordinary signed-in page that does not exist.
    expect((await maya.agent.get('/calendar/feed/.ics')).status).toBe(404);
  });

  it('refuses an unknown action with a message and changes nothing', async () => {
    const res = await feedAction(maya.agent, 'explode');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose what to do with the feed link.');
    expect(await tokenOf(maya.id)).toBeNull();
  });

  it('creates a secret link, shown in full with how to subscribe', async () => {
    const res = await feedAction(maya.agent, 'create');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/calendar#feed');
    const token = await tokenOf(maya.id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const page = await maya.agent.get('/calendar');
    expect(page.text).toContain('Your feed link is ready');
    expect(page.text).toMatch(new RegExp(`<input type="text" id="feed-url" class="cal-feed__url" value="http://127\\.0\\.0\\.1:\\d+/calendar/feed/${token}\\.ics" readonly`));
    expect(page.text).toMatch(new RegExp(`href="webcal://127\\.0\\.0\\.1:\\d+/calendar/feed/${token}\\.ics"`));
    expect(page.text).toContain('Google Calendar');
    expect(page.text).toContain('Replace link (the old one stops working)');
    expect(page.text).toContain('Turn off');
    // "Create" again keeps the working link.
    await feedAction(maya.agent, 'create');
    expect(await tokenOf(maya.id)).toBe(token);
  });

  it('serves iCalendar without a session and without setting cookies', async () => {
    const token = await tokenOf(maya.id);
    const anonymous = await request(t.app).get(`/calendar/feed/${token}.ics`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(anonymous.headers['set-cookie']).toBeUndefined();
    // Opened in a signed-in browser, it still sets nothing.
    const signedIn = await maya.agent.get(`/calendar/feed/${token}.ics`);
    expect(signedIn.status).toBe(200);
    expect(cookiesOf(signedIn)).toBe('');
    // CRLF everywhere, no line over 75 octets.
    expect(anonymous.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of anonymous.text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('is read by ical.js with the right events, times, statuses and text', async () => {
    const res = await request(t.app).get(`/calendar/feed/${await tokenOf(maya.id)}.ics`);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Ledger Lines//Gig calendar//EN');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Gigs · Maya Okafor');

    const events = new Map(calendar.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return [e.uid, e] as const;
    }));
    const event = (key: string) => {
      const e = events.get(`gig-${gigs[key]}@ledger-lines`);
      if (!e) throw new Error(`no event for ${key}`);
      return {
        summary: e.summary,
        allDay: e.startDate.isDate,
        start: e.startDate.isDate ? e.startDate.toString() : e.startDate.toJSDate().toISOString(),
        end: e.endDate.isDate ? e.endDate.toString() : e.endDate.toJSDate().toISOString(),
        status: e.component.getFirstPropertyValue('status'),
      };
    };

    // 10:00 in Los Angeles on 10 March 2036 is PDT (UTC−7): DST began on 9 March.
    expect(event('tracking')).toEqual({ summary: 'Album tracking — Sunset Sound', allDay: false, start: '2036-03-10T17:00:00.000Z', end: '2036-03-10T18:30:00.000Z', status: 'CONFIRMED' });
    expect(event('hold')).toEqual({ summary: 'HOLD: Neon Harbour', allDay: true, start: '2036-03-14', end: '2036-03-15', status: 'TENTATIVE' });
    // No duration: 3 hours, across midnight UTC.
    expect(event('done')).toEqual({ summary: 'Studio session — Blue Note', allDay: false, start: '2036-03-21T02:00:00.000Z', end: '2036-03-21T05:00:00.000Z', status: 'CONFIRMED' });
    expect(event('cancelled')).toEqual({ summary: 'CANCELLED: Jazz brunch — Blue Note', allDay: false, start: '2036-03-26T03:00:00.000Z', end: '2036-03-26T06:00:00.000Z', status: 'CANCELLED' });
    expect(events.get(`gig-${gigs.tracking}@ledger-lines`)!.description).toBe('Instruments: piano, Wurlitzer');

    // From a year back onwards, and only this musician's gigs.
    expect(events.has(`gig-${gigs.future}@ledger-lines`)).toBe(true);
    expect(events.has(`gig-${gigs.ancient}@ledger-lines`)).toBe(false);
    expect(events.has(`gig-${gigs.othersGig}@ledger-lines`)).toBe(false);
    expect(res.text).not.toContain('secret session');

    // Commas, semicolons, backslashes, newlines and emoji survive escaping and folding.
    const roundTrip = events.get(`gig-${gigs.roundTrip}@ledger-lines`)!;
    expect(roundTrip.summary).toBe(`${ROUND_TRIP.title} — Sunset Sound`);
    expect(roundTrip.location).toBe(ROUND_TRIP.location);
    expect(roundTrip.description).toBe(ROUND_TRIP.notes);
    expect(roundTrip.component.getFirstPropertyValue('url')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/gigs/${gigs.roundTrip}$`));
    // DTSTAMP is the gig's last change, in UTC.
    const stamp = roundTrip.component.getFirstPropertyValue('dtstamp') as InstanceType<typeof ICAL.Time>;
    const updatedAt = (await t.prisma.gig.findUniqueOrThrow({ where: { id: gigs.roundTrip } })).updatedAt;
    expect(stamp.toJSDate().toISOString()).toBe(new Date(Math.floor(updatedAt.getTime() / 1000) * 1000).toISOString());
  });

  it('leaves gig notes out of the feed when asked, and puts them back', async () => {
    const feed = async () => (await request(t.app).get(`/calendar/feed/${await tokenOf(maya.id)}.ics`)).text.replace(/\r\n[ \t]/g, '');
    expect(await feed()).toContain('Parking: round the back');
    expect((await maya.agent.get('/calendar')).text).toContain('Leave notes out of the feed');

    const off = await feedAction(maya.agent, 'notes_off');
    expect(off.status).toBe(303);
    const without = await feed();
    expect(without).not.toContain('Parking: round the back');
    expect(without).toContain('Instruments: piano'); // the rest of the event stays
    const page = (await maya.agent.get('/calendar')).text;
    expect(page).toContain('Gig notes are left out of the feed');
    expect(page).toContain('Put notes in the feed');

    await feedAction(maya.agent, 'notes_on');
    expect(await feed()).toContain('Parking: round the back');
  });

  it('replaces the link: the old one 404s, the new one works', async () => {
    const old = await tokenOf(maya.id);
    const res = await feedAction(maya.agent, 'rotate');
    expect(res.status).toBe(303);
    const fresh = await tokenOf(maya.id);
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh).not.toBe(old);
    expect((await request(t.app).get(`/calendar/feed/${old}.ics`)).status).toBe(404);
    expect((await request(t.app).get(`/calendar/feed/${fresh}.ics`)).status).toBe(200);
    expect((await maya.agent.get('/calendar')).text).toContain('The old link has stopped working');
  });

  it("keeps each musician's link their own", async () => {
    const mayas = await tokenOf(maya.id);
    await feedAction(other.agent, 'create');
    await feedAction(other.agent, 'revoke');
    expect(await tokenOf(maya.id)).toBe(mayas);
    expect(await tokenOf(other.id)).toBeNull();
  });

  it('turns the feed off', async () => {
    const token = await tokenOf(maya.id);
    const res = await feedAction(maya.agent, 'revoke');
    expect(res.status).toBe(303);
    expect(await tokenOf(maya.id)).toBeNull();
    expect((await request(t.app).get(`/calendar/feed/${token}.ics`)).status).toBe(404);
    const page = await maya.agent.get('/calendar');
    expect(page.text).toContain('Feed turned off');
    expect(page.text).toContain('Create feed link');
  });

  it('refuses the feed actions to visitors who are not signed in', async () => {
    const agent = request.agent(t.app);
    const res = await submitForm(agent, '/signin', '/calendar/feed', { action: 'create' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signin');
  });
});
