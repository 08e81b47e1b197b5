// One-shot messages shown on the next page ("Logged", "Signed out").
// Kept in a short-lived signed cookie rather than the session table, so they
// also work for visitors who are not signed in.
import type { NextFunction, Request, Response } from 'express';
import { clearCookie, hmac, readCookie, safeEqual, setCookie } from './cookies.ts';

export type Flash = { kind: 'success' | 'info' | 'error'; text: string };
const FLASH_COOKIE = 'll_flash';

declare global {
  namespace Express {
    interface Response {
      flash(kind: Flash['kind'], text: string): void;
    }
  }
}

export function flashes(secret: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.flashes = readFlashes(req, secret);
    if (res.locals.flashes.length) clearCookie(req, res, FLASH_COOKIE);
    const pending: Flash[] = [];
    res.flash = (kind, text) => {
      // Several flashes in one response: the last cookie written carries them all.
      pending.push({ kind, text });
      const value = Buffer.from(JSON.stringify(pending)).toString('base64url');
      setCookie(req, res, FLASH_COOKIE, `${value}.${hmac(secret, value)}`, { maxAge: 60 });
    };
    next();
  };
}

function readFlashes(req: Request, secret: string): Flash[] {
  const raw = readCookie(req, FLASH_COOKIE);
  if (!raw) return [];
  const [value, mac] = raw.split('.');
  if (!value || !mac || !safeEqual(mac, hmac(secret, value))) return [];
  try {
    const list = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    return Array.isArray(list) ? list.slice(0, 5) : [];
  } catch {
    return [];
  }
}
