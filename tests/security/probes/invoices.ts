import type { RouteProbe } from './types.ts';

export const probes: RouteProbe[] = [
  { route: 'GET /invoices/:id', path: (ids) => `/invoices/${ids.invoice}` },
  { route: 'GET /invoices/:id.pdf', path: (ids) => `/invoices/${ids.invoice}.pdf` },
  { route: 'GET /invoices/:id/void', path: (ids) => `/invoices/${ids.invoice}/void` },
  { route: 'POST /invoices/:id/void', path: (ids) => `/invoices/${ids.invoice}/void` },
  { route: 'GET /invoices/:id/reminder', path: (ids) => `/invoices/${ids.invoice}/reminder` },
  { route: 'POST /invoices/:id/reminders', path: (ids) => `/invoices/${ids.invoice}/reminders`, form: { channel: 'email' } },
  // Starting an invoice for another musician's client is a 404 …
  { route: 'GET /invoices/new', path: (ids) => `/invoices/new?clientId=${ids.client}` },
  { route: 'GET /invoices/new', path: (ids) => `/invoices/new?clientId=${ids.client}&gigId=${ids.gig}` },
  // … and so is creating one for it with its gig ticked: nothing is written, no number is taken.
  // Forms are fixed, so this names the owner's rows by id: the owner's fixtures are the
  // first rows of a fresh database (client 1, gig 1), as in probes/clients.ts.
  // tests/invoices/create.test.ts checks the same with ids looked up.
  {
    route: 'POST /invoices',
    path: () => '/invoices',
    form: { clientId: '1', gigIds: '1', issuedOn: '2026-11-26', dueOn: '', terms: '', notes: '' },
  },
];

export const routesWithoutIds = [
  'GET /invoices',
  'GET /invoices/export.csv',
  'GET /invoices/new',
  'POST /invoices',
  'GET /invoices/settings',
  'POST /invoices/settings',
];
