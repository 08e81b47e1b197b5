// The dashboard: what is owed, what came in (this month and this year beside
// the same days last year), the week ahead, income per month as charts, and
// the clients who paid the most. A fixed number of aggregate queries.
import { Router } from 'express';
import type { FeatureDeps } from '../app.ts';
import { countUsers } from '../auth/accounts.ts';
import { cachedBody } from '../web/render.ts';
import { forUser, type UserDb } from '../db/scoped.ts';
import { todayIn } from '../lib/dates.ts';
import { buildIncomeCharts, monthName } from './chart.ts';
import { dashboardPeriods, incomeComparison, monthlyIncome, owedNow, topClients, upcomingGigs, upcomingUntil } from './queries.ts';

/** Everything the dashboard shows for one musician on one day. */
async function dashboard(db: UserDb, today: string) {
  const periods = dashboardPeriods(today);
  const [gigCount, upcoming, owed, income, monthly, top] = await Promise.all([
    db.gig.count(),
    upcomingGigs(db, today, upcomingUntil(today)),
    owedNow(db, today),
    incomeComparison(db, periods),
    monthlyIncome(db, periods.chartStart, today),
    topClients(db, periods.chartStart, today),
  ]);
  // `top` comes ordered by currency, then place.
  const topByCurrency = [...new Set(top.map((t) => t.currency))].map((currency) => ({ currency, clients: top.filter((t) => t.currency === currency) }));
  return {
    today,
    periods,
    monthLabel: monthName(today.slice(0, 7)).split(' ')[0],
    upcoming,
    owed,
    income,
    charts: buildIncomeCharts(monthly, today),
    topByCurrency,
    gigCount,
  };
}

export function homeRouter({ prisma, reads }: FeatureDeps) {
  const router = Router();

  router.get('/', async (req, res) => {
    // A new install opens on "Create your account"; afterwards, on sign-in.
    if (!req.user) return res.redirect(303, (await countUsers(prisma)) === 0 ? '/signup' : '/signin');
    const { id, timeZone } = req.user;
    const today = todayIn(timeZone);
    // The landing page, opened far more often than anything is written: its
    // content (figures and charts, rendered) is kept until the next write to
    // the database or the next day.
    const html = await cachedBody(res, reads, `${id}:${today}`, 'home/index', () => dashboard(forUser(prisma, id), today));
    await res.page({ html }, { title: 'Home' });
  });

  return router;
}
