// The calendar: a month of gigs, and a private iCalendar feed of them that
// calendar apps (Google, Apple, Outlook) subscribe to by URL.
import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../app.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import { forUser } from '../db/scoped.ts';
import { gigKinds } from '../domain/vocabulary.ts';
import { addDays, monthBounds, todayIn } from '../lib/dates.ts';
import { notFound } from '../web/errors.ts';
import { parseForm, type FieldErrors } from '../web/forms.ts';
import { buildCalendar, isKnownTimeZone, type FeedGig } from './ical.ts';
import { buildMonth, legend, monthLabel, parseMonth } from './month.ts';
import { feedOwner, getCalendarToken, getFeedSettings, setCalendarNotes, gigsBetween, newCalendarToken, setCalendarToken, type CalendarGigRow } from './queries.ts';
import { feedActionSchema } from './schemas.ts';
import { siteUrl } from '../web/site-url.ts';

/** The feed reaches back this far; everything later is included. */
const FEED_DAYS_BACK = 365;

/** A zone Intl can use; a stored zone it does not know (renamed upstream) falls back to UTC. */
const usableZone = (timeZone: string) => (isKnownTimeZone(timeZone) ? timeZone : 'UTC');


const toFeedGig = (row: CalendarGigRow): FeedGig => ({ ...row, kindLabel: gigKinds.labelOf(row.kind) });

/**
 * The feed takes no session: calendar apps fetch it with only the secret in
 * the URL. src/app.ts mounts this router before the session middleware, so a
 * calendar server is never handed a cookie.
 */
export function calendarFeedRouter({ prisma }: FeatureDeps) {
  const router = Router();
  router.get('/calendar/feed/:token.ics', async (req, res) => {
    const owner = await feedOwner(prisma, req.params.token);
    if (!owner) throw notFound('calendar feed');
    const timeZone = usableZone(owner.timeZone);
    const rows = await gigsBetween(forUser(prisma, owner.id), {
      from: addDays(todayIn(timeZone), -FEED_DAYS_BACK),
      to: null,
    });
    const base = siteUrl(req);
    // Notes can hold what a shared calendar should not show; the musician decides.
    const gigs = rows.map(toFeedGig).map((g) => (owner.calendarNotes ? g : { ...g, notes: '' }));
    const body = buildCalendar(gigs, {
      name: `Gigs · ${owner.name}`,
      timeZone,
      gigUrl: (id) => `${base}/gigs/${id}`,
    });
    res.set({
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="ledger-lines-gigs.ics"',
      // Revalidate each time (Express adds an ETag, so unchanged feeds answer 304).
      'Cache-Control': 'private, no-cache',
      'X-Robots-Tag': 'noindex, nofollow',
    });
    res.send(body);
  });
  return router;
}

export function calendarRouter({ prisma }: FeatureDeps) {
  const router = Router();
  router.use('/calendar', requireUser);

  async function show(req: Request, res: Response, feedErrors: FieldErrors = {}, status = 200) {
    const user = currentUser(req);
    const today = todayIn(usableZone(user.timeZone));
    const requested = req.query.month;
    let month = today.slice(0, 7);
    let notice: string | null = null;
    if (requested !== undefined && requested !== '') {
      const parsed = parseMonth(requested);
      if (parsed) month = parsed;
      else notice = `We couldn't read that month. Showing ${monthLabel(month)} instead; months look like ${month}.`;
    }
    const { first, last } = monthBounds(`${month}-01`);
    const rows = await gigsBetween(forUser(prisma, user.id), { from: first, to: last });
    const { calendarToken: token, calendarNotes } = await getFeedSettings(prisma, user.id);
    const feedUrl = token ? `${siteUrl(req)}/calendar/feed/${token}.ics` : null;
    const view = buildMonth(month, rows, today);
    await res.page(
      'calendar/index',
      {
        title: `Calendar · ${view.label}`,
        view,
        legend,
        notice,
        feed: { url: feedUrl, webcalUrl: feedUrl?.replace(/^https?:/, 'webcal:') ?? null, notes: calendarNotes, errors: feedErrors },
      },
      status,
    );
  }

  router.get('/calendar', async (req, res) => show(req, res));

  router.post('/calendar/feed', async (req, res) => {
    const user = currentUser(req);
    const form = parseForm(feedActionSchema, req.body);
    if (!form.ok) return show(req, res, form.errors, 422);
    switch (form.data.action) {
      case 'create':
        // Creating never replaces a working link; "rotate" does that on purpose.
        if (!(await getCalendarToken(prisma, user.id))) await setCalendarToken(prisma, user.id, newCalendarToken());
        res.flash('success', 'Your feed link is ready. Copy it into your calendar app.');
        break;
      case 'rotate':
        await setCalendarToken(prisma, user.id, newCalendarToken());
        res.flash('success', 'New feed link made. The old link has stopped working: update it in your calendar apps.');
        break;
      case 'revoke':
        await setCalendarToken(prisma, user.id, null);
        res.flash('success', 'Feed turned off. The old link has stopped working.');
        break;
      case 'notes_on':
      case 'notes_off':
        await setCalendarNotes(prisma, user.id, form.data.action === 'notes_on');
        res.flash('success', form.data.action === 'notes_on' ? 'Gig notes are in the feed again.' : 'Gig notes are left out of the feed. Calendar apps drop them at their next update.');
        break;
    }
    res.redirect(303, '/calendar#feed');
  });

  return router;
}
