import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  buildCalendar,
  CRLF,
  escapeText,
  foldLine,
  formatUtcDateTime,
  gigSummary,
  gigTimes,
  zonedTimeToUtc,
  zoneOffsetMs,
  type FeedGig,
} from '../../src/calendar/ical.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const octets = (s: string) => Buffer.byteLength(s, 'utf8');
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');

function gig(overrides: Partial<FeedGig> = {}): FeedGig {
  return {
    id: 7,
    date: '2026-03-10',
    startTime: '10:00',
    durationMinutes: 180,
    status: 'booked',
    kindLabel: 'Studio session',
    title: 'Album tracking',
    artist: '',
    location: '',
    instruments: '',
    notes: '',
    clientName: 'Sunset Sound',
    updatedAt: new Date('2026-02-01T12:34:56.789Z'),
    ...overrides,
  };
}

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and newlines (RFC 5545 §3.3.11)', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(escapeText('one\ntwo\r\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour');
  });

  it('leaves colons, quotes and non-ASCII alone, and drops control characters', () => {
    expect(escapeText('Studio A: "Live" — café 🎹')).toBe('Studio A: "Live" — café 🎹');
    expect(escapeText('bell\u0007 tab\there')).toBe('bell tab\there');
  });

  it('escapes a backslash before the characters it would otherwise escape', () => {
    // "\," typed by a user must stay a backslash followed by a comma.
    expect(escapeText('\\,')).toBe('\\\\\\,');
  });
});

describe('foldLine', () => {
  it('leaves lines of up to 75 octets alone', () => {
    const line = 'X'.repeat(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds longer ASCII lines at 75 octets, continuations starting with one space', () => {
    const line = `DESCRIPTION:${'a'.repeat(200)}`;
    const folded = foldLine(line);
    const physical = folded.split(CRLF);
    expect(physical.length).toBeGreaterThan(1);
    expect(physical[0]).toHaveLength(75);
    for (const p of physical.slice(1)) expect(p.startsWith(' ')).toBe(true);
    for (const p of physical) expect(octets(p)).toBeLessThanOrEqual(75);
    expect(unfold(folded)).toBe(line);
  });

  it.each([
    ['two-byte', 'é'],
    ['three-byte', '♪'],
    ['four-byte (surrogate pair)', '🎹'],
  ])('never splits a %s character and stays within 75 octets', (_name, char) => {
    for (let prefix = 0; prefix < 4; prefix++) {
      const line = `SUMMARY:${'x'.repeat(prefix)}${char.repeat(60)}`;
      const folded = foldLine(line);
      for (const p of folded.split(CRLF)) {
        expect(octets(p)).toBeLessThanOrEqual(75);
        // A lone surrogate or a cut UTF-8 sequence would not survive a round trip.
        expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
        expect(p).not.toMatch(/[\uD800-\uDBFF]$|^ ?[\uDC00-\uDFFF]/);
      }
      expect(unfold(folded)).toBe(line);
    }
  });

  it('fills each physical line as far as a whole character allows', () => {
    // 8 ASCII + 33 two-byte chars = 74 octets; the next é (2 octets) would make 76.
    const folded = foldLine(`SUMMARY:${'é'.repeat(40)}`);
    const [first] = folded.split(CRLF);
    expect(octets(first)).toBe(74);
  });
});

describe('time zones', () => {
  it('formats UTC date-times', () => {
    expect(formatUtcDateTime(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe('20260102T030405Z');
  });

  it('knows Los Angeles offsets either side of DST', () => {
    expect(zoneOffsetMs('America/Los_Angeles', Date.UTC(2026, 0, 15))).toBe(-8 * 3600_000);
    expect(zoneOffsetMs('America/Los_Angeles', Date.UTC(2026, 6, 15))).toBe(-7 * 3600_000);
  });

  it('converts Los Angeles times across the March change (2026-03-08)', () => {
    const la = 'America/Los_Angeles';
    expect(iso(zonedTimeToUtc('2026-03-07', '10:00', la))).toBe('2026-03-07T18:00:00.000Z'); // PST, −8
    expect(iso(zonedTimeToUtc('2026-03-08', '01:30', la))).toBe('2026-03-08T09:30:00.000Z'); // still PST
    expect(iso(zonedTimeToUtc('2026-03-08', '03:00', la))).toBe('2026-03-08T10:00:00.000Z'); // PDT, −7
    expect(iso(zonedTimeToUtc('2026-03-09', '10:00', la))).toBe('2026-03-09T17:00:00.000Z'); // PDT
    // 02:30 does not exist that night: it moves forward by the gap, to 03:30 PDT.
    expect(iso(zonedTimeToUtc('2026-03-08', '02:30', la))).toBe('2026-03-08T10:30:00.000Z');
  });

  it('converts Los Angeles times across the November change (2026-11-01)', () => {
    const la = 'America/Los_Angeles';
    expect(iso(zonedTimeToUtc('2026-10-31', '20:00', la))).toBe('2026-11-01T03:00:00.000Z'); // PDT
    // 01:30 happens twice; the first (PDT) is meant.
    expect(iso(zonedTimeToUtc('2026-11-01', '01:30', la))).toBe('2026-11-01T08:30:00.000Z');
    expect(iso(zonedTimeToUtc('2026-11-01', '02:00', la))).toBe('2026-11-01T10:00:00.000Z'); // PST
    expect(iso(zonedTimeToUtc('2026-11-02', '10:00', la))).toBe('2026-11-02T18:00:00.000Z'); // PST
  });

  it('converts London times across both changes (2026-03-29 and 2026-10-25)', () => {
    const london = 'Europe/London';
    expect(iso(zonedTimeToUtc('2026-03-28', '19:30', london))).toBe('2026-03-28T19:30:00.000Z'); // GMT
    expect(iso(zonedTimeToUtc('2026-03-29', '01:30', london))).toBe('2026-03-29T01:30:00.000Z'); // gap → 02:30 BST
    expect(iso(zonedTimeToUtc('2026-03-29', '19:30', london))).toBe('2026-03-29T18:30:00.000Z'); // BST
    expect(iso(zonedTimeToUtc('2026-10-25', '01:30', london))).toBe('2026-10-25T00:30:00.000Z'); // first 01:30, BST
    expect(iso(zonedTimeToUtc('2026-10-25', '19:30', london))).toBe('2026-10-25T19:30:00.000Z'); // GMT
  });

  it('handles zones east of UTC and date changes', () => {
    expect(iso(zonedTimeToUtc('2026-06-01', '08:00', 'Asia/Tokyo'))).toBe('2026-05-31T23:00:00.000Z');
    expect(iso(zonedTimeToUtc('2026-06-01', '08:00', 'UTC'))).toBe('2026-06-01T08:00:00.000Z');
  });
});

describe('gig events', () => {
  it('writes timed gigs as UTC instants, with 3 hours when no duration is known', () => {
    expect(gigTimes({ date: '2026-03-10', startTime: '10:00', durationMinutes: 90 }, 'America/Los_Angeles')).toEqual({
      allDay: false,
      start: '20260310T170000Z',
      end: '20260310T183000Z',
    });
    expect(gigTimes({ date: '2026-03-10', startTime: '22:00', durationMinutes: null }, 'Europe/London')).toEqual({
      allDay: false,
      start: '20260310T220000Z',
      end: '20260311T010000Z',
    });
  });

  it('writes untimed gigs as all-day dates ending the next day (also across months and years)', () => {
    expect(gigTimes({ date: '2026-03-10', startTime: null, durationMinutes: null }, 'UTC')).toEqual({ allDay: true, start: '20260310', end: '20260311' });
    expect(gigTimes({ date: '2026-12-31', startTime: null, durationMinutes: 60 }, 'UTC')).toEqual({ allDay: true, start: '20261231', end: '20270101' });
  });

  it('names a gig by title, else artist, else kind, with the client and the status when not firm', () => {
    expect(gigSummary(gig())).toBe('Album tracking — Sunset Sound');
    expect(gigSummary(gig({ title: '', artist: 'Maya O' }))).toBe('Maya O — Sunset Sound');
    expect(gigSummary(gig({ title: '', clientName: null }))).toBe('Studio session');
    expect(gigSummary(gig({ status: 'hold' }))).toBe('HOLD: Album tracking — Sunset Sound');
    expect(gigSummary(gig({ status: 'cancelled' }))).toBe('CANCELLED: Album tracking — Sunset Sound');
    expect(gigSummary(gig({ status: 'done' }))).toBe('Album tracking — Sunset Sound');
  });

  it('builds a calendar with CRLF line endings, folded lines and the required properties', () => {
    const text = buildCalendar([gig(), gig({ id: 8, startTime: null, status: 'hold', notes: 'x'.repeat(300) })], {
      name: 'Gigs · Maya',
      timeZone: 'America/Los_Angeles',
      gigUrl: (id) => `https://example.test/gigs/${id}`,
    });
    expect(text.endsWith(CRLF)).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split(CRLF)) expect(octets(line)).toBeLessThanOrEqual(75);
    const lines = unfold(text).split(CRLF);
    expect(lines.slice(0, 4)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Ledger Lines//Gig calendar//EN', 'CALSCALE:GREGORIAN']);
    expect(lines).toContain('X-WR-CALNAME:Gigs · Maya');
    expect(lines).toContain('UID:gig-7@ledger-lines');
    expect(lines).toContain('DTSTAMP:20260201T123456Z');
    expect(lines).toContain('DTSTART:20260310T170000Z');
    expect(lines).toContain('DTEND:20260310T200000Z');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('DTSTART;VALUE=DATE:20260310');
    expect(lines).toContain('DTEND;VALUE=DATE:20260311');
    expect(lines).toContain('STATUS:TENTATIVE');
    expect(lines).toContain('URL;VALUE=URI:https://example.test/gigs/8');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('is read back by ical.js as written', () => {
    const text = buildCalendar(
      [
        gig({ location: 'Studio 2, Sunset Sound; Hollywood', instruments: 'piano, Hammond organ', notes: 'Bring the Nord\nCall: 9:45' }),
        gig({ id: 9, date: '2026-11-01', startTime: '01:30', durationMinutes: 60, status: 'cancelled' }),
      ],
      { name: 'Gigs, mine; all', timeZone: 'America/Los_Angeles' },
    );
    const calendar = new ICAL.Component(ICAL.parse(text));
    // ical.js does not know X-WR-CALNAME's type, so it hands back the escaped TEXT as written.
    expect(calendar.getFirstProperty('x-wr-calname')?.toICALString()).toBe('X-WR-CALNAME:Gigs\\, mine\\; all');
    const [first, second] = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(first.location).toBe('Studio 2, Sunset Sound; Hollywood');
    expect(first.description).toBe('Instruments: piano, Hammond organ\nBring the Nord\nCall: 9:45');
    expect(second.summary).toBe('CANCELLED: Album tracking — Sunset Sound');
    expect(second.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(second.startDate.toJSDate().toISOString()).toBe('2026-11-01T08:30:00.000Z');
    expect(second.endDate.toJSDate().toISOString()).toBe('2026-11-01T09:30:00.000Z');
  });
});
