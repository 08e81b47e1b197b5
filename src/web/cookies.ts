import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse, serialize, type CookieSerializeOptions } from 'cookie';
import type { Request, Response } from 'express';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parse(header)[name];
}

/** Every cookie we set is httpOnly, SameSite=Lax and Secure when the request came over HTTPS. */
export function setCookie(req: Request, res: Response, name: string, value: string, options: CookieSerializeOptions = {}) {
  res.append(
    'Set-Cookie',
    serialize(name, value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', ...options }),
  );
}

export function clearCookie(req: Request, res: Response, name: string) {
  setCookie(req, res, name, '', { maxAge: 0, expires: new Date(0) });
}

export function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
