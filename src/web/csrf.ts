// Refuses state-changing requests that don't carry this session's CSRF token.
// The refusal page keeps what the user typed and offers to send it again with
// a fresh token, so an expired session never costs them their input.
import type { NextFunction, Request, Response } from 'express';
import { safeEqual } from './cookies.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfProtection() {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const sent = (req.body && typeof req.body._csrf === 'string' ? req.body._csrf : undefined) ?? req.get('x-csrf-token');
    if (typeof sent === 'string' && safeEqual(sent, req.csrfToken)) return next();
    await res.page('errors/csrf', { title: 'Please send that again', resubmit: resubmittable(req) }, 403);
  };
}

/** The fields of the refused form, for the "send again" form. Passwords are never echoed back. */
function resubmittable(req: Request) {
  const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
  const fields: { name: string; value: string; secret: boolean }[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf') continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v !== 'string') continue;
      fields.push({ name, value: /password/i.test(name) ? '' : v, secret: /password/i.test(name) });
    }
  }
  // Only resubmit to our own paths.
  const action = req.originalUrl.startsWith('/') && !req.originalUrl.startsWith('//') ? req.originalUrl : '/';
  return { action, fields };
}
