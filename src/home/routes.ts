// The dashboard: what is owed, what came in (this month and this year beside
// the same days last year), the week ahead, income per month as charts, and
// the clients who paid the most. A fixed number of aggregate queries.
import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { countUsers } from '../auth/accounts.ts';
import { forUser } from '../db/scoped.ts';
import { todayIn } from '../lib/dates.ts';
import { buildIncomeCharts, monthName } from './chart.ts';
import { dashboardPeriods, incomeComparison, monthlyIncome, owedNow, topClients, upcomingGigs, upcomingUntil } from './queries.ts';

export function homeRouter({ prisma }: { prisma: PrismaClient }) {
  const router = Router();

  router.get('/', async (req, res) => {
    // A new install opens on "Create your account"; afterwards, on sign-in.
    if (!req.user) return res.redirect(303, (await countUsers(prisma)) === 0 ? '/signup' : '/signin');
    const db = forUser(prisma, req.user.id);
    const today = todayIn(req.user.timeZone);
    const periods = dashboardPeriods(today);
    const [gigCount, upcoming, owed, income, monthly, top] = await Promise.all([
      db.gig.count(),
      upcomingGigs(db, today, upcomingUntil(today)),
      owedNow(db, today),
      incomeComparison(db, periods),
      monthlyIncome(db, periods.chartStart, today),
      topClients(db, periods.chartStart, today),
    ]);
    const charts = buildIncomeCharts(monthly, today);
    // `top` comes ordered by currency, then place.
    const topByCurrency = [...new Set(top.map((t) => t.currency))].map((currency) => ({ currency, clients: top.filter((t) => t.currency === currency) }));
    await res.page('home/index', {
      title: 'Home',
      today,
      periods,
      monthLabel: monthName(today.slice(0, 7)).split(' ')[0],
      upcoming,
      owed,
      income,
      charts,
      topByCurrency,
      gigCount,
    });
  });

  return router;
}
