// The money section: what is owed as of a date (by client, aged), the
// exchange rates used for optional converted totals, and the tax-year report
// with its CSV. Payments, invoices and royalties have their own routers; the
// section's sub-navigation is views/money/subnav.ejs.
import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../app.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import { forUser } from '../db/scoped.ts';
import { todayIn } from '../lib/dates.ts';
import { formatDecimal } from '../lib/money.ts';
import { toCsv, type Cell } from '../transfer/csv.ts';
import { HttpError } from '../web/errors.ts';
import { parseForm, type FieldErrors, type FormValues } from '../web/forms.ts';
import { parseId } from '../web/params.ts';
import { pageParam, pagerLinks } from '../web/pager.ts';
import { cachedBody, pageKey } from '../web/render.ts';
import { convertTotals } from './convert.ts';
import { agingBuckets, deleteRate, foreignCurrenciesInUse, listRates, owedReport, ratesAsOf, saveRate } from './queries.ts';
import { asOfSchema, rateSchema, yearSchema } from './schemas.ts';
import { THRESHOLD_CURRENCY, thresholdFor, thresholdRules } from './tax-forms.ts';
import { ALL_PAYERS, TAX_CSV_COLUMNS, taxYearReport, UNKNOWN_PAYER } from './tax-year.ts';

/** Thrown by a page's loader to send the visitor elsewhere instead. */
class Redirect {
  constructor(readonly location: string) {}
}

export function moneyRouter({ prisma, reads }: FeatureDeps) {
  const router = Router();
  router.use('/money', requireUser);

  const dbFor = (req: Request) => forUser(prisma, currentUser(req).id);
  const todayFor = (req: Request) => todayIn(currentUser(req).timeZone);

  // ---- Owed, as of a date ----------------------------------------------------

  router.get('/money', async (req, res) => {
    const user = currentUser(req);
    const db = dbFor(req);
    const today = todayFor(req);
    const form = parseForm(asOfSchema, req.query);
    const asOf = (form.ok && form.data.asOf) || today;
    const page = pageParam(req.query.page);
    const pageUrl = (p: number) => `/money?${new URLSearchParams({ ...(asOf === today ? {} : { asOf }), ...(p > 1 ? { page: String(p) } : {}) })}#by-client`.replace('?#', '#');
    const html = await cachedBody(res, reads, pageKey(req, today), 'money/index', async () => {
      const [report, rates] = await Promise.all([owedReport(db, asOf, { page }), ratesAsOf(db, user.homeCurrency, asOf)]);
      // A page past the end (the list got shorter since the link was made):
      // the last page. Thrown, so that nothing is cached for this URL.
      if (page > report.pages) throw new Redirect(pageUrl(report.pages));
      return {
        pager: pagerLinks(report.page, report.pages, pageUrl),
        today,
        asOf,
        home: user.homeCurrency,
        report,
        agingBuckets,
        converted: convertTotals(report.totals, user.homeCurrency, rates),
        values: { asOf: form.ok ? asOf : form.values.asOf },
        errors: form.ok ? {} : form.errors,
      };
    }).catch((err) => (err instanceof Redirect ? err : Promise.reject(err)));
    if (html instanceof Redirect) return res.redirect(303, html.location);
    await res.page({ html }, { title: asOf === today ? 'Owed to you' : `Owed to you on ${asOf}` });
  });

  // ---- Exchange rates ------------------------------------------------------

  async function showRates(req: Request, res: Response, form: { values: FormValues; errors: FieldErrors }, status = 200) {
    const user = currentUser(req);
    const db = dbFor(req);
    const today = todayFor(req);
    const [rates, inUse, current] = await Promise.all([listRates(db), foreignCurrenciesInUse(db, user.homeCurrency), ratesAsOf(db, user.homeCurrency, today)]);
    const currentIds = new Set([...current.values()].map((r) => r.id));
    await res.page(
      'money/rates',
      {
        title: 'Exchange rates',
        home: user.homeCurrency,
        today,
        rates,
        currentIds,
        withoutRate: inUse.filter((c) => !current.has(c)),
        values: form.values,
        errors: form.errors,
      },
      status,
    );
  }

  router.get('/money/rates', async (req, res) => {
    await showRates(req, res, { values: { asOf: todayFor(req) }, errors: {} });
  });

  router.post('/money/rates', async (req, res) => {
    const user = currentUser(req);
    const form = parseForm(rateSchema(user.homeCurrency, todayFor(req)), req.body);
    if (!form.ok) return showRates(req, res, form, 422);
    const { replaced } = await saveRate(dbFor(req), form.data);
    const { fromCurrency, toCurrency, rate, asOf } = form.data;
    res.flash('success', `${replaced ? 'Replaced the rate of that date' : 'Saved'}: 1 ${fromCurrency} = ${rate} ${toCurrency}, rate of ${asOf}.`);
    res.redirect(303, '/money/rates');
  });

  router.post('/money/rates/:id/delete', async (req, res) => {
    const removed = await deleteRate(dbFor(req), parseId(req.params.id, 'exchange rate'));
    res.flash('success', `Deleted the ${removed.fromCurrency} → ${removed.toCurrency} rate of ${removed.asOf}.`);
    res.redirect(303, '/money/rates');
  });

  // ---- Tax year --------------------------------------------------------------

  /** The year asked for: `?year=`, or this year in the musician's zone when empty. */
  function yearOf(req: Request, today = todayFor(req)) {
    const thisYear = Number(today.slice(0, 4));
    const form = parseForm(yearSchema, req.query);
    return form.ok
      ? { year: form.data.year ?? thisYear, thisYear, values: { year: String(form.data.year ?? thisYear) }, errors: {} as FieldErrors }
      : { year: thisYear, thisYear, values: form.values, errors: form.errors };
  }

  router.get('/money/tax-year', async (req, res) => {
    const today = todayFor(req);
    const { year, thisYear, values, errors } = yearOf(req, today);
    const html = await cachedBody(res, reads, pageKey(req, today), 'money/tax-year', async () => ({
      year,
      thisYear,
      report: await taxYearReport(dbFor(req), year),
      values,
      errors,
      feeRule: thresholdFor('fees', year),
      royaltyRule: thresholdFor('royalties', year),
      thresholdRules,
      thresholdCurrency: THRESHOLD_CURRENCY,
    }));
    await res.page({ html }, { title: `Tax year ${year}` });
  });

  router.get('/money/tax-year.csv', async (req, res) => {
    const { year, errors } = yearOf(req);
    if (errors.year) throw new HttpError(400, 'bad_year', errors.year);
    const report = await taxYearReport(dbFor(req), year);
    const rows: Cell[][] = [];
    for (const section of report.sections) {
      const money = (minor: number) => formatDecimal(minor, section.currency);
      for (const p of section.payers) {
        rows.push([year, p.name ?? UNKNOWN_PAYER, p.currency, p.feeCount, money(p.feesMinor), p.royaltyCount, money(p.royaltiesMinor), money(p.totalMinor), p.forms.join(' + ')]);
      }
      const t = section.totals;
      rows.push([year, ALL_PAYERS, t.currency, t.feeCount, money(t.feesMinor), t.royaltyCount, money(t.royaltiesMinor), money(t.totalMinor), '']);
    }
    res.attachment(`ledger-lines-tax-year-${year}.csv`);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Cache-Control', 'private, no-store');
    res.send(toCsv(TAX_CSV_COLUMNS, rows));
  });

  return router;
}
