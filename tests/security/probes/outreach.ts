import type { RouteProbe } from './types.ts';

const entryForm = { contactName: 'Hijacked', contactedOn: '2026-01-10', channel: 'email', outcome: 'Hijacked' };

export const probes: RouteProbe[] = [
  { route: 'GET /outreach/:id/edit', path: (ids) => `/outreach/${ids.outreachEntry}/edit` },
  { route: 'POST /outreach/:id', path: (ids) => `/outreach/${ids.outreachEntry}`, form: entryForm },
  { route: 'POST /outreach/:id/done', path: (ids) => `/outreach/${ids.outreachEntry}/done`, form: { outcome: 'Hijacked' } },
  { route: 'GET /outreach/:id/delete', path: (ids) => `/outreach/${ids.outreachEntry}/delete` },
  { route: 'POST /outreach/:id/delete', path: (ids) => `/outreach/${ids.outreachEntry}/delete` },
  // Starting an entry for another musician's client is a 404 too.
  { route: 'GET /outreach/new', path: (ids) => `/outreach/new?clientId=${ids.client}` },
  // Posting another musician's client id in the form is a field error, not a 404 (tests/outreach checks it saves nothing).
];

// The log, its export and the pitch read only the signed-in musician's rows
// (tests/outreach checks another musician's entries never appear there).
export const routesWithoutIds = ['GET /outreach', 'GET /outreach/new', 'POST /outreach', 'GET /outreach/export.csv', 'GET /outreach/pitch'];
