// Outreach: the log of studios and producers contacted (with the portfolio
// selection sent and when to follow up), the follow-ups due, the pitch made
// from a selection, and the CSV export.
import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../app.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import { clientChoices } from '../clients/queries.ts';
import { forUser } from '../db/scoped.ts';
import { outreachChannels } from '../domain/vocabulary.ts';
import { daysBetween, todayIn } from '../lib/dates.ts';
import {
  findSelection,
  isFiltered,
  parsePortfolioFilter,
  portfolioQuery,
  publicPortfolioPath,
  selectionFacets,
  selectionLabel,
  selectionSentence,
  type SelectionFacets,
} from '../portfolio/filter.ts';
import { toCsv } from '../transfer/csv.ts';
import { found } from '../web/errors.ts';
import { parseForm, type FieldErrors, type FormValues } from '../web/forms.ts';
import { parseId } from '../web/params.ts';
import { buildPitch, PITCH_TRACKS } from './pitch.ts';
import {
  deleteOutreachEntry,
  findOutreach,
  followUps,
  getOutreachEntry,
  markHandled,
  outreachExportRows,
  saveOutreachEntry,
  type OutreachEntryDetail,
  type OutreachRow,
} from './queries.ts';
import {
  CONTACT_MAX,
  doneSchema,
  NOTES_MAX,
  OUTCOME_MAX,
  outcomeExample,
  outreachQuery,
  outreachSchema,
  outreachStates,
  parseOutreachFilter,
} from './schemas.ts';
import { SELECTION_MAX, selectionView } from './selection.ts';
import { siteHost, siteProtocol, siteUrl } from '../web/site-url.ts';

export const OUTREACH_CSV_COLUMNS = ['contacted_on', 'client', 'contact', 'channel', 'selection', 'portfolio_link', 'follow_up_on', 'outcome', 'notes'] as const;

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** How a contact was made, to follow "Contacted 5 Nov": "by email", "in person". */
export function channelPhrase(channel: string): string {
  if (channel === 'in_person') return 'in person';
  if (channel === 'other' || !(outreachChannels.values as readonly string[]).includes(channel)) return '';
  return `by ${outreachChannels.labelOf(channel).toLowerCase()}`;
}

/** "Overdue by 3 days" / "Due today" for a follow-up date on or before today. */
function dueText(followUpOn: string, today: string) {
  const late = daysBetween(followUpOn, today);
  return late <= 0 ? 'Due today' : `Overdue by ${late} day${late === 1 ? '' : 's'}`;
}

export function outreachRouter({ prisma }: FeatureDeps) {
  const router = Router();
  router.use('/outreach', requireUser);

  const dbFor = (req: Request) => forUser(prisma, currentUser(req).id);

  /** What the templates show of an entry. */
  const present = (req: Request, facets: SelectionFacets | null, today: string) => (row: OutreachRow) => {
    const sel = selectionView(row.selection, { slug: currentUser(req).slug, facets });
    return {
      ...row,
      contactBesideClient: row.clientName ? row.contactName : '',
      channelLabel: outreachChannels.labelOf(row.channel),
      channelPhrase: channelPhrase(row.channel),
      selectionView: sel,
      overdue: row.outcome === '' && row.followUpOn !== null && row.followUpOn < today,
      dueText: row.followUpOn !== null && row.followUpOn <= today ? dueText(row.followUpOn, today) : null,
    };
  };

  router.get('/outreach', async (req, res) => {
    const user = currentUser(req);
    const db = dbFor(req);
    const today = todayIn(user.timeZone);
    const filter = parseOutreachFilter(req.query as Record<string, unknown>);
    const [log, due, facets] = await Promise.all([findOutreach(db, filter), followUps(db, today), selectionFacets(db, { publicOnly: false })]);
    const show = present(req, facets, today);
    const filtered = Boolean(filter.state || filter.q);
    const pageHref = (page: number) => `/outreach${outreachQuery(filter, { page })}`;
    await res.page('outreach/index', {
      title: 'Outreach',
      today,
      filter,
      filtered,
      states: outreachStates,
      rows: log.rows.map(show),
      total: log.total,
      page: log.page,
      pages: log.pages,
      pager: log.pages > 1 ? { page: log.page, pages: log.pages, prev: log.page > 1 ? pageHref(log.page - 1) : null, next: log.page < log.pages ? pageHref(log.page + 1) : null } : null,
      exportHref: `/outreach/export.csv${outreachQuery(filter, { page: 1 })}`,
      due: due.due.map(show),
      dueTotal: due.dueTotal,
      upcoming: due.upcoming.map(show),
      returnTo: `/outreach${outreachQuery(filter)}`,
    });
  });

  // Fixed paths (export.csv, pitch, new) before the /outreach/:id… routes.
  router.get('/outreach/export.csv', async (req, res) => {
    const user = currentUser(req);
    const db = dbFor(req);
    const filter = parseOutreachFilter(req.query as Record<string, unknown>);
    const [rows, facets] = await Promise.all([outreachExportRows(db, filter), selectionFacets(db, { publicOnly: false })]);
    const site = siteUrl(req);
    const body = toCsv(
      OUTREACH_CSV_COLUMNS,
      rows.map((r) => {
        const sel = selectionView(r.selection, { slug: user.slug, facets });
        return [
          r.contactedOn,
          r.clientName ?? '',
          r.contactName,
          outreachChannels.labelOf(r.channel),
          sel?.label ?? '',
          sel?.path ? site + sel.path : '',
          r.followUpOn ?? '',
          r.outcome,
          r.notes,
        ];
      }),
    );
    res.attachment(`outreach-${todayIn(user.timeZone)}.csv`);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Cache-Control', 'private, no-store');
    res.send(body);
  });

  router.get('/outreach/pitch', async (req, res) => {
    const user = currentUser(req);
    const db = dbFor(req);
    const { filter, problems } = parsePortfolioFilter(req.query as Record<string, unknown>);
    const first = { ...filter, page: 1 };
    // Public recordings only, featured first: what a studio will see.
    const [shown, everything, facets, account] = await Promise.all([
      findSelection(db, { ...first, sort: 'featured' }, { publicOnly: true, pageSize: PITCH_TRACKS }),
      findSelection(db, first, { publicOnly: false, pageSize: 1 }),
      selectionFacets(db, { publicOnly: true }),
      prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true, instruments: true, slug: true, portfolioPublic: true } }),
    ]);
    const path = publicPortfolioPath(account.slug, filter);
    const portfolioUrl = siteUrl(req) + path;
    const sentence = selectionSentence(filter, shown.summary, shown.labels);
    const pitch = shown.summary.recordings
      ? buildPitch({ name: account.name, instruments: account.instruments, sentence, recordings: shown.recordings, total: shown.summary.recordings, portfolioUrl })
      : null;
    const label = shown.summary.recordings ? selectionLabel(filter, shown.labels) : '';
    await res.page('outreach/pitch', {
      title: 'Pitch a selection',
      filter,
      problems,
      filtered: isFiltered(filter),
      label,
      facets,
      pitch,
      listed: pitch?.items.length ?? 0,
      publicCount: shown.summary.recordings,
      privateCount: everything.summary.recordings - everything.summary.publicRecordings,
      portfolioOn: account.portfolioPublic,
      portfolioUrl,
      portfolioQuery: portfolioQuery(first),
      logHref: `/outreach/new?selection=${encodeURIComponent(portfolioUrl)}`,
    });
  });

  // -------------------------------------------------------------------------
  // The entry form

  async function showForm(
    req: Request,
    res: Response,
    form: { mode: 'new' | 'edit'; entryId?: number; values: FormValues; errors?: FieldErrors },
    status = 200,
  ) {
    const user = currentUser(req);
    const clients = await clientChoices(dbFor(req));
    await res.page(
      'outreach/form',
      {
        title: form.mode === 'new' ? 'Log a contact' : 'Edit outreach',
        mode: form.mode,
        entryId: form.entryId,
        values: form.values,
        errors: form.errors ?? {},
        clients,
        channels: outreachChannels.list,
        example: `${siteUrl(req)}/p/${user.slug}?instrument=…`,
        max: { contact: CONTACT_MAX, selection: SELECTION_MAX, outcome: OUTCOME_MAX, notes: NOTES_MAX },
        outcomeExample,
      },
      status,
    );
  }

  async function save(req: Request, res: Response, id: number | null) {
    const user = currentUser(req);
    const mode = id === null ? 'new' : 'edit';
    const schema = outreachSchema({ today: todayIn(user.timeZone), slug: user.slug, host: siteHost(req), protocol: siteProtocol(req) });
    const form = parseForm(schema, req.body);
    if (!form.ok) return showForm(req, res, { mode, entryId: id ?? undefined, values: form.values, errors: form.errors }, 422);
    const result = await saveOutreachEntry(dbFor(req), id, form.data);
    if (!result.ok) {
      const values: FormValues = { ...req.body };
      delete values._csrf;
      return showForm(req, res, { mode, entryId: id ?? undefined, values, errors: result.errors }, 422);
    }
    const added = result.createdClient ? ` ${result.createdClient} was added to your clients.` : '';
    res.flash('success', `${mode === 'new' ? 'Logged.' : 'Saved.'}${added}`);
    res.redirect(303, '/outreach');
  }

  router.get('/outreach/new', async (req, res) => {
    const user = currentUser(req);
    const values: FormValues = { contactedOn: todayIn(user.timeZone), channel: 'email' };
    if (typeof req.query.selection === 'string') values.selection = req.query.selection.trim().slice(0, SELECTION_MAX);
    if (typeof req.query.clientId === 'string' && req.query.clientId !== '') {
      const client = await dbFor(req).client.findUnique({ where: { id: parseId(req.query.clientId, 'client') }, select: { name: true } });
      values.clientName = found(client, 'client').name;
    }
    await showForm(req, res, { mode: 'new', values });
  });

  router.post('/outreach', (req, res) => save(req, res, null));

  router.get('/outreach/:id/edit', async (req, res) => {
    const entry = found(await getOutreachEntry(dbFor(req), parseId(req.params.id, 'outreach entry')), 'outreach entry');
    await showForm(req, res, { mode: 'edit', entryId: entry.id, values: formValuesOf(entry, siteUrl(req)) });
  });

  router.post('/outreach/:id', async (req, res) => {
    const id = parseId(req.params.id, 'outreach entry');
    found(await dbFor(req).outreachEntry.findUnique({ where: { id }, select: { id: true } }), 'outreach entry');
    await save(req, res, id);
  });

  // "Mark handled" from the follow-ups due: a short outcome closes the entry.
  router.post('/outreach/:id/done', async (req, res) => {
    const db = dbFor(req);
    const id = parseId(req.params.id, 'outreach entry');
    const entry = found(await getOutreachEntry(db, id), 'outreach entry');
    const form = parseForm(doneSchema, req.body);
    if (!form.ok) {
      const user = currentUser(req);
      const today = todayIn(user.timeZone);
      await res.page(
        'outreach/done',
        { title: 'Mark follow-up handled', entry: present(req, null, today)(rowOf(entry)), values: form.values, errors: form.errors, outcomeExample, max: OUTCOME_MAX },
        422,
      );
      return;
    }
    await markHandled(db, id, form.data.outcome);
    res.flash('success', `Follow-up with ${entry.client?.name || entry.contactName || 'an unnamed contact'} marked handled: “${form.data.outcome}”.`);
    res.redirect(303, safeReturn(req.body?.returnTo));
  });

  router.get('/outreach/:id/delete', async (req, res) => {
    const entry = found(await getOutreachEntry(dbFor(req), parseId(req.params.id, 'outreach entry')), 'outreach entry');
    await res.page('outreach/delete', { title: 'Delete outreach entry', entry, channelPhrase: channelPhrase(entry.channel) });
  });

  router.post('/outreach/:id/delete', async (req, res) => {
    await deleteOutreachEntry(dbFor(req), parseId(req.params.id, 'outreach entry'));
    res.flash('success', 'The outreach entry was deleted.');
    res.redirect(303, '/outreach');
  });

  return router;
}

/** Back to the log (with its filters) after "Mark handled"; never anywhere else. */
function safeReturn(value: unknown): string {
  const v = text(value);
  return /^\/outreach(\?[^\s#]*)?$/.test(v) ? v : '/outreach';
}

function rowOf(entry: OutreachEntryDetail): OutreachRow {
  return {
    id: entry.id,
    contactedOn: entry.contactedOn,
    channel: entry.channel,
    contactName: entry.contactName,
    clientId: entry.clientId,
    clientName: entry.client?.name ?? null,
    selection: entry.selection,
    followUpOn: entry.followUpOn,
    outcome: entry.outcome,
    notes: entry.notes,
  };
}

/** The form's values for an existing entry; the stored path is shown as the full link that was sent. */
function formValuesOf(entry: OutreachEntryDetail, site: string): FormValues {
  return {
    clientName: entry.client?.name ?? '',
    contactName: entry.contactName,
    contactedOn: entry.contactedOn,
    channel: entry.channel,
    selection: entry.selection.startsWith('/') ? site + entry.selection : entry.selection,
    followUpOn: entry.followUpOn ?? '',
    outcome: entry.outcome,
    notes: entry.notes,
  };
}
