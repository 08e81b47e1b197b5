// Loads the visitor's session on every page request and derives the CSRF token.
//
// Every visitor gets a random session cookie, but a database row exists only
// once they sign in. The CSRF token is an HMAC of that cookie, so anonymous
// forms (sign-in, sign-up) are protected without storing anything, and
// rotating the cookie at sign-in rotates the token too.
import type { NextFunction, Request, Response } from 'express';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { ReadCache } from '../db/read-cache.ts';
import { isWellFormedToken, newSessionToken, userForSession, type SessionUser } from '../auth/session-store.ts';
import { hmac, readCookie, setCookie, clearCookie } from './cookies.ts';

export const SESSION_COOKIE = 'll_session';

declare global {
  namespace Express {
    interface Request {
      user?: SessionUser;
      sessionToken: string;
      csrfToken: string;
    }
  }
}

export type SessionOptions = { prisma: PrismaClient; secret: string; idleMs: number; reads: ReadCache };

export function csrfTokenFor(secret: string, sessionToken: string) {
  return hmac(secret, `csrf:${sessionToken}`);
}

export function sessions({ prisma, secret, idleMs, reads }: SessionOptions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    let token = readCookie(req, SESSION_COOKIE);
    if (token && isWellFormedToken(token)) {
      req.user = (await userForSession(prisma, token, idleMs, reads)) ?? undefined;
    } else {
      token = newSessionToken();
      setCookie(req, res, SESSION_COOKIE, token);
    }
    // A signed-in visitor's cookie is re-sent so its lifetime slides with the session's.
    useSessionToken(req, res, token, secret, idleMs, Boolean(req.user));
    next();
  };
}

/** Points the request at a (new) session token; with `persist`, the cookie outlives the browser. */
export function useSessionToken(req: Request, res: Response, token: string, secret: string, idleMs: number, persist = true) {
  req.sessionToken = token;
  req.csrfToken = csrfTokenFor(secret, token);
  res.locals.csrfToken = req.csrfToken;
  if (persist) setCookie(req, res, SESSION_COOKIE, token, { maxAge: Math.floor(idleMs / 1000) });
}

export function endSession(req: Request, res: Response) {
  clearCookie(req, res, SESSION_COOKIE);
}
