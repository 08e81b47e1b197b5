// The musician's own settings: profile, password, and deleting the account.
import { Router, type Response } from 'express';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { AppConfig } from '../app.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import { authenticate, deleteAccount, setPassword } from '../auth/accounts.ts';
import { changePasswordSchema, deleteAccountSchema } from '../auth/schemas.ts';
import { destroySession, destroyUserSessions } from '../auth/session-store.ts';
import { endSession } from '../web/session.ts';
import { parseForm, type FieldErrors, type FormValues } from '../web/forms.ts';
import { profileSchema, timeZoneOptions } from './schemas.ts';

type Forms = Partial<Record<'profile' | 'password' | 'delete', { values: FormValues; errors: FieldErrors }>>;

export function settingsRouter({ prisma }: { prisma: PrismaClient; config: AppConfig }) {
  const router = Router();
  router.use('/settings', requireUser);

  async function show(res: Response, userId: number, forms: Forms = {}, status = 200) {
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
    const profileValues = forms.profile?.values ?? {
      name: user.name,
      slug: user.slug,
      homeCurrency: user.homeCurrency,
      timeZone: user.timeZone,
      paymentTermsDays: String(user.paymentTermsDays),
      instruments: user.instruments,
      bio: user.bio,
      publicEmail: user.publicEmail,
      publicWebsite: user.publicWebsite,
      invoiceDetails: user.invoiceDetails,
    };
    await res.page(
      'settings/index',
      {
        title: 'Settings',
        email: user.email,
        portfolio: { on: user.portfolioPublic, slug: user.slug },
        timeZoneOptions,
        profile: { values: profileValues, errors: forms.profile?.errors ?? {} },
        password: { values: {}, errors: forms.password?.errors ?? {} },
        remove: { values: forms.delete?.values ?? {}, errors: forms.delete?.errors ?? {} },
      },
      status,
    );
  }

  router.get('/settings', async (req, res) => show(res, currentUser(req).id));

  router.post('/settings/profile', async (req, res) => {
    const user = currentUser(req);
    const form = parseForm(profileSchema, req.body);
    if (!form.ok) return show(res, user.id, { profile: form }, 422);
    const slugOwner = await prisma.user.findUnique({ where: { slug: form.data.slug }, select: { id: true } });
    if (slugOwner && slugOwner.id !== user.id) {
      return show(res, user.id, { profile: { values: req.body, errors: { slug: 'That address is taken. Try another.' } } }, 422);
    }
    await prisma.user.update({ where: { id: user.id }, data: form.data });
    res.flash('success', 'Profile saved.');
    res.redirect(303, '/settings');
  });

  router.post('/settings/password', async (req, res) => {
    const user = currentUser(req);
    const form = parseForm(changePasswordSchema, req.body);
    if (!form.ok) return show(res, user.id, { password: form }, 422);
    if (!(await authenticate(prisma, user.email, form.data.currentPassword))) {
      return show(res, user.id, { password: { values: {}, errors: { currentPassword: 'That is not your current password.' } } }, 422);
    }
    await setPassword(prisma, user.id, form.data.newPassword);
    // Other devices are signed out; this one stays signed in.
    await destroyUserSessions(prisma, user.id, req.sessionToken);
    res.flash('success', 'Password changed. Other devices have been signed out.');
    res.redirect(303, '/settings');
  });

  router.post('/settings/delete-account', async (req, res) => {
    const user = currentUser(req);
    const form = parseForm(deleteAccountSchema, req.body);
    if (!form.ok) return show(res, user.id, { delete: form }, 422);
    if (form.data.confirmEmail.toLowerCase() !== user.email) {
      return show(res, user.id, { delete: { values: req.body, errors: { confirmEmail: `Type ${user.email} exactly to confirm.` } } }, 422);
    }
    await destroySession(prisma, req.sessionToken);
    await deleteAccount(prisma, user.id);
    endSession(req, res);
    res.flash('info', 'Your account and all its data have been deleted.');
    res.redirect(303, '/signup');
  });

  return router;
}
