// Payments received: record one and say which gigs it settles, the list with
// its totals and CSV export, the payment page, edit (re-allocate) and delete.
//
// The form lists the payer's open gigs in the payment's currency with an
// amount per gig. Three ways to fill those in, all ending in the same checks
// (src/payments/queries.ts):
// - typed by the musician (public/js/payments.js pre-fills them live, oldest
//   first, as the amount is typed, until one is edited by hand);
// - "Suggest allocation" (intent=suggest): the server re-renders the form with
//   the oldest-first split, nothing saved — works without JavaScript;
// - left all empty on a new payment: the server splits it oldest first.
// The form carries `listedFor` ("<clientId>:<currency>" of the gigs it lists):
// when the payer or currency changed since, the amounts typed were for other
// gigs, so the form comes back with the right gigs instead of saving.
import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../app.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import { forUser } from '../db/scoped.ts';
import { todayIn } from '../lib/dates.ts';
import { formatDecimal, formatMoney, isCurrency, minorDigits, parseMoney } from '../lib/money.ts';
import { paidStateOf } from '../money/balances.ts';
import { toCsv, type Cell } from '../transfer/csv.ts';
import { found } from '../web/errors.ts';
import { parseForm, text, type FieldErrors, type FormValues } from '../web/forms.ts';
import { parseId } from '../web/params.ts';
import {
  balancesOf,
  creditByClient,
  deletePayment,
  findPayments,
  getPayment,
  gigLabel,
  lastMethodFor,
  oldestOwedCurrency,
  openGigsForClient,
  paymentClientChoices,
  paymentExportRows,
  paymentYears,
  recordPayment,
  suggestAllocation,
  updatePayment,
  type PaymentInput,
  type SaveResult,
} from './queries.ts';
import {
  ALLOCATION_FIELD,
  allocationField,
  hasTypedAllocation,
  paymentFilterQuery,
  paymentSchema,
  readAllocations,
  readPaymentFilter,
} from './schemas.ts';

export const PAYMENT_CSV_COLUMNS = ['received_on', 'client', 'amount', 'currency', 'method', 'reference', 'allocated', 'unallocated', 'gigs', 'notes'] as const;

/** The payments pages belong to the Money section of the main navigation. */
const SECTION = '/money';

type Mode = 'new' | 'edit';

type FormPage = {
  mode: Mode;
  paymentId?: number;
  values: FormValues;
  errors?: FieldErrors;
  notice?: string;
  /** Fill the allocation fields with the oldest-first split of this amount (replacing what was typed). */
  suggest?: { amountMinor: number; preferGigId: number | null };
};

const positiveId = (value: unknown) => (/^[1-9]\d{0,9}$/.test(text(value).trim()) ? Number(text(value).trim()) : null);

/** The form's values without any allocation fields. */
function withoutAllocations(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !ALLOCATION_FIELD.test(key)));
}

/** "Recorded $500.00 from Sunset Sound for 2 gigs. $50.00 kept as credit with Sunset Sound." */
export function savedMessage(result: Extract<SaveResult, { ok: true }>, mode: Mode, split: boolean): string {
  const amount = formatMoney(result.amountMinor, result.currency);
  const verb = mode === 'new' ? `Recorded ${amount} from ${result.clientName}` : `Saved the payment of ${amount} from ${result.clientName}`;
  const gigs = result.gigCount === 0 ? '' : ` for ${result.gigCount === 1 ? '1 gig' : `${result.gigCount} gigs`}${split ? ', oldest first' : ''}`;
  const credit = result.creditMinor > 0 ? ` ${formatMoney(result.creditMinor, result.currency)} kept as credit with ${result.clientName}.` : '';
  return `${verb}${gigs}.${credit}`;
}

export function paymentsRouter({ prisma }: FeatureDeps) {
  const router = Router();
  router.use('/payments', requireUser);

  const dbFor = (req: Request) => forUser(prisma, currentUser(req).id);

  // ---- The form ------------------------------------------------------------

  async function showForm(req: Request, res: Response, page: FormPage, status = 200) {
    const db = dbFor(req);
    const clientId = positiveId(page.values.clientId);
    const currency = text(page.values.currency).trim().toUpperCase();
    const [clients, rows] = await Promise.all([
      paymentClientChoices(db, clientId),
      clientId !== null && isCurrency(currency) ? openGigsForClient(db, clientId, currency, { paymentId: page.paymentId }) : Promise.resolve([]),
    ]);
    const client = clients.find((c) => c.id === clientId) ?? null;
    let values = page.values;
    if (page.suggest && client) {
      const { allocations } = suggestAllocation(rows, page.suggest.amountMinor, page.suggest.preferGigId);
      values = { ...withoutAllocations(values) };
      for (const a of allocations) values[allocationField(a.gigId)] = a.amountMinor > 0 ? formatDecimal(a.amountMinor, currency) : '';
    }
    // What the allocation adds up to as the form stands (the script keeps this line live).
    let summary: { allocatedMinor: number; creditMinor: number } | null = null;
    if (client && isCurrency(currency)) {
      const amount = parseMoney(text(values.amount), currency);
      let allocatedMinor = 0;
      for (const g of rows) {
        const typed = parseMoney(text(values[allocationField(g.gigId)]) || '0', currency);
        if (typed.ok) allocatedMinor += typed.minor;
      }
      if (amount.ok) summary = { allocatedMinor, creditMinor: amount.minor - allocatedMinor };
    }
    const today = todayIn(currentUser(req).timeZone);
    await res.page(
      'payments/form',
      {
        title: page.mode === 'new' ? 'Record a payment' : 'Edit payment',
        currentPath: SECTION,
        mode: page.mode,
        paymentId: page.paymentId,
        values,
        errors: page.errors ?? {},
        notice: page.notice,
        clients,
        client,
        currency: isCurrency(currency) ? currency : null,
        digits: isCurrency(currency) ? minorDigits(currency) : 2,
        rows: rows.map((g) => ({ ...g, label: gigLabel(g), future: g.date > today })),
        listedFor: client && isCurrency(currency) ? `${client.id}:${currency}` : '',
        summary,
      },
      status,
    );
  }

  async function save(req: Request, res: Response, mode: Mode, paymentId?: number) {
    const db = dbFor(req);
    const body: FormValues = req.body && typeof req.body === 'object' ? { ...req.body } : {};
    const intent = text(body.intent);
    delete body.intent;
    const form = parseForm(paymentSchema, body);
    if (!form.ok && intent === 'suggest' && text(body.amount).trim() === '') {
      // "Show open gigs" before the amount is typed: list them, nothing to split yet.
      const values: FormValues = withoutAllocations(form.values);
      return showForm(req, res, { mode, paymentId, values, notice: 'Enter the amount received to split it over these gigs.' });
    }
    if (!form.ok) return showForm(req, res, { mode, paymentId, values: form.values, errors: form.errors }, 422);
    const values: FormValues = { ...body };
    delete values._csrf;
    const fields = form.data;
    const today = todayIn(currentUser(req).timeZone);
    if (fields.receivedOn > today) {
      // Income counts when it arrives (tax years depend on it): a post-dated check is recorded when it clears.
      return showForm(req, res, { mode, paymentId, values, errors: { receivedOn: `Enter the date the money arrived: today (${today}) or earlier.` } }, 422);
    }

    const stale = text(body.listedFor) !== `${fields.clientId}:${fields.currency}`;
    if (intent === 'suggest' || (stale && (mode === 'edit' || hasTypedAllocation(values)))) {
      const client = await db.client.findUnique({ where: { id: fields.clientId }, select: { name: true } });
      if (!client) return showForm(req, res, { mode, paymentId, values, errors: { clientId: 'Choose who paid from your list of clients.' } }, 422);
      const notice =
        intent === 'suggest'
          ? `Split oldest first. Check the amounts, then ${mode === 'new' ? 'record the payment' : 'save'}.`
          : `These are ${client.name}’s open gigs in ${fields.currency}, split oldest first. Check the amounts, then ${mode === 'new' ? 'record the payment' : 'save'}.`;
      const suggest = { amountMinor: fields.amountMinor, preferGigId: positiveId(body.forGigId) };
      return showForm(req, res, { mode, paymentId, values, notice, suggest });
    }

    const read = stale ? ({ ok: true, empty: true } as const) : readAllocations(values, fields.currency);
    if (!read.ok) return showForm(req, res, { mode, paymentId, values, errors: read.errors }, 422);
    // Left all empty: a new payment settles the oldest gigs first; an edited one keeps nothing allocated.
    const split = read.empty && mode === 'new';
    const input: PaymentInput = { ...fields, allocations: read.empty ? (split ? 'oldest-first' : []) : read.allocations };
    const result = mode === 'new' ? await recordPayment(db, input) : await updatePayment(db, paymentId!, input);
    if (!result.ok) return showForm(req, res, { mode, paymentId, values, errors: result.errors }, 422);
    res.flash('success', savedMessage(result, mode, split && result.gigCount > 1));
    res.redirect(303, `/payments/${result.id}`);
  }

  router.get('/payments/new', async (req, res) => {
    const user = currentUser(req);
    const db = dbFor(req);
    const values: FormValues = { receivedOn: todayIn(user.timeZone), method: 'bank_transfer', currency: user.homeCurrency };
    let suggest: FormPage['suggest'];
    if (req.query.gigId !== undefined) {
      // From a gig's page: that gig's payer, currency and open balance, allocated to it.
      const gigId = parseId(req.query.gigId, 'gig');
      const gig = found(
        await db.gig.findUnique({ where: { id: gigId }, select: { id: true, clientId: true, payerId: true, lineItems: { select: { currency: true }, take: 1 } } }),
        'gig',
      );
      const payerId = gig.payerId ?? gig.clientId;
      const balance = (await balancesOf(db, [gig.id])).get(gig.id);
      values.currency = balance?.currency ?? gig.lineItems[0]?.currency ?? user.homeCurrency;
      values.forGigId = String(gig.id);
      if (payerId !== null) {
        values.clientId = String(payerId);
        values.method = (await lastMethodFor(db, payerId)) ?? values.method;
        if (balance && balance.owedMinor > 0) {
          values.amount = formatDecimal(balance.owedMinor, balance.currency);
          suggest = { amountMinor: balance.owedMinor, preferGigId: gig.id };
        }
      }
    } else if (req.query.clientId !== undefined) {
      const clientId = parseId(req.query.clientId, 'client');
      found(await db.client.findUnique({ where: { id: clientId }, select: { id: true } }), 'client');
      values.clientId = String(clientId);
      values.currency = (await oldestOwedCurrency(db, clientId)) ?? user.homeCurrency;
      values.method = (await lastMethodFor(db, clientId)) ?? values.method;
    }
    await showForm(req, res, { mode: 'new', values, suggest });
  });

  router.post('/payments', (req, res) => save(req, res, 'new'));

  // ---- The list and its export -------------------------------------------------

  router.get('/payments', async (req, res) => {
    const db = dbFor(req);
    const filter = readPaymentFilter(req.query as Record<string, unknown>);
    const [result, clients, years] = await Promise.all([findPayments(db, filter), paymentClientChoices(db, filter.clientId), paymentYears(db)]);
    const shown = { ...filter, page: result.page };
    const thisYear = todayIn(currentUser(req).timeZone).slice(0, 4);
    await res.page('payments/index', {
      title: 'Payments',
      currentPath: SECTION,
      ...result,
      filter: shown,
      clients,
      years: [...new Set([thisYear, ...years, ...(filter.year ? [filter.year] : [])])].sort().reverse(),
      filtered: Boolean(filter.clientId || filter.year || filter.method),
      query: (overrides: Parameters<typeof paymentFilterQuery>[1]) => paymentFilterQuery(shown, overrides),
    });
  });

  router.get('/payments/export.csv', async (req, res) => {
    const filter = readPaymentFilter(req.query as Record<string, unknown>);
    const rows = await paymentExportRows(dbFor(req), filter);
    const cells = rows.map((p): Cell[] => [
      p.receivedOn,
      p.clientName,
      formatDecimal(p.amountMinor, p.currency),
      p.currency,
      p.method,
      p.reference,
      formatDecimal(p.allocatedMinor, p.currency),
      formatDecimal(p.creditMinor, p.currency),
      p.gigs.map((g) => `${g.date} ${g.label}`).join('; '),
      p.notes,
    ]);
    res.attachment(`ledger-lines-payments-${todayIn(currentUser(req).timeZone)}.csv`);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Cache-Control', 'private, no-store');
    res.send(toCsv(PAYMENT_CSV_COLUMNS, cells));
  });

  // ---- One payment -----------------------------------------------------------------

  router.get('/payments/:id', async (req, res) => {
    const db = dbFor(req);
    const payment = found(await getPayment(db, parseId(req.params.id, 'payment')), 'payment');
    const today = todayIn(currentUser(req).timeZone);
    const [balances, credit] = await Promise.all([
      balancesOf(db, payment.allocations.map((a) => a.gigId)),
      payment.clientId === null ? Promise.resolve([]) : creditByClient(db, payment.clientId),
    ]);
    const allocatedMinor = payment.allocations.reduce((sum, a) => sum + a.amountMinor, 0);
    await res.page('payments/show', {
      title: `Payment of ${formatMoney(payment.amountMinor, payment.currency)}`,
      currentPath: SECTION,
      payment,
      allocatedMinor,
      creditMinor: payment.amountMinor - allocatedMinor,
      clientCredit: credit,
      gigs: payment.allocations.map((a) => {
        const balance = balances.get(a.gigId) ?? null;
        return { ...a.gig, label: gigLabel(a.gig), amountMinor: a.amountMinor, balance, paidState: balance ? paidStateOf(balance, today) : null };
      }),
    });
  });

  router.get('/payments/:id/edit', async (req, res) => {
    const payment = found(await getPayment(dbFor(req), parseId(req.params.id, 'payment')), 'payment');
    const values: FormValues = {
      clientId: payment.clientId === null ? '' : String(payment.clientId),
      amount: formatDecimal(payment.amountMinor, payment.currency),
      currency: payment.currency,
      receivedOn: payment.receivedOn,
      method: payment.method,
      reference: payment.reference,
      notes: payment.notes,
    };
    for (const a of payment.allocations) values[allocationField(a.gigId)] = formatDecimal(a.amountMinor, payment.currency);
    await showForm(req, res, { mode: 'edit', paymentId: payment.id, values });
  });

  router.post('/payments/:id', async (req, res) => {
    const id = parseId(req.params.id, 'payment');
    found(await dbFor(req).payment.findUnique({ where: { id }, select: { id: true } }), 'payment');
    await save(req, res, 'edit', id);
  });

  router.get('/payments/:id/delete', async (req, res) => {
    const payment = found(await getPayment(dbFor(req), parseId(req.params.id, 'payment')), 'payment');
    await res.page('payments/delete', {
      title: 'Delete payment',
      currentPath: SECTION,
      payment,
      gigs: payment.allocations.map((a) => ({ ...a.gig, label: gigLabel(a.gig), amountMinor: a.amountMinor })),
    });
  });

  router.post('/payments/:id/delete', async (req, res) => {
    const db = dbFor(req);
    const payment = found(
      await db.payment.findUnique({ where: { id: parseId(req.params.id, 'payment') }, select: { id: true, amountMinor: true, currency: true, _count: { select: { allocations: true } } } }),
      'payment',
    );
    await deletePayment(db, payment.id);
    const gigs = payment._count.allocations;
    res.flash(
      'success',
      `Deleted the payment of ${formatMoney(payment.amountMinor, payment.currency)}.${gigs ? ` The ${gigs === 1 ? 'gig it settled is' : `${gigs} gigs it settled are`} owed again.` : ''}`,
    );
    res.redirect(303, '/payments');
  });

  return router;
}
