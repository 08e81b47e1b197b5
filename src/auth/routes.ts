// Sign-up, sign-in and sign-out.
import { Router, type Request, type Response } from 'express';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { AppConfig } from '../app.ts';
import type { AttemptLimiter } from '../web/rate-limit.ts';
import { parseForm, type FieldErrors, type FormValues } from '../web/forms.ts';
import { endSession, useSessionToken } from '../web/session.ts';
import { authenticate, countUsers, createAccount, findUserByEmail, normalizeEmail } from './accounts.ts';
import { createSession, destroySession } from './session-store.ts';
import { safeNextPath } from './require-user.ts';
import { signInSchema, signUpSchema } from './schemas.ts';

type Deps = {
  prisma: PrismaClient;
  config: AppConfig;
  limits: { byIp: AttemptLimiter; byEmail: AttemptLimiter };
};

export function authRouter({ prisma, config, limits }: Deps) {
  const router = Router();

  /** Sign-up is open while ALLOW_SIGNUP is on, and always for the very first account. */
  const signupOpen = async () => config.allowSignup || (await countUsers(prisma)) === 0;

  const showSignUp = (res: Response, values: FormValues = {}, errors: FieldErrors = {}, status = 200) =>
    res.page('auth/signup', { title: 'Create your account', values: withoutPasswords(values), errors }, status);
  const showSignIn = (res: Response, values: FormValues = {}, errors: FieldErrors = {}, status = 200) =>
    res.page('auth/signin', { title: 'Sign in', values: withoutPasswords(values), errors }, status);

  /** Seconds to wait when this address or email has tried too often, else 0. */
  const throttled = (req: Request, email: unknown) => {
    const byIp = limits.byIp.hit(req.ip ?? 'unknown');
    const byEmail = typeof email === 'string' && email ? limits.byEmail.hit(normalizeEmail(email)) : 0;
    return Math.max(byIp, byEmail);
  };
  const tooManyMessage = (seconds: number) =>
    `Too many attempts. For your safety, please wait ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''} and try again.`;

  async function signIn(req: Request, res: Response, userId: number) {
    // A new token at sign-in (session fixation): the old anonymous cookie is worthless.
    const token = await createSession(prisma, userId, config.sessionIdleMs);
    useSessionToken(req, res, token, config.sessionSecret, config.sessionIdleMs);
  }

  router.get('/signup', async (req, res) => {
    if (req.user) return res.redirect(303, '/');
    if (!(await signupOpen())) {
      res.flash('info', 'Sign-up is closed on this server. Ask its owner for an account.');
      return res.redirect(303, '/signin');
    }
    await showSignUp(res, {}, {}, 200);
  });

  router.post('/signup', async (req, res) => {
    if (!(await signupOpen())) {
      return showSignUp(res, req.body, { _form: 'Sign-up is closed on this server.' }, 403);
    }
    const wait = throttled(req, req.body?.email);
    if (wait) return showSignUp(res, req.body, { _form: tooManyMessage(wait) }, 429);
    const form = parseForm(signUpSchema, req.body);
    if (!form.ok) return showSignUp(res, form.values, form.errors, 422);
    if (await findUserByEmail(prisma, form.data.email)) {
      return showSignUp(res, req.body, { email: 'An account with this email already exists. Sign in instead.' }, 422);
    }
    const user = await createAccount(prisma, form.data);
    await signIn(req, res, user.id);
    res.flash('success', `Welcome to Ledger Lines, ${user.name}.`);
    res.redirect(303, '/');
  });

  router.get('/signin', async (req, res) => {
    if (req.user) return res.redirect(303, safeNextPath(req.query.next));
    if ((await countUsers(prisma)) === 0) return res.redirect(303, '/signup');
    await showSignIn(res, { next: typeof req.query.next === 'string' ? req.query.next : '' });
  });

  router.post('/signin', async (req, res) => {
    const wait = throttled(req, req.body?.email);
    if (wait) return showSignIn(res, req.body, { _form: tooManyMessage(wait) }, 429);
    const form = parseForm(signInSchema, req.body);
    if (!form.ok) return showSignIn(res, form.values, form.errors, 422);
    const user = await authenticate(prisma, form.data.email, form.data.password);
    if (!user) {
      return showSignIn(res, req.body, { _form: 'That email and password do not match an account.' }, 401);
    }
    limits.byEmail.reset(user.email);
    if (req.user) await destroySession(prisma, req.sessionToken);
    await signIn(req, res, user.id);
    res.redirect(303, safeNextPath(req.body.next));
  });

  router.post('/signout', async (req, res) => {
    await destroySession(prisma, req.sessionToken);
    endSession(req, res);
    res.flash('info', 'You are signed out.');
    res.redirect(303, '/signin');
  });

  return router;
}

function withoutPasswords(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values ?? {}).filter(([k]) => !/password/i.test(k) && k !== '_csrf'));
}
