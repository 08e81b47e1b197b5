// Invoices: the list and its CSV, numbering settings, creating an invoice
// from a client's gigs, the printable invoice and its PDF, voiding, and
// reminders for overdue invoices.
import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../app.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import { forUser } from '../db/scoped.ts';
import { addDays, daysBetween, todayIn } from '../lib/dates.ts';
import { formatDecimal } from '../lib/money.ts';
import { toCsv, type Cell } from '../transfer/csv.ts';
import { found } from '../web/errors.ts';
import { parseForm, text, type FieldErrors, type FormValues } from '../web/forms.ts';
import { parseId } from '../web/params.ts';
import { pageSizeFor, renderInvoicePdf } from './pdf.ts';
import {
  INVOICEABLE_GIGS_SHOWN,
  clientsToInvoice,
  createInvoice,
  defaultTerms,
  findInvoices,
  formatInvoiceNumber,
  fundLabel,
  lineLabel,
  getInvoiceDocument,
  invoiceExportRows,
  invoiceListUrl,
  invoiceStatusLabel,
  invoiceSummary,
  invoiceableGigs,
  numberingOf,
  parseInvoiceFilter,
  recordReminder,
  saveNumbering,
  statusFilters,
  voidInvoice,
  type InvoiceSummary,
} from './queries.ts';
import { mailtoUrl, reminderText } from './reminder.ts';
import { NOTES_MAX, PREFIX_MAX, TERMS_MAX, invoiceSchema, invoiceSettingsSchema, reminderChannels, reminderSchema } from './schemas.ts';

export const INVOICE_CSV_COLUMNS = ['number', 'client', 'issued_on', 'due_on', 'currency', 'total', 'paid', 'balance', 'status'] as const;

/** A safe download name from an invoice number: "INV-0042" → "INV-0042.pdf"; "2026/7" → "2026-7.pdf". */
export function pdfFilename(number: string): string {
  const safe = number.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return `${safe || 'invoice'}.pdf`;
}

/** The client's name for a greeting or a list: the client row, else the first line of the snapshot. */
const addresseeOf = (s: { clientName: string | null; billToText: string }) => s.clientName ?? s.billToText.split('\n')[0] ?? '';

const channelLabel = (value: string) => reminderChannels.find((c) => c.value === value)?.label ?? value;

export function invoicesRouter({ prisma }: FeatureDeps) {
  const router = Router();
  router.use('/invoices', requireUser, (_req, res, next) => {
    res.locals.invoiceStatusLabel = invoiceStatusLabel;
    res.locals.lineLabel = lineLabel;
    res.locals.fundLabel = fundLabel;
    next();
  });

  const dbFor = (req: Request) => forUser(prisma, currentUser(req).id);
  const todayFor = (req: Request) => todayIn(currentUser(req).timeZone);
  /** A stored instant (reminder sent) as the musician's calendar date. */
  const dateIn = (req: Request, at: Date) => todayIn(currentUser(req).timeZone, at);

  // -------------------------------------------------------------------------
  // The list and its export

  router.get('/invoices', async (req, res) => {
    const filter = parseInvoiceFilter(req.query as Record<string, unknown>);
    const result = await findInvoices(dbFor(req), filter, todayFor(req));
    const shown = { ...filter, page: result.page };
    await res.page('invoices/index', {
      title: 'Invoices',
      ...result,
      rows: result.rows.map((r) => ({ ...r, addressee: addresseeOf(r), lastReminderOn: r.lastReminderAt ? dateIn(req, r.lastReminderAt) : null })),
      filter: shown,
      statusFilters,
      exportUrl: invoiceListUrl(shown, { page: 1 }, '/invoices/export.csv'),
      pageUrl: (page: number) => invoiceListUrl(shown, { page }),
    });
  });

  router.get('/invoices/export.csv', async (req, res) => {
    const filter = parseInvoiceFilter(req.query as Record<string, unknown>);
    const today = todayFor(req);
    const rows = await invoiceExportRows(dbFor(req), filter, today);
    const cells = rows.map((r): Cell[] => [
      r.number,
      addresseeOf(r),
      r.issuedOn,
      r.dueOn,
      r.currency,
      formatDecimal(r.totalMinor, r.currency),
      formatDecimal(r.paidMinor, r.currency),
      formatDecimal(r.balanceMinor, r.currency),
      r.status,
    ]);
    res.attachment(`ledger-lines-invoices-${today}.csv`);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Cache-Control', 'private, no-store');
    res.send(toCsv(INVOICE_CSV_COLUMNS, cells));
  });

  // -------------------------------------------------------------------------
  // Numbering: prefix and next number

  async function showSettings(req: Request, res: Response, form: { values?: FormValues; errors?: FieldErrors } = {}, status = 200) {
    const current = await numberingOf(prisma, currentUser(req).id);
    await res.page(
      'invoices/settings',
      {
        title: 'Invoice numbering',
        current,
        nextNumber: formatInvoiceNumber(current.invoicePrefix, current.nextInvoiceNumber),
        values: form.values ?? { invoicePrefix: current.invoicePrefix, nextInvoiceNumber: String(current.nextInvoiceNumber) },
        errors: form.errors ?? {},
        prefixMax: PREFIX_MAX,
      },
      status,
    );
  }

  router.get('/invoices/settings', (req, res) => showSettings(req, res));

  router.post('/invoices/settings', async (req, res) => {
    const form = parseForm(invoiceSettingsSchema, req.body);
    if (!form.ok) return showSettings(req, res, form, 422);
    const saved = await saveNumbering(prisma, currentUser(req).id, form.data);
    if (!saved.ok) {
      const errors = {
        nextInvoiceNumber: `Invoice numbers are never reused, so the next number can only go up: it is ${saved.current} now. Enter ${saved.current} or more.`,
      };
      return showSettings(req, res, { values: req.body, errors }, 422);
    }
    res.flash('success', `Saved. Your next invoice will be ${formatInvoiceNumber(form.data.invoicePrefix, form.data.nextInvoiceNumber)}.`);
    res.redirect(303, '/invoices/settings');
  });

  // -------------------------------------------------------------------------
  // New invoice: choose a client, then tick their gigs

  async function showNew(
    req: Request,
    res: Response,
    client: { id: number; name: string },
    form: { values: FormValues; errors: FieldErrors; notice?: string },
    status = 200,
  ) {
    const user = currentUser(req);
    const today = todayFor(req);
    const { gigs, total } = await invoiceableGigs(dbFor(req), client.id);
    const raw = form.values.gigIds;
    const ticked = new Set((Array.isArray(raw) ? raw : raw == null ? [] : [raw]).map(String));
    await res.page(
      'invoices/new',
      {
        title: `New invoice for ${client.name}`,
        client,
        gigs,
        totalGigs: total,
        shownLimit: INVOICEABLE_GIGS_SHOWN,
        ticked,
        values: form.values,
        errors: form.errors,
        notice: form.notice,
        termsDays: user.paymentTermsDays,
        defaultDue: addDays(today, user.paymentTermsDays),
        defaultTerms: defaultTerms(today, addDays(today, user.paymentTermsDays)),
        limits: { terms: TERMS_MAX, notes: NOTES_MAX },
      },
      status,
    );
  }

  router.get('/invoices/new', async (req, res) => {
    const db = dbFor(req);
    if (req.query.clientId === undefined) {
      const clients = await clientsToInvoice(db);
      return res.page('invoices/choose-client', { title: 'New invoice', clients });
    }
    const client = found(await db.client.findUnique({ where: { id: parseId(req.query.clientId, 'client') }, select: { id: true, name: true } }), 'client');
    const values: FormValues = { clientId: String(client.id), issuedOn: todayFor(req), dueOn: '', terms: '', notes: '' };
    if (typeof req.query.gigId === 'string' && /^[1-9]\d{0,9}$/.test(req.query.gigId)) values.gigIds = [req.query.gigId];
    await showNew(req, res, client, { values, errors: {} });
  });

  router.post('/invoices', async (req, res) => {
    const db = dbFor(req);
    // The client comes from the page the form is on: another musician's (or no) client is a 404.
    const client = found(
      await db.client.findUnique({ where: { id: parseId(text(req.body?.clientId).trim(), 'client') }, select: { id: true, name: true, company: true, email: true, city: true } }),
      'client',
    );
    const form = parseForm(invoiceSchema, req.body);
    if (!form.ok) return showNew(req, res, client, form, 422);
    const created = await createInvoice(db, client, form.data, { paymentTermsDays: currentUser(req).paymentTermsDays });
    if (!created.ok) {
      const values: FormValues = { ...req.body };
      delete values._csrf;
      return showNew(req, res, client, { values, errors: created.errors }, 422);
    }
    res.flash('success', `Invoice ${created.number} created. Download the PDF or print this page to send it.`);
    res.redirect(303, `/invoices/${created.id}`);
  });

  // -------------------------------------------------------------------------
  // One invoice

  async function documentFor(req: Request) {
    const id = parseId(req.params.id, 'invoice');
    return found(await getInvoiceDocument(dbFor(req), id, todayFor(req)), 'invoice');
  }

  // Before /invoices/:id, which would otherwise take "12.pdf" as an id (and 404).
  router.get('/invoices/:id.pdf', async (req, res) => {
    const user = currentUser(req);
    const doc = await documentFor(req);
    const bytes = await renderInvoicePdf(doc, { pageSize: pageSizeFor(user.homeCurrency), musicianName: user.name });
    res.attachment(pdfFilename(doc.invoice.number));
    res.set('Content-Type', 'application/pdf');
    res.set('Cache-Control', 'private, no-store');
    res.send(bytes);
  });

  router.get('/invoices/:id', async (req, res) => {
    const doc = await documentFor(req);
    await res.page('invoices/show', {
      title: `Invoice ${doc.invoice.number}`,
      doc,
      reminders: doc.invoice.reminders.map((r) => ({ on: dateIn(req, r.sentAt), channel: channelLabel(r.channel) })),
      voidedOn: doc.invoice.voidedAt ? dateIn(req, doc.invoice.voidedAt) : null,
    });
  });

  async function summaryFor(req: Request): Promise<InvoiceSummary> {
    const id = parseId(req.params.id, 'invoice');
    return found(await invoiceSummary(dbFor(req), id, todayFor(req)), 'invoice');
  }

  router.get('/invoices/:id/void', async (req, res) => {
    const summary = await summaryFor(req);
    if (summary.status === 'void') {
      res.flash('info', `Invoice ${summary.number} is already void.`);
      return res.redirect(303, `/invoices/${summary.id}`);
    }
    await res.page('invoices/void', { title: `Void invoice ${summary.number}`, summary, addressee: addresseeOf(summary) });
  });

  router.post('/invoices/:id/void', async (req, res) => {
    const summary = await summaryFor(req);
    const voided = await voidInvoice(dbFor(req), summary.id, todayFor(req));
    res.flash(
      voided ? 'success' : 'info',
      voided
        ? `Invoice ${summary.number} is void. Its number stays used; its gigs can go on a new invoice.`
        : `Invoice ${summary.number} was already void.`,
    );
    res.redirect(303, `/invoices/${summary.id}`);
  });

  // -------------------------------------------------------------------------
  // Reminders

  async function showReminder(req: Request, res: Response, summary: InvoiceSummary, form: { values: FormValues; errors: FieldErrors } = { values: { channel: 'email' }, errors: {} }, status = 200) {
    const user = currentUser(req);
    const today = todayFor(req);
    let reminder = null;
    const daysLate = daysBetween(summary.dueOn, today);
    if (summary.status === 'overdue') {
      const { subject, body } = reminderText({
        number: summary.number,
        issuedOn: summary.issuedOn,
        dueOn: summary.dueOn,
        currency: summary.currency,
        balanceMinor: summary.balanceMinor,
        paidMinor: summary.paidMinor,
        daysLate,
        clientName: addresseeOf(summary),
        musicianName: user.name,
        musicianEmail: user.email,
      });
      reminder = { subject, body, to: summary.clientEmail ?? '', mailto: mailtoUrl(summary.clientEmail ?? '', subject, body) };
    }
    const last = await dbFor(req).invoiceReminder.findFirst({ where: { invoiceId: summary.id }, orderBy: [{ sentAt: 'desc' }, { id: 'desc' }], select: { sentAt: true, channel: true } });
    await res.page(
      'invoices/reminder',
      {
        title: `Reminder for ${summary.number}`,
        summary,
        reminder,
        daysLate,
        addressee: addresseeOf(summary),
        lastReminder: last ? { on: dateIn(req, last.sentAt), channel: channelLabel(last.channel) } : null,
        channels: reminderChannels,
        values: form.values,
        errors: form.errors,
      },
      status,
    );
  }

  router.get('/invoices/:id/reminder', async (req, res) => showReminder(req, res, await summaryFor(req)));

  router.post('/invoices/:id/reminders', async (req, res) => {
    const summary = await summaryFor(req);
    if (summary.status !== 'overdue') {
      res.flash('info', `Invoice ${summary.number} is not overdue, so no reminder was recorded.`);
      return res.redirect(303, `/invoices/${summary.id}`);
    }
    const form = parseForm(reminderSchema, req.body);
    if (!form.ok) return showReminder(req, res, summary, form, 422);
    await recordReminder(dbFor(req), summary.id, form.data.channel);
    res.flash('success', `Noted: a reminder for ${summary.number} went out today (${channelLabel(form.data.channel).toLowerCase()}).`);
    res.redirect(303, `/invoices/${summary.id}`);
  });

  return router;
}
