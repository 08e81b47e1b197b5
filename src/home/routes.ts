import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { countUsers } from '../auth/accounts.ts';
import { forUser } from '../db/scoped.ts';

export function homeRouter({ prisma }: { prisma: PrismaClient }) {
  const router = Router();

  router.get('/', async (req, res) => {
    // A new install opens on "Create your account"; afterwards, on sign-in.
    if (!req.user) return res.redirect(303, (await countUsers(prisma)) === 0 ? '/signup' : '/signin');
    const db = forUser(prisma, req.user.id);
    const [clients, gigs, recordings] = await Promise.all([db.client.count(), db.gig.count(), db.recording.count()]);
    await res.page('home/index', { title: 'Home', counts: { clients, gigs, recordings } });
  });

  return router;
}
