// Recordings: add (from scratch or from a session), the recording page with
// the session behind the credit, edit, delete, and the CSV export.
import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../app.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import { forUser } from '../db/scoped.ts';
import { creditRoles, gigKinds, releaseTypes } from '../domain/vocabulary.ts';
import { formatIsrc, formatIswc } from '../lib/identifiers.ts';
import { todayIn } from '../lib/dates.ts';
import { paidStateOf, paidStates } from '../money/balances.ts';
import { parsePortfolioFilter, portfolioQuery, selectionWhere } from '../portfolio/filter.ts';
import { toCsv } from '../transfer/csv.ts';
import { found } from '../web/errors.ts';
import { parseForm, type FieldErrors, type FormValues } from '../web/forms.ts';
import { parseId } from '../web/params.ts';
import { linkLabel } from './links.ts';
import {
  createRecording,
  deleteRecording,
  getRecording,
  gigForRecording,
  recordingDependents,
  recordingExportRows,
  sessionChoices,
  sessionProof,
  updateRecording,
  type RecordingDetail,
  type SessionProof,
} from './queries.ts';
import { MAX_CREDITS, MAX_LINKS, recordingSchema } from './schemas.ts';

/** Blank rows offered beyond those filled in (more appear with /js/recordings.js, or after saving). */
const SPARE_CREDITS = 2;
const SPARE_LINKS = 2;

export const RECORDING_CSV_COLUMNS = [
  'title',
  'artist',
  'release',
  'release_type',
  'label',
  'release_date',
  'isrc',
  'iswc',
  'roles',
  'instruments',
  'genres',
  'links',
  'public',
  'session_date',
] as const;

const VOCALS = /\b(backing|background|lead)?\s*(vocals?|vox|bvs?|singing)\b/i;

/** A gig's "Hammond organ, backing vocals" → the credits to start from. */
export function creditsFromInstruments(instruments: string): { role: string; instrument: string }[] {
  const credits: { role: string; instrument: string }[] = [];
  for (const part of instruments.split(/[,;/]|\s+&\s+|\s+and\s+/)) {
    const instrument = part.trim().replace(/\s+/g, ' ');
    if (!instrument) continue;
    const credit = VOCALS.test(instrument) ? { role: 'BackgroundVocalist', instrument: '' } : { role: 'StudioMusician', instrument: instrument.slice(0, 100) };
    if (!credits.some((c) => c.role === credit.role && c.instrument.toLowerCase() === credit.instrument.toLowerCase())) credits.push(credit);
  }
  return credits.slice(0, MAX_CREDITS);
}

const rowsOf = (value: unknown): FormValues[] =>
  Array.isArray(value) ? value.map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as FormValues) : {})) : [];

/** Form rows: those with something in them (keeping their index for error messages), then spare blank ones. */
function formRows(value: unknown, filled: (row: FormValues) => boolean, spare: number, max: number, blank: FormValues) {
  const rows = rowsOf(value)
    .map((row, index) => ({ ...row, index }))
    .filter((row) => filled(row));
  let next = rows.reduce((n, r) => Math.max(n, r.index + 1), 0);
  const wanted = Math.min(max, rows.length + spare);
  while (rows.length < Math.max(wanted, 1)) rows.push({ ...blank, index: next++ });
  return rows;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** "Invoiced INV-0003 · Paid · B-4 filed": what backs the credit, in words. */
export function proofSummary(proof: SessionProof, today: string): { parts: string[]; paidState: string | null } {
  const parts: string[] = [];
  if (proof.invoiceNumber) parts.push(`Invoiced ${proof.invoiceNumber}${proof.invoiceVoided ? ' (voided)' : ''}`);
  else parts.push('Not invoiced');
  const state =
    proof.agreedMinor !== null
      ? paidStateOf({ agreedMinor: proof.agreedMinor, paidMinor: proof.paidMinor ?? 0, owedMinor: proof.owedMinor ?? 0, dueDate: proof.dueDate }, today)
      : null;
  if (state) parts.push(paidStates.find((s) => s.value === state)!.label);
  else parts.push(proof.status === 'hold' ? 'Still a hold' : 'No fee recorded');
  if (proof.union) parts.push(proof.bFormFiled ? `${proof.bFormType || 'B-form'} filed` : 'B-form not filed yet');
  return { parts, paidState: state };
}

export function recordingsRouter({ prisma }: FeatureDeps) {
  const router = Router();
  router.use('/recordings', requireUser);

  const dbFor = (req: Request) => forUser(prisma, currentUser(req).id);

  async function showForm(
    req: Request,
    res: Response,
    form: { mode: 'new' | 'edit'; recordingId?: number; values: FormValues; errors?: FieldErrors; notice?: string },
    status = 200,
  ) {
    const db = dbFor(req);
    const gigText = text(form.values.gigId);
    const keep = /^[1-9]\d{0,9}$/.test(gigText) ? Number(gigText) : null;
    const sessions = await sessionChoices(db, keep);
    const credits = formRows(form.values.credits, (r) => Boolean(text(r.role) || text(r.instrument).trim()), SPARE_CREDITS, MAX_CREDITS, { role: '', instrument: '' });
    const links = formRows(form.values.links, (r) => Boolean(text(r.url).trim()), SPARE_LINKS, MAX_LINKS, { url: '' });
    await res.page(
      'recordings/form',
      {
        title: form.mode === 'new' ? 'Add a recording' : 'Edit recording',
        mode: form.mode,
        recordingId: form.recordingId,
        values: form.values,
        credits,
        links,
        errors: form.errors ?? {},
        notice: form.notice,
        sessions: sessions.map((s) => ({
          value: s.id,
          label: `${s.date} · ${[s.title || s.artist || gigKinds.labelOf(s.kind), s.clientName].filter(Boolean).join(' — ')}`,
        })),
        roleOptions: [{ value: '', label: 'Choose a role' }, ...creditRoles.list],
        releaseTypeOptions: [{ value: '', label: 'Not set' }, ...releaseTypes.list],
        maxCredits: MAX_CREDITS,
        maxLinks: MAX_LINKS,
      },
      status,
    );
  }

  async function save(req: Request, res: Response, mode: 'new' | 'edit', id?: number) {
    const db = dbFor(req);
    const form = parseForm(recordingSchema, req.body);
    if (!form.ok) return showForm(req, res, { mode, recordingId: id, values: form.values, errors: form.errors }, 422);
    const result = mode === 'new' ? await createRecording(db, form.data) : await updateRecording(db, id!, form.data);
    if (!result.ok) {
      const values: FormValues = { ...req.body };
      delete values._csrf;
      return showForm(req, res, { mode, recordingId: id, values, errors: result.errors }, 422);
    }
    res.flash('success', mode === 'new' ? 'Recording added.' : 'Saved.');
    res.redirect(303, `/recordings/${result.id}`);
  }

  // The list is the portfolio.
  router.get('/recordings', (req, res) => {
    const { filter } = parsePortfolioFilter(req.query as Record<string, unknown>);
    res.redirect(303, `/portfolio${portfolioQuery(filter)}`);
  });

  // Before /recordings/:id, which would take "export.csv" for an id.
  router.get('/recordings/export.csv', async (req, res) => {
    const user = currentUser(req);
    const db = dbFor(req);
    const { filter } = parsePortfolioFilter(req.query as Record<string, unknown>);
    const rows = await recordingExportRows(db, selectionWhere(user.id, filter, { publicOnly: false }));
    const unique = (values: string[]) => [...new Set(values.filter(Boolean))].join('; ');
    const body = toCsv(
      RECORDING_CSV_COLUMNS,
      rows.map((r) => [
        r.title,
        r.artist,
        r.release,
        r.releaseType ? releaseTypes.labelOf(r.releaseType) : '',
        r.label,
        r.releaseDate,
        r.isrc ? formatIsrc(r.isrc) : '',
        r.iswc ? formatIswc(r.iswc) : '',
        unique(r.credits.map((c) => creditRoles.labelOf(c.role))),
        unique(r.credits.map((c) => c.instrument)),
        r.genres,
        r.links.map((l) => l.url).join(' '),
        r.isPublic ? 'yes' : 'no',
        r.sessionDate,
      ]),
    );
    res.attachment(`recordings-${todayIn(user.timeZone)}.csv`);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Cache-Control', 'private, no-store');
    res.send(body);
  });

  router.get('/recordings/new', async (req, res) => {
    const db = dbFor(req);
    let values: FormValues = { credits: [{ role: 'StudioMusician', instrument: '' }], links: [] };
    let notice: string | undefined;
    if (req.query.gigId !== undefined && req.query.gigId !== '') {
      const gig = found(await gigForRecording(db, parseId(req.query.gigId, 'gig')), 'gig');
      const credits = creditsFromInstruments(gig.instruments);
      values = {
        title: gig.title,
        artist: gig.artist,
        gigId: String(gig.id),
        credits: credits.length ? credits : values.credits,
        links: [],
      };
      notice = `From the session on ${gig.date}. Check the title (a session often records several tracks: add each one), then add the ISRC and links.`;
    }
    await showForm(req, res, { mode: 'new', values, notice });
  });

  router.post('/recordings', (req, res) => save(req, res, 'new'));

  router.get('/recordings/:id', async (req, res) => {
    const user = currentUser(req);
    const db = dbFor(req);
    const recording = found(await getRecording(db, parseId(req.params.id, 'recording')), 'recording');
    const proof = recording.gigId !== null ? await sessionProof(db, recording.gigId) : null;
    const today = todayIn(user.timeZone);
    await res.page('recordings/show', {
      title: recording.title,
      recording,
      isrc: recording.isrc ? formatIsrc(recording.isrc) : null,
      iswc: recording.iswc ? formatIswc(recording.iswc) : null,
      links: recording.links.map((l) => ({ ...l, label: linkLabel(l) })),
      proof,
      proofSummary: proof ? proofSummary(proof, today) : null,
    });
  });

  router.get('/recordings/:id/edit', async (req, res) => {
    const recording = found(await getRecording(dbFor(req), parseId(req.params.id, 'recording')), 'recording');
    await showForm(req, res, { mode: 'edit', recordingId: recording.id, values: formValuesOf(recording) });
  });

  router.post('/recordings/:id', async (req, res) => {
    const id = parseId(req.params.id, 'recording');
    found(await dbFor(req).recording.findUnique({ where: { id }, select: { id: true } }), 'recording');
    await save(req, res, 'edit', id);
  });

  router.get('/recordings/:id/delete', async (req, res) => {
    const db = dbFor(req);
    const recording = found(await getRecording(db, parseId(req.params.id, 'recording')), 'recording');
    await res.page('recordings/delete', { title: 'Delete recording', recording, dependents: await recordingDependents(db, recording.id) });
  });

  router.post('/recordings/:id/delete', async (req, res) => {
    const id = parseId(req.params.id, 'recording');
    await deleteRecording(dbFor(req), id);
    res.flash('success', 'The recording was deleted.');
    res.redirect(303, '/portfolio');
  });

  return router;
}

/** The form's values for an existing recording. */
function formValuesOf(r: RecordingDetail): FormValues {
  return {
    title: r.title,
    artist: r.artist,
    release: r.release,
    releaseType: r.releaseType,
    label: r.label,
    releaseDate: r.releaseDate ?? '',
    isrc: r.isrc ? formatIsrc(r.isrc) : '',
    iswc: r.iswc ? formatIswc(r.iswc) : '',
    genres: r.genres,
    gigId: r.gigId !== null ? String(r.gigId) : '',
    notes: r.notes,
    isPublic: r.isPublic ? 'on' : '',
    displayOrder: r.displayOrder !== null ? String(r.displayOrder) : '',
    credits: r.credits.map((c) => ({ role: c.role, instrument: c.instrument })),
    links: r.links.map((l) => ({ url: l.url })),
  };
}
