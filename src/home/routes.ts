import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { countUsers } from '../auth/accounts.ts';
import { forUser } from '../db/scoped.ts';
import { addDays, todayIn } from '../lib/dates.ts';
import { owedNow, upcomingGigs } from './queries.ts';

export function homeRouter({ prisma }: { prisma: PrismaClient }) {
  const router = Router();

  router.get('/', async (req, res) => {
    // A new install opens on "Create your account"; afterwards, on sign-in.
    if (!req.user) return res.redirect(303, (await countUsers(prisma)) === 0 ? '/signup' : '/signin');
    const db = forUser(prisma, req.user.id);
    const today = todayIn(req.user.timeZone);
    const [upcoming, owed, gigCount] = await Promise.all([upcomingGigs(db, today, addDays(today, 14)), owedNow(db, today), db.gig.count()]);
    await res.page('home/index', { title: 'Home', today, upcoming, owed, gigCount });
  });

  return router;
}
