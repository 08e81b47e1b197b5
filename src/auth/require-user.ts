import type { NextFunction, Request, Response } from 'express';
import type { SessionUser } from './session-store.ts';

/** Sends visitors who are not signed in to the sign-in page, then back here. */
export function requireUser(req: Request, res: Response, next: NextFunction) {
  if (req.user) return next();
  if (req.method === 'GET') return res.redirect(303, `/signin?next=${encodeURIComponent(req.originalUrl)}`);
  res.flash('info', 'Please sign in again to continue.');
  res.redirect(303, '/signin');
}

/** The signed-in user; for handlers mounted behind requireUser. */
export function currentUser(req: Request): SessionUser {
  if (!req.user) throw new Error('currentUser() used on a route without requireUser');
  return req.user;
}

/** Only same-site paths are followed after sign-in, never another host. */
export function safeNextPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}
