// The clients pages: list and search, new/edit, the client page with its
// totals and history, archive, and merging a duplicate into another client.
// Clients are never deleted from here: their gigs and payments are the
// musician's history (archive hides them instead).
import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../app.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import { forUser, type UserDb } from '../db/scoped.ts';
import { clientKinds } from '../domain/vocabulary.ts';
import { todayIn } from '../lib/dates.ts';
import { formatMoney } from '../lib/money.ts';
import { found } from '../web/errors.ts';
import { parseForm, text, type FieldErrors, type FormValues } from '../web/forms.ts';
import { parseId } from '../web/params.ts';
import { pageParam, pagerLinks } from '../web/pager.ts';
import { mergeClients, mergeSummary } from './merge.ts';
import { creditByClient } from '../payments/queries.ts';
import {
  clientFigures,
  clientGigHistory,
  clientPayments,
  createClient,
  duplicateName,
  findClients,
  getClient,
  mergeChoices,
  mergeCounts,
  organisationChoices,
  setArchived,
  updateClient,
} from './queries.ts';
import { clientSchema, listUrl, mergeSchema, readListFilter } from './schemas.ts';

type Form = { values: FormValues; errors: FieldErrors };

const emptyForm = (): Form => ({ values: { kind: 'studio' }, errors: {} });

export function clientsRouter({ prisma }: FeatureDeps) {
  const router = Router();
  router.use('/clients', requireUser, (_req, res, next) => {
    res.locals.formatMoney = formatMoney;
    next();
  });

  const scoped = (req: Request) => forUser(prisma, currentUser(req).id);

  // ---- List ---------------------------------------------------------------

  router.get('/clients', async (req, res) => {
    const user = currentUser(req);
    const filter = readListFilter(req.query as Record<string, unknown>);
    const today = todayIn(user.timeZone);
    const result = await findClients(scoped(req), filter, today);
    const shown = { ...filter, page: result.page };
    await res.page('clients/index', {
      title: 'Clients',
      filter: shown,
      kindOptions: [{ value: '', label: 'All kinds' }, ...clientKinds.list],
      year: today.slice(0, 4),
      ...result,
      filtered: Boolean(filter.q || filter.kind || filter.archived),
      pager: pagerLinks(result.page, result.pages, (p) => listUrl(shown, p)),
    });
  });

  // ---- New / edit ----------------------------------------------------------

  async function showForm(res: Response, db: UserDb, client: { id: number; name: string } | null, form: Form, status = 200) {
    const currentOrg = Number(form.values.organizationId) || null;
    const orgs = await organisationChoices(db, client?.id ?? null, currentOrg);
    await res.page(
      'clients/form',
      {
        title: client ? `Edit ${client.name}` : 'New client',
        client,
        action: client ? `/clients/${client.id}` : '/clients',
        values: form.values,
        errors: form.errors,
        kindOptions: clientKinds.list,
        organisationOptions: [
          { value: '', label: 'None' },
          ...orgs.map((o) => ({ value: String(o.id), label: o.archived ? `${o.name} (archived)` : o.name })),
        ],
      },
      status,
    );
  }

  /**
   * The form's shape (zod), then what needs the database: the organisation is
   * one of ours and not the client itself, and no other client has the name.
   * All messages come back together, so one round trip shows every problem.
   */
  async function validateClient(db: UserDb, body: unknown, selfId: number | null) {
    const form = parseForm(clientSchema, body);
    const raw = (body ?? {}) as Record<string, unknown>;
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    const name = text(raw.name).trim();
    if (!errors.name && name) {
      const duplicate = await duplicateName(db, name, selfId);
      if (duplicate) errors.name = `You already have a client called “${duplicate.name}”. Use another name, or merge the two clients.`;
    }
    const orgRaw = text(raw.organizationId).trim();
    if (!errors.organizationId && /^[1-9]\d{0,9}$/.test(orgRaw)) {
      const orgId = Number(orgRaw);
      if (orgId === selfId) errors.organizationId = 'A client cannot be its own organisation.';
      else if (!(await db.client.findUnique({ where: { id: orgId }, select: { id: true } }))) {
        errors.organizationId = 'Choose an organisation from your list of clients.';
      }
    }
    if (form.ok && Object.keys(errors).length === 0) return { ok: true as const, data: form.data };
    const values: FormValues = { ...raw };
    delete values._csrf;
    return { ok: false as const, values, errors };
  }

  router.get('/clients/new', async (req, res) => {
    const db = scoped(req);
    await showForm(res, db, null, emptyForm());
  });

  router.post('/clients', async (req, res) => {
    const db = scoped(req);
    const form = await validateClient(db, req.body, null);
    if (!form.ok) return showForm(res, db, null, form, 422);
    const client = await createClient(db, form.data);
    res.flash('success', `Added ${client.name}.`);
    res.redirect(303, `/clients/${client.id}`);
  });

  router.get('/clients/:id/edit', async (req, res) => {
    const db = scoped(req);
    const client = found(await db.client.findUnique({ where: { id: parseId(req.params.id, 'client') } }), 'client');
    const values: FormValues = {
      kind: client.kind,
      name: client.name,
      company: client.company,
      organizationId: client.organizationId === null ? '' : String(client.organizationId),
      email: client.email,
      phone: client.phone,
      city: client.city,
      notes: client.notes,
    };
    await showForm(res, db, client, { values, errors: {} });
  });

  router.post('/clients/:id', async (req, res) => {
    const db = scoped(req);
    const client = found(
      await db.client.findUnique({ where: { id: parseId(req.params.id, 'client') }, select: { id: true, name: true } }),
      'client',
    );
    const form = await validateClient(db, req.body, client.id);
    if (!form.ok) return showForm(res, db, client, form, 422);
    const saved = await updateClient(db, client.id, form.data);
    res.flash('success', `Saved ${saved.name}.`);
    res.redirect(303, `/clients/${client.id}`);
  });

  // ---- Client page ----------------------------------------------------------

  router.get('/clients/:id', async (req, res) => {
    const user = currentUser(req);
    const db = scoped(req);
    const id = parseId(req.params.id, 'client');
    const client = found(await getClient(db, id), 'client');
    const today = todayIn(user.timeZone);
    const gigPage = pageParam(req.query.page);
    const paymentPage = pageParam(req.query.payments);
    const [figures, history, payments, credit] = await Promise.all([
      clientFigures(db, [id], today),
      clientGigHistory(db, id, gigPage),
      clientPayments(db, id, paymentPage),
      creditByClient(db, id),
    ]);
    const pageUrl = (gigs: number, pays: number) => {
      const params = new URLSearchParams();
      if (gigs > 1) params.set('page', String(gigs));
      if (pays > 1) params.set('payments', String(pays));
      const qs = params.toString();
      return `/clients/${id}${qs ? `?${qs}` : ''}`;
    };
    await res.page('clients/show', {
      title: client.name,
      client,
      figures: figures.get(id)!,
      year: today.slice(0, 4),
      history,
      payments,
      credit,
      gigPager: pagerLinks(history.page, history.pages, (p) => `${pageUrl(p, payments.page)}#gigs`),
      paymentPager: pagerLinks(payments.page, payments.pages, (p) => `${pageUrl(history.page, p)}#payments`),
    });
  });

  // ---- Archive ------------------------------------------------------------------

  router.post('/clients/:id/archive', async (req, res) => {
    const client = await setArchived(scoped(req), parseId(req.params.id, 'client'), true);
    res.flash('success', `Archived ${client.name}. It is hidden from pick lists; its gigs and payments stay as they are.`);
    res.redirect(303, `/clients/${client.id}`);
  });

  router.post('/clients/:id/unarchive', async (req, res) => {
    const client = await setArchived(scoped(req), parseId(req.params.id, 'client'), false);
    res.flash('success', `${client.name} is active again.`);
    res.redirect(303, `/clients/${client.id}`);
  });

  // ---- Merge ----------------------------------------------------------------------

  async function showMerge(res: Response, db: UserDb, client: { id: number; name: string }, form: Form, status = 200) {
    const [choices, counts] = await Promise.all([mergeChoices(db, client.id), mergeCounts(db, client.id)]);
    await res.page(
      'clients/merge',
      {
        title: `Merge ${client.name}`,
        client,
        counts,
        values: form.values,
        errors: form.errors,
        hasChoices: choices.length > 0,
        intoOptions: [
          { value: '', label: 'Choose the client to keep…' },
          ...choices.map((c) => ({
            value: String(c.id),
            label: `${c.name}${c.city ? ` (${c.city})` : ''}${c.archived ? ' — archived' : ''}`,
          })),
        ],
      },
      status,
    );
  }

  router.get('/clients/:id/merge', async (req, res) => {
    const db = scoped(req);
    const client = found(
      await db.client.findUnique({ where: { id: parseId(req.params.id, 'client') }, select: { id: true, name: true } }),
      'client',
    );
    await showMerge(res, db, client, { values: {}, errors: {} });
  });

  router.post('/clients/:id/merge', async (req, res) => {
    const db = scoped(req);
    const client = found(
      await db.client.findUnique({ where: { id: parseId(req.params.id, 'client') }, select: { id: true, name: true } }),
      'client',
    );
    const form = parseForm(mergeSchema, req.body);
    if (!form.ok) return showMerge(res, db, client, form, 422);
    const intoId = form.data.intoId!;
    if (intoId === client.id) {
      return showMerge(res, db, client, { values: req.body, errors: { intoId: 'Choose another client: a client cannot be merged into itself.' } }, 422);
    }
    // Another musician's client (or a deleted one) is a 404, and nothing changes.
    found(await db.client.findUnique({ where: { id: intoId }, select: { id: true } }), 'client');
    const result = await mergeClients(db, client.id, intoId);
    res.flash('success', mergeSummary(result));
    res.redirect(303, `/clients/${intoId}`);
  });

  return router;
}
