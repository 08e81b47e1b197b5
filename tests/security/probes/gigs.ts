import type { RouteProbe } from './types.ts';

const gigForm = {
  date: '2026-01-03', kind: 'studio_session', status: 'done', clientName: 'Hijacked', currency: 'USD',
  'items[0][kind]': 'base_fee', 'items[0][amount]': '1',
};

export const probes: RouteProbe[] = [
  { route: 'GET /gigs/:id', path: (ids) => `/gigs/${ids.gig}` },
  { route: 'GET /gigs/:id/edit', path: (ids) => `/gigs/${ids.gig}/edit` },
  { route: 'POST /gigs/:id', path: (ids) => `/gigs/${ids.gig}`, form: gigForm },
  { route: 'POST /gigs/:id/status', path: (ids) => `/gigs/${ids.gig}/status`, form: { status: 'cancelled' } },
  { route: 'GET /gigs/:id/delete', path: (ids) => `/gigs/${ids.gig}/delete` },
  { route: 'POST /gigs/:id/delete', path: (ids) => `/gigs/${ids.gig}/delete` },
  // Duplicating another musician's gig, or pre-filling their client, is a 404 too.
  { route: 'GET /gigs/new', path: (ids) => `/gigs/new?from=${ids.gig}` },
  { route: 'GET /gigs/new', path: (ids) => `/gigs/new?clientId=${ids.client}` },
  // A gig logged with another musician's client id is refused (404 would hide the form: see tests/gigs).
];

export const routesWithoutIds = ['GET /gigs', 'GET /gigs/new', 'POST /gigs'];
