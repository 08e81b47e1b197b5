// Gigs: the quick log, the list, the gig page, edit, duplicate, status, delete.
import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../app.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import { forUser, type UserDb } from '../db/scoped.ts';
import { clientChoices } from '../clients/queries.ts';
import { todayIn, formatDuration } from '../lib/dates.ts';
import { formatDecimal } from '../lib/money.ts';
import { gigStatuses } from '../domain/vocabulary.ts';
import { paidStateOf, paidStates } from '../money/balances.ts';
import { found } from '../web/errors.ts';
import { parseForm, type FieldErrors, type FormValues } from '../web/forms.ts';
import { parseId } from '../web/params.ts';
import { cachedBody, pageKey } from '../web/render.ts';
import { gigSchema, type GigInput } from './schemas.ts';
import { createGig, deleteGig, findGigs, getGig, gigBalance, lastGigDefaults, setGigStatus, updateGig, GIGS_PER_PAGE, type GigDetail } from './queries.ts';
import { filterQuery, parseGigFilter } from './filters.ts';
import { proposeLineItems } from '../fees/calculator.ts';
import { feeCalculatorSchema } from '../fees/schemas.ts';
import { defaultRateCard, rateCardsFor } from '../fees/queries.ts';

/** Blank fee lines offered on the form beyond those already filled in. */
const SPARE_FEE_LINES = 2;

export function gigsRouter({ prisma, reads }: FeatureDeps) {
  const router = Router();
  router.use('/gigs', requireUser);

  const dbFor = (req: Request) => forUser(prisma, currentUser(req).id);

  async function showForm(
    req: Request,
    res: Response,
    form: { mode: 'new' | 'edit'; gigId?: number; values: FormValues; errors?: FieldErrors; notice?: string },
    status = 200,
  ) {
    const db = dbFor(req);
    const [clients, rateCards] = await Promise.all([clientChoices(db), rateCardsFor(db)]);
    const items = Array.isArray(form.values.items) ? (form.values.items as FormValues[]) : [];
    const filled = items.filter((i) => i && (i.amount || i.description));
    const rows = [...filled, ...Array.from({ length: Math.max(SPARE_FEE_LINES, 1 - filled.length + SPARE_FEE_LINES) }, () => ({ kind: filled.length ? 'overtime' : 'base_fee' }))];
    await res.page(
      'gigs/form',
      {
        title: form.mode === 'new' ? 'Log a gig' : 'Edit gig',
        mode: form.mode,
        gigId: form.gigId,
        values: { ...form.values, items: rows },
        errors: form.errors ?? {},
        notice: form.notice,
        clients,
        rateCards,
        today: todayIn(currentUser(req).timeZone),
      },
      status,
    );
  }

  /** Rules that need to know today or the musician, on top of the schema. */
  function extraErrors(req: Request, input: GigInput): FieldErrors {
    const errors: FieldErrors = {};
    if (input.status === 'done' && input.date > todayIn(currentUser(req).timeZone)) {
      errors.status = 'This gig is in the future, so it can’t be done yet: choose Booked or Inquiry / hold.';
    }
    return errors;
  }

  /**
   * "Propose fees": works out the fee lines from a rate card and shows the
   * form again with them filled in, for the musician to check and edit.
   * Nothing is saved.
   */
  async function proposeFees(req: Request, res: Response, mode: 'new' | 'edit', gigId?: number) {
    const db = dbFor(req);
    const values: FormValues = { ...req.body };
    const form = parseForm(feeCalculatorSchema, { ...req.body, sessionHours: req.body.hours });
    if (!form.ok) {
      const { sessionHours, ...errors } = form.errors;
      return showForm(req, res, { mode, gigId, values, errors: sessionHours ? { ...errors, hours: sessionHours } : errors }, 422);
    }
    const { rateCardId, ...session } = form.data;
    const card = rateCardId ? await db.rateCard.findUnique({ where: { id: rateCardId } }) : await defaultRateCard(db);
    if (!card) {
      const message = rateCardId ? 'That rate card is not one of yours.' : 'Choose a rate card (or set one as your default under Settings → Rate cards).';
      return showForm(req, res, { mode, gigId, values, errors: { rateCardId: message } }, 422);
    }
    const lines = proposeLineItems(card, session);
    values.currency = card.currency;
    values.items = lines.map((line) => ({ kind: line.kind, description: line.description, amount: formatDecimal(line.amountMinor, card.currency) }));
    const notice = `Fees proposed from “${card.name}”. Check each line — edit or clear any of them — then ${mode === 'new' ? 'log the gig' : 'save'}.`;
    await showForm(req, res, { mode, gigId, values, notice });
  }

  async function save(req: Request, res: Response, mode: 'new' | 'edit', gigId?: number) {
    if (req.body?.intent === 'calculate') return proposeFees(req, res, mode, gigId);
    const user = currentUser(req);
    const db = dbFor(req);
    const form = parseForm(gigSchema, req.body);
    if (!form.ok) return showForm(req, res, { mode, gigId, values: form.values, errors: form.errors }, 422);
    const extra = extraErrors(req, form.data);
    if (Object.keys(extra).length) return showForm(req, res, { mode, gigId, values: req.body, errors: extra }, 422);
    const result =
      mode === 'new'
        ? await createGig(db, form.data, { paymentTermsDays: user.paymentTermsDays })
        : await updateGig(db, gigId!, form.data);
    if (!result.ok) return showForm(req, res, { mode, gigId, values: req.body, errors: result.errors }, 422);
    const added = result.createdClient ? ` ${result.createdClient} was added to your clients.` : '';
    res.flash('success', mode === 'new' ? `Logged.${added}` : `Saved.${added}`);
    res.redirect(303, `/gigs/${result.id}`);
  }

  router.get('/gigs', async (req, res) => {
    const user = currentUser(req);
    const db = dbFor(req);
    const today = todayIn(user.timeZone);
    const { filter, problems } = parseGigFilter(req.query as Record<string, unknown>);
    const html = await cachedBody(res, reads, pageKey(req, today), 'gigs/index', async () => {
      const [result, clients] = await Promise.all([findGigs(db, filter, today), clientChoices(db)]);
      const pages = Math.max(1, Math.ceil(result.total / GIGS_PER_PAGE));
      return {
        ...result,
        rows: result.rows.map((r) => ({ ...r, paidState: r.agreedMinor != null ? paidStateOf({ agreedMinor: r.agreedMinor, paidMinor: r.paidMinor ?? 0, owedMinor: r.owedMinor ?? 0, dueDate: r.dueDate }, today) : null })),
        filter,
        problems,
        pages,
        clients,
        paidStates,
        filterQuery,
        filtered: Boolean(filter.from || filter.to || filter.clientId || filter.kind || filter.status || filter.paid || filter.q),
      };
    });
    await res.page({ html }, { title: 'Gigs' });
  });

  router.get('/gigs/new', async (req, res) => {
    const user = currentUser(req);
    const db = dbFor(req);
    const today = todayIn(user.timeZone);
    const defaults = await lastGigDefaults(db);
    let values: FormValues = {
      date: today,
      kind: 'studio_session',
      status: 'done',
      instruments: defaults.instruments,
      currency: defaults.currency ?? user.homeCurrency,
      workForHire: 'on',
      items: [{ kind: 'base_fee' }],
    };
    if (typeof req.query.clientId === 'string') {
      const client = await db.client.findUnique({ where: { id: parseId(req.query.clientId, 'client') }, select: { name: true } });
      values.clientName = found(client, 'client').name;
    }
    let notice: string | undefined;
    if (typeof req.query.from === 'string') {
      // "Same as last Tuesday": everything from that gig except the date, the status and the paperwork.
      const source = found(await getGig(db, parseId(req.query.from, 'gig')), 'gig');
      values = { ...formValuesOf(source), date: today, status: 'done', dueDate: '', bFormFiled: '' };
      notice = `A copy of the gig on ${source.date}. Check the date and fees, then log it.`;
    }
    await showForm(req, res, { mode: 'new', values, notice });
  });

  router.post('/gigs', (req, res) => save(req, res, 'new'));

  router.get('/gigs/:id', async (req, res) => {
    const user = currentUser(req);
    const db = dbFor(req);
    const id = parseId(req.params.id, 'gig');
    const [gig, balance] = await Promise.all([getGig(db, id), gigBalance(db, id)]);
    const today = todayIn(user.timeZone);
    await res.page('gigs/show', {
      title: gigTitle(found(gig, 'gig')),
      gig,
      balance,
      paidState: balance ? paidStateOf(balance, today) : null,
      fundsMinor: gig!.lineItems.filter((i) => !i.owedToMusician).reduce((sum, i) => sum + i.amountMinor, 0),
      today,
      nextStatus: nextStatus(gig!.status),
    });
  });

  router.get('/gigs/:id/edit', async (req, res) => {
    const gig = found(await getGig(dbFor(req), parseId(req.params.id, 'gig')), 'gig');
    await showForm(req, res, { mode: 'edit', gigId: gig.id, values: formValuesOf(gig) });
  });

  router.post('/gigs/:id', async (req, res) => {
    const id = parseId(req.params.id, 'gig');
    found(await dbFor(req).gig.findUnique({ where: { id }, select: { id: true } }), 'gig');
    await save(req, res, 'edit', id);
  });

  router.post('/gigs/:id/status', async (req, res) => {
    const id = parseId(req.params.id, 'gig');
    const db = dbFor(req);
    const gig = found(await db.gig.findUnique({ where: { id }, select: { date: true } }), 'gig');
    const status = typeof req.body?.status === 'string' ? req.body.status : '';
    if (!(gigStatuses.values as readonly string[]).includes(status)) {
      res.flash('error', 'That status is not one we know.');
    } else if (status === 'done' && gig.date > todayIn(currentUser(req).timeZone)) {
      res.flash('error', 'This gig is in the future, so it can’t be done yet.');
    } else {
      await setGigStatus(db, id, status);
      res.flash('success', `Marked as ${gigStatuses.labelOf(status).toLowerCase()}.`);
    }
    res.redirect(303, `/gigs/${id}`);
  });

  router.get('/gigs/:id/delete', async (req, res) => {
    const gig = found(await getGig(dbFor(req), parseId(req.params.id, 'gig')), 'gig');
    await res.page('gigs/delete', { title: 'Delete gig', gig });
  });

  router.post('/gigs/:id/delete', async (req, res) => {
    const id = parseId(req.params.id, 'gig');
    await deleteGig(dbFor(req), id);
    res.flash('success', 'The gig was deleted.');
    res.redirect(303, '/gigs');
  });

  return router;
}

export function gigTitle(gig: { title: string; artist: string; date: string }) {
  return gig.title || gig.artist || `Gig on ${gig.date}`;
}

function nextStatus(status: string) {
  return status === 'hold' ? 'booked' : status === 'booked' ? 'done' : null;
}

/** The form's values for an existing gig (edit, duplicate). */
function formValuesOf(gig: GigDetail): FormValues {
  const currency = gig.lineItems[0]?.currency;
  return {
    date: gig.date,
    startTime: gig.startTime ?? '',
    hours: formatDuration(gig.durationMinutes),
    kind: gig.kind,
    status: gig.status,
    clientName: gig.client?.name ?? '',
    payerName: gig.payer?.name ?? '',
    title: gig.title,
    artist: gig.artist,
    location: gig.location,
    instruments: gig.instruments,
    union: gig.union ? 'on' : '',
    bFormType: gig.bFormType,
    bFormFiled: gig.bFormFiled ? 'on' : '',
    workForHire: gig.workForHire ? 'on' : '',
    notes: gig.notes,
    dueDate: gig.dueDate ?? '',
    currency: currency ?? '',
    items: gig.lineItems.map((i) => ({ kind: i.kind, description: i.description, amount: formatDecimal(i.amountMinor, i.currency) })),
  };
}

