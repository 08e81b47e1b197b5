// Absolute links (the public portfolio's canonical URL, calendar feed and
// pitch links) must not trust whatever Host header a request carries: a
// forged one could end up in a shared cache or in a pitch sent to a studio.
// PUBLIC_URL, when set, is the app's address; otherwise the request's own.
import type { Request } from 'express';

export function siteUrl(req: Request): string {
  const configured = req.app.get('publicUrl') as string | null | undefined;
  return configured ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

export function siteHost(req: Request): string {
  return new URL(siteUrl(req)).host;
}

export function siteProtocol(req: Request): string {
  return new URL(siteUrl(req)).protocol.replace(':', '');
}
