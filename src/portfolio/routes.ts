// The portfolio: the musician's own view (/portfolio: filter, share, export),
// the on/off switch from Settings, and the public page a studio sees
// (/p/<slug>), which takes no session and sets no cookies.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { FeatureDeps } from '../app.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import { forUser } from '../db/scoped.ts';
import { creditRoles } from '../domain/vocabulary.ts';
import { formatIsrc } from '../lib/identifiers.ts';
import { linkLabel } from '../recordings/links.ts';
import { notFound } from '../web/errors.ts';
import { viewHelpers } from '../web/view-helpers.ts';
import { checkbox } from '../web/fields.ts';
import { parseForm } from '../web/forms.ts';
import { creditsMarkdown, creditText, type CreditsGrouping } from './credits-md.ts';
import {
  findSelection,
  isFiltered,
  parsePortfolioFilter,
  portfolioQuery,
  portfolioSorts,
  publicPortfolioPath,
  selectionFacets,
  selectionLabel,
  selectionSentence,
  type SelectionRecording,
} from './filter.ts';
import { siteUrl } from '../web/site-url.ts';

/** Every recording of a selection, for the exports (one statement, whatever the number). */
const ALL = 100_000;

// Looser than the profile form's rule on purpose: sign-up's slugify() can make
// a slug ending in "-" or a little over 40 characters, and such a page must still work.
const SLUG = /^[a-z0-9-]{1,60}$/;


const settingsSchema = z.object({ portfolioPublic: checkbox() });

/** What templates show of a recording's credits and links (web links only). */
function present(r: SelectionRecording) {
  return {
    ...r,
    isrcText: r.isrc ? formatIsrc(r.isrc) : null,
    creditTexts: r.credits.map(creditText),
    webLinks: r.links.filter((l) => viewHelpers.isHttpUrl(l.url)).map((l) => ({ ...l, label: linkLabel(l) })),
  };
}

/** Renders a view inside the public layout (no navigation, no forms, no scripts). */
function renderPublic(res: Response, view: string, locals: Record<string, unknown>): Promise<string> {
  const render = (name: string, l: Record<string, unknown>) =>
    new Promise<string>((resolve, reject) => res.render(name, l, (err, html) => (err ? reject(err) : resolve(html))));
  return render(view, locals).then((body) => render('portfolio/public-layout', { ...locals, body }));
}

/**
 * The public page. Mounted in src/app.ts before flashes and sessions: it
 * reads no cookie and sets none, and a visitor's request never touches the
 * session table. Two queries (the musician by slug, then the selection) on
 * the first view after a write; none after that.
 */
export function publicPortfolioRouter({ prisma, reads }: FeatureDeps) {
  const router = Router();
  router.get('/p/:slug', async (req, res) => {
    const slug = req.params.slug;
    if (!SLUG.test(slug)) throw notFound('portfolio');
    const { filter } = parsePortfolioFilter(req.query as Record<string, unknown>);
    // Studios open the same links again and again; the page is kept until the
    // next write to the database (a new recording, the page switched off…).
    // Keyed by what the page is made of — the site address (its absolute
    // links use it), the slug and the filter as read — never by raw URL text.
    const key = JSON.stringify(['public', siteUrl(req), slug, filter]);
    const html = await reads.get(key, async () => {
      // Off (the default) and unknown look the same: 404, so nobody learns which slugs exist.
      const owner = await prisma.user.findFirst({
        where: { slug, portfolioPublic: true },
        select: { id: true, name: true, slug: true, instruments: true, bio: true, publicEmail: true, publicWebsite: true },
      });
      if (!owner) throw notFound('portfolio');
      const selection = await findSelection(forUser(prisma, owner.id), filter, { publicOnly: true });
      const filtered = isFiltered(filter);
      // Only values found in the musician's public data are echoed back, never raw URL text.
      const matched = selection.summary.recordings > 0;
      const label = matched ? selectionLabel(filter, selection.labels) : '';
      const sentence = selectionSentence(filter, selection.summary, selection.labels);
      const canonical = `${siteUrl(req)}/p/${owner.slug}${portfolioQuery(filter)}`;
      return renderPublic(res, 'portfolio/public', {
        title: label ? `${owner.name} — ${label}` : `${owner.name} — session credits`,
        owner,
        instruments: owner.instruments.split(',').map((s) => s.trim()).filter(Boolean),
        recordings: selection.recordings.map(present),
        summary: selection.summary,
        sentence,
        label,
        filtered,
        filter,
        page: selection.page,
        pages: selection.pages,
        pageHref: (page: number) => `/p/${owner.slug}${portfolioQuery(filter, { page })}`,
        allHref: `/p/${owner.slug}`,
        canonical,
        description: matched ? `${sentence}.${owner.instruments ? ` ${owner.instruments}.` : ''}` : `Session credits of ${owner.name}.`,
      });
    });
    res.set('Cache-Control', 'public, no-cache');
    res.status(200).type('html').send(html);
  });
  return router;
}

export function portfolioRouter({ prisma }: FeatureDeps) {
  const router = Router();
  router.use('/portfolio', requireUser);

  router.get('/portfolio', async (req, res) => {
    const user = currentUser(req);
    const db = forUser(prisma, user.id);
    const { filter, problems } = parsePortfolioFilter(req.query as Record<string, unknown>);
    const [selection, facets, account] = await Promise.all([
      findSelection(db, filter, { publicOnly: false }),
      selectionFacets(db, { publicOnly: false }),
      prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { portfolioPublic: true, slug: true } }),
    ]);
    const sharePath = publicPortfolioPath(account.slug, filter);
    await res.page('portfolio/index', {
      title: 'Portfolio',
      filter,
      problems,
      filtered: isFiltered(filter),
      facets,
      sorts: portfolioSorts,
      roles: creditRoles,
      recordings: selection.recordings.map(present),
      summary: selection.summary,
      sentence: selectionSentence(filter, selection.summary, selection.labels),
      page: selection.page,
      pages: selection.pages,
      pageHref: (page: number) => `/portfolio${portfolioQuery(filter, { page })}`,
      query: portfolioQuery(filter, { page: 1 }),
      exportQuery: portfolioQuery(filter, { page: 1, sort: 'featured' }),
      share: { url: siteUrl(req) + sharePath, path: sharePath, on: account.portfolioPublic },
    });
  });

  router.get('/portfolio/credits.md', async (req, res) => {
    const user = currentUser(req);
    const db = forUser(prisma, user.id);
    const { filter } = parsePortfolioFilter(req.query as Record<string, unknown>);
    const grouping: CreditsGrouping = req.query.group === 'artist' ? 'artist' : 'year';
    const publicOnly = req.query.public === '1' || req.query.public === 'on';
    const selection = await findSelection(db, { ...filter, page: 1 }, { publicOnly, pageSize: ALL });
    const body = creditsMarkdown({
      name: user.name,
      sentence: selectionSentence(filter, selection.summary, selection.labels),
      selection: selection.summary.recordings ? selectionLabel(filter, selection.labels) : '',
      recordings: selection.recordings,
      grouping,
    });
    res.attachment(`credits-${user.slug}.md`);
    res.set('Content-Type', 'text/markdown; charset=utf-8');
    res.set('Cache-Control', 'private, no-store');
    res.send(body);
  });

  router.post('/portfolio/settings', async (req, res) => {
    const user = currentUser(req);
    const form = parseForm(settingsSchema, req.body);
    const on = form.ok && form.data.portfolioPublic;
    await prisma.user.update({ where: { id: user.id }, data: { portfolioPublic: on } });
    res.flash(
      'success',
      on
        ? `Your public portfolio is on at ${publicPortfolioPath(user.slug)}. Only recordings marked public appear there.`
        : 'Your public portfolio is off: its address now shows “not found”.',
    );
    res.redirect(303, '/settings#portfolio');
  });

  return router;
}
