// Royalties: points on recordings (agreements), the money that arrives for
// them (statements), the non-featured performers' fund, and the overview
// that puts them together per recording with each advance's position.
//
// Pages:
//   /royalties                          overview (per agreement, fund per year, totals per currency)
//   /royalties/recordings/:id           one recording's agreements, statements and totals
//   /royalties/agreements/new|:id/edit|:id/delete
//   /royalties/statements               list with filters, totals, pages; export.csv
//   /royalties/statements/new|:id/edit|:id/delete
import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../app.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import { forUser } from '../db/scoped.ts';
import { royaltySources } from '../domain/vocabulary.ts';
import { todayIn } from '../lib/dates.ts';
import { formatIsrc } from '../lib/identifiers.ts';
import { formatDecimal } from '../lib/money.ts';
import { toCsv, type Cell } from '../transfer/csv.ts';
import { found } from '../web/errors.ts';
import { parseForm, type FieldErrors, type FormValues } from '../web/forms.ts';
import { parseId } from '../web/params.ts';
import { formatPeriod } from './periods.ts';
import { formatPoints, pointsValue } from './points.ts';
import {
  agreementChoices,
  agreementFigures,
  createAgreement,
  createStatement,
  deleteAgreement,
  deleteStatement,
  earnedToStore,
  findStatements,
  fundByYear,
  getAgreement,
  getRecording,
  getStatement,
  gigChoices,
  payerChoices,
  recordingChoices,
  recordingStatements,
  royaltyTotals,
  statementExportRows,
  statementFilterChoices,
  updateAgreement,
  updateStatement,
  type AgreementDetail,
  type StatementDetail,
} from './queries.ts';
import { ADVANCE_MODEL_SENTENCE } from './recoupment.ts';
import { agreementSchema, basisSuggestions, readStatementFilter, statementFilterQuery, statementSchema } from './schemas.ts';

export const STATEMENT_CSV_COLUMNS = ['received_on', 'payer', 'source', 'recording', 'isrc', 'period_start', 'period_end', 'amount', 'basis_amount', 'earned', 'currency', 'reference'] as const;

type Form = { values: FormValues; errors: FieldErrors };

/** "Song title", else "Gig on 2026-03-02 (title)", for an agreement. */
function agreementLabel(a: {
  recording?: { title: string } | null;
  gig?: { date: string; title: string; artist: string } | null;
  payer?: { name: string } | null;
  rateBps: number;
  currency: string;
}) {
  const on = a.recording?.title ?? (a.gig ? `Gig on ${a.gig.date}${a.gig.title || a.gig.artist ? ` (${a.gig.title || a.gig.artist})` : ''}` : 'No recording');
  return `${on} — ${formatPoints(a.rateBps)}${a.payer ? `, ${a.payer.name}` : ''} (${a.currency})`;
}

export function royaltiesRouter({ prisma }: FeatureDeps) {
  const router = Router();
  router.use('/royalties', requireUser, (_req, res, next) => {
    Object.assign(res.locals, { formatPoints, formatPeriod, formatIsrc, royaltySources });
    next();
  });

  const dbFor = (req: Request) => forUser(prisma, currentUser(req).id);
  const todayFor = (req: Request) => todayIn(currentUser(req).timeZone);

  // ---- Overview ---------------------------------------------------------------

  router.get('/royalties', async (req, res) => {
    const db = dbFor(req);
    const year = todayFor(req).slice(0, 4);
    const [agreements, totals, fund] = await Promise.all([agreementFigures(db), royaltyTotals(db, year), fundByYear(db)]);
    await res.page('royalties/index', { title: 'Royalties', agreements, totals, fund, year, modelSentence: ADVANCE_MODEL_SENTENCE });
  });

  router.get('/royalties/recordings/:id', async (req, res) => {
    const db = dbFor(req);
    const id = parseId(req.params.id, 'recording');
    const year = todayFor(req).slice(0, 4);
    const recording = found(await getRecording(db, id), 'recording');
    const [agreements, statements, totals] = await Promise.all([
      agreementFigures(db, { recordingId: id }),
      recordingStatements(db, id),
      royaltyTotals(db, year, { recordingId: id }),
    ]);
    await res.page('royalties/recording', { title: `Royalties: ${recording.title}`, recording, agreements, statements, totals, year, modelSentence: ADVANCE_MODEL_SENTENCE });
  });

  // ---- Agreements -----------------------------------------------------------------

  async function showAgreementForm(req: Request, res: Response, agreement: AgreementDetail | null, form: Form, status = 200) {
    const db = dbFor(req);
    const selected = (name: string) => (/^[1-9]\d{0,9}$/.test(String(form.values[name] ?? '')) ? Number(form.values[name]) : null);
    const [recordings, gigs, payers] = await Promise.all([recordingChoices(db), gigChoices(db, selected('gigId')), payerChoices(db, selected('payerId'))]);
    await res.page(
      'royalties/agreement-form',
      {
        title: agreement ? 'Edit royalty agreement' : 'New royalty agreement',
        agreement,
        action: agreement ? `/royalties/agreements/${agreement.id}` : '/royalties/agreements',
        back: backFromAgreement(agreement, form.values),
        values: form.values,
        errors: form.errors,
        recordingOptions: [{ value: '', label: '— None —' }, ...recordings.map((r) => ({ value: String(r.id), label: `${r.title} — ${r.artist}` }))],
        gigOptions: [
          { value: '', label: '— None —' },
          ...gigs.map((g) => ({ value: String(g.id), label: `${g.date} · ${g.title || g.artist || 'Gig'}${g.title && g.artist ? ` (${g.artist})` : ''}` })),
        ],
        payerOptions: [{ value: '', label: '— Not known —' }, ...payers.map((c) => ({ value: String(c.id), label: c.archived ? `${c.name} (archived)` : c.name }))],
        basisSuggestions,
      },
      status,
    );
  }

  /** Cancel goes back to the recording the agreement is (or was being put) on, else to the overview. */
  function backFromAgreement(agreement: AgreementDetail | null, values: FormValues) {
    const typed = typeof values.recordingId === 'string' && /^[1-9]\d{0,9}$/.test(values.recordingId) ? Number(values.recordingId) : null;
    const recordingId = agreement ? agreement.recordingId : typed;
    return recordingId ? `/royalties/recordings/${recordingId}` : '/royalties';
  }

  router.get('/royalties/agreements/new', async (req, res) => {
    const db = dbFor(req);
    const user = currentUser(req);
    const values: FormValues = { currency: user.homeCurrency, recoupable: 'on', recordingId: '', gigId: '', payerId: '' };
    if (typeof req.query.recordingId === 'string') {
      const recording = found(await db.recording.findUnique({ where: { id: parseId(req.query.recordingId, 'recording') }, select: { id: true, gigId: true } }), 'recording');
      values.recordingId = String(recording.id);
      if (recording.gigId) values.gigId = String(recording.gigId);
    }
    if (typeof req.query.gigId === 'string') {
      const gig = found(await db.gig.findUnique({ where: { id: parseId(req.query.gigId, 'gig') }, select: { id: true } }), 'gig');
      values.gigId = String(gig.id);
    }
    await showAgreementForm(req, res, null, { values, errors: {} });
  });

  router.post('/royalties/agreements', async (req, res) => {
    const db = dbFor(req);
    const form = parseForm(agreementSchema, req.body);
    if (!form.ok) return showAgreementForm(req, res, null, form, 422);
    const result = await createAgreement(db, form.data);
    if (!result.ok) return showAgreementForm(req, res, null, { values: formValues(req.body), errors: result.errors }, 422);
    res.flash('success', 'Agreement added.');
    res.redirect(303, form.data.recordingId ? `/royalties/recordings/${form.data.recordingId}` : '/royalties');
  });

  router.get('/royalties/agreements/:id/edit', async (req, res) => {
    const agreement = found(await getAgreement(dbFor(req), parseId(req.params.id, 'agreement')), 'agreement');
    await showAgreementForm(req, res, agreement, { values: agreementValues(agreement), errors: {} });
  });

  router.post('/royalties/agreements/:id', async (req, res) => {
    const db = dbFor(req);
    const agreement = found(await getAgreement(db, parseId(req.params.id, 'agreement')), 'agreement');
    const form = parseForm(agreementSchema, req.body);
    if (!form.ok) return showAgreementForm(req, res, agreement, form, 422);
    const result = await updateAgreement(db, agreement.id, form.data);
    if (!result.ok) return showAgreementForm(req, res, agreement, { values: formValues(req.body), errors: result.errors }, 422);
    const moved = result.movedStatements ? ` ${result.movedStatements} statement${result.movedStatements === 1 ? '' : 's'} under it moved to the new recording too.` : '';
    res.flash('success', `Agreement saved.${moved}`);
    res.redirect(303, form.data.recordingId ? `/royalties/recordings/${form.data.recordingId}` : '/royalties');
  });

  router.get('/royalties/agreements/:id/delete', async (req, res) => {
    const agreement = found(await getAgreement(dbFor(req), parseId(req.params.id, 'agreement')), 'agreement');
    await res.page('royalties/agreement-delete', { title: 'Delete royalty agreement', agreement, label: agreementLabel(agreement) });
  });

  router.post('/royalties/agreements/:id/delete', async (req, res) => {
    const db = dbFor(req);
    const agreement = found(await db.royaltyAgreement.findUnique({ where: { id: parseId(req.params.id, 'agreement') }, select: { id: true, recordingId: true } }), 'agreement');
    await deleteAgreement(db, agreement.id);
    res.flash('success', 'The agreement was deleted. Statements recorded under it were kept.');
    res.redirect(303, agreement.recordingId ? `/royalties/recordings/${agreement.recordingId}` : '/royalties');
  });

  // ---- Statements ----------------------------------------------------------------

  router.get('/royalties/statements', async (req, res) => {
    const db = dbFor(req);
    const filter = readStatementFilter(req.query as Record<string, unknown>);
    const [result, choices] = await Promise.all([findStatements(db, filter), statementFilterChoices(db)]);
    const shown = { ...filter, page: result.page };
    await res.page('royalties/statements', {
      title: 'Royalty statements',
      filter: shown,
      ...result,
      ...choices,
      filterQuery: statementFilterQuery,
      filtered: Boolean(filter.year || filter.payerId || filter.source),
    });
  });

  router.get('/royalties/statements/export.csv', async (req, res) => {
    const filter = readStatementFilter(req.query as Record<string, unknown>);
    const rows = await statementExportRows(dbFor(req), filter);
    const cells = rows.map((s): Cell[] => [
      s.receivedOn,
      s.payerName,
      s.source,
      s.recordingTitle,
      s.isrc ? formatIsrc(s.isrc) : '',
      s.periodStart,
      s.periodEnd,
      formatDecimal(s.amountMinor, s.currency),
      s.basisAmountMinor === null ? '' : formatDecimal(s.basisAmountMinor, s.currency),
      s.earnedMinor === null ? '' : formatDecimal(s.earnedMinor, s.currency),
      s.currency,
      s.reference,
    ]);
    res.attachment(`ledger-lines-royalty-statements-${todayFor(req)}.csv`);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Cache-Control', 'private, no-store');
    res.send(toCsv(STATEMENT_CSV_COLUMNS, cells));
  });

  async function showStatementForm(req: Request, res: Response, statement: StatementDetail | null, form: Form, status = 200) {
    const db = dbFor(req);
    const selected = /^[1-9]\d{0,9}$/.test(String(form.values.payerId ?? '')) ? Number(form.values.payerId) : null;
    const [agreements, recordings, payers] = await Promise.all([agreementChoices(db), recordingChoices(db), payerChoices(db, selected)]);
    await res.page(
      'royalties/statement-form',
      {
        title: statement ? 'Edit royalty statement' : 'Record royalties received',
        statement,
        action: statement ? `/royalties/statements/${statement.id}` : '/royalties/statements',
        back: statement?.recordingId ? `/royalties/recordings/${statement.recordingId}` : '/royalties/statements',
        values: form.values,
        errors: form.errors,
        agreements: agreements.map((a) => ({
          id: a.id,
          label: agreementLabel(a),
          recordingId: a.recordingId,
          payerId: a.payerId,
          currency: a.currency,
        })),
        recordingOptions: [{ value: '', label: '— None (a lump sum) —' }, ...recordings.map((r) => ({ value: String(r.id), label: `${r.title} — ${r.artist}` }))],
        payerOptions: [{ value: '', label: '— Not known —' }, ...payers.map((c) => ({ value: String(c.id), label: c.archived ? `${c.name} (archived)` : c.name }))],
        sourceOptions: royaltySources.list,
      },
      status,
    );
  }

  /** Rules that need today, on top of the schema. */
  function statementExtraErrors(req: Request, receivedOn: string): FieldErrors {
    const today = todayFor(req);
    return receivedOn > today ? { receivedOn: `That date is in the future. Record money once it has arrived (today is ${today}).` } : {};
  }

  router.get('/royalties/statements/new', async (req, res) => {
    const db = dbFor(req);
    const user = currentUser(req);
    const values: FormValues = { source: '', agreementId: '', recordingId: '', payerId: '', currency: user.homeCurrency, receivedOn: todayFor(req) };
    if (typeof req.query.agreementId === 'string') {
      const agreement = found(
        await db.royaltyAgreement.findUnique({ where: { id: parseId(req.query.agreementId, 'agreement') }, select: { id: true, recordingId: true, payerId: true, currency: true } }),
        'agreement',
      );
      Object.assign(values, {
        source: 'agreement',
        agreementId: String(agreement.id),
        recordingId: agreement.recordingId ? String(agreement.recordingId) : '',
        payerId: agreement.payerId ? String(agreement.payerId) : '',
        currency: agreement.currency,
      });
    }
    if (typeof req.query.recordingId === 'string') {
      const recording = found(await db.recording.findUnique({ where: { id: parseId(req.query.recordingId, 'recording') }, select: { id: true } }), 'recording');
      values.recordingId = String(recording.id);
    }
    if (!values.source) {
      const source = typeof req.query.source === 'string' && (royaltySources.values as readonly string[]).includes(req.query.source) ? req.query.source : null;
      values.source = source ?? ((await db.royaltyAgreement.count()) > 0 ? 'agreement' : 'nonfeatured_fund');
    }
    if (values.source === 'nonfeatured_fund' && !values.payerId) {
      // The fund pays these: pre-choose it when the musician has it as a client.
      const fund = await db.client.findFirst({ where: { kind: 'fund', archived: false }, select: { id: true }, orderBy: { id: 'asc' } });
      if (fund) values.payerId = String(fund.id);
    }
    await showStatementForm(req, res, null, { values, errors: {} });
  });

  async function saveStatement(req: Request, res: Response, statement: StatementDetail | null) {
    const db = dbFor(req);
    const form = parseForm(statementSchema, req.body);
    if (!form.ok) return showStatementForm(req, res, statement, form, 422);
    const extra = statementExtraErrors(req, form.data.receivedOn);
    if (Object.keys(extra).length) return showStatementForm(req, res, statement, { values: formValues(req.body), errors: extra }, 422);
    const result = statement ? await updateStatement(db, statement.id, form.data) : await createStatement(db, form.data);
    if (!result.ok) return showStatementForm(req, res, statement, { values: formValues(req.body), errors: result.errors }, 422);
    res.flash('success', statement ? 'Statement saved.' : 'Statement recorded.');
    res.redirect(303, result.recordingId ? `/royalties/recordings/${result.recordingId}` : '/royalties/statements');
  }

  router.post('/royalties/statements', (req, res) => saveStatement(req, res, null));

  router.get('/royalties/statements/:id/edit', async (req, res) => {
    const statement = found(await getStatement(dbFor(req), parseId(req.params.id, 'statement')), 'statement');
    await showStatementForm(req, res, statement, { values: statementValues(statement), errors: {} });
  });

  router.post('/royalties/statements/:id', async (req, res) => {
    const statement = found(await getStatement(dbFor(req), parseId(req.params.id, 'statement')), 'statement');
    await saveStatement(req, res, statement);
  });

  router.get('/royalties/statements/:id/delete', async (req, res) => {
    const statement = found(await getStatement(dbFor(req), parseId(req.params.id, 'statement')), 'statement');
    await res.page('royalties/statement-delete', { title: 'Delete royalty statement', statement });
  });

  router.post('/royalties/statements/:id/delete', async (req, res) => {
    const db = dbFor(req);
    const statement = found(await db.royaltyStatement.findUnique({ where: { id: parseId(req.params.id, 'statement') }, select: { id: true, recordingId: true } }), 'statement');
    await deleteStatement(db, statement.id);
    res.flash('success', 'The statement was deleted.');
    res.redirect(303, statement.recordingId ? `/royalties/recordings/${statement.recordingId}` : '/royalties/statements');
  });

  return router;
}

/** What was posted, minus the CSRF token: re-rendered as typed. */
function formValues(body: unknown): FormValues {
  const values: FormValues = body && typeof body === 'object' ? { ...(body as FormValues) } : {};
  delete values._csrf;
  return values;
}

const idValue = (id: number | null) => (id === null ? '' : String(id));

function agreementValues(a: AgreementDetail): FormValues {
  return {
    recordingId: idValue(a.recordingId),
    gigId: idValue(a.gigId),
    payerId: idValue(a.payerId),
    basis: a.basis,
    rate: pointsValue(a.rateBps),
    advance: a.advanceMinor ? formatDecimal(a.advanceMinor, a.currency) : '',
    currency: a.currency,
    recoupable: a.recoupable ? 'on' : '',
    startsOn: a.startsOn ?? '',
    notes: a.notes,
  };
}

function statementValues(s: StatementDetail): FormValues {
  return {
    source: s.source,
    agreementId: idValue(s.agreementId),
    recordingId: idValue(s.recordingId),
    payerId: idValue(s.payerId),
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    amount: formatDecimal(s.amountMinor, s.currency),
    basisAmount: s.basisAmountMinor === null ? '' : formatDecimal(s.basisAmountMinor, s.currency),
    // A figure worked out from the basis on save shows empty, so it is worked out again if the basis changes.
    earned: s.earnedMinor === null || (s.basisAmountMinor !== null && s.agreement && earnedToStore({ basisAmountMinor: s.basisAmountMinor, earnedMinor: null }, s.agreement.rateBps) === s.earnedMinor)
      ? ''
      : formatDecimal(s.earnedMinor, s.currency),
    currency: s.currency,
    receivedOn: s.receivedOn,
    reference: s.reference,
    notes: s.notes,
  };
}

