import type { RouteProbe } from './types.ts';

/**
 * A valid payment form, so a route that forgot the owner check would save it.
 * It names the owner's client, which the intruder's form must not reach either.
 */
const paymentForm = (clientId: number) => ({
  clientId: String(clientId),
  amount: '10.00',
  currency: 'USD',
  receivedOn: '2026-01-21',
  method: 'cash',
  reference: 'Hijacked',
  notes: '',
  listedFor: `${clientId}:USD`,
});

export const probes: RouteProbe[] = [
  { route: 'GET /payments/:id', path: (ids) => `/payments/${ids.payment}` },
  { route: 'GET /payments/:id/edit', path: (ids) => `/payments/${ids.payment}/edit` },
  { route: 'POST /payments/:id', path: (ids) => `/payments/${ids.payment}`, form: { ...paymentForm(1), [`alloc_1`]: '0' } },
  { route: 'GET /payments/:id/delete', path: (ids) => `/payments/${ids.payment}/delete` },
  { route: 'POST /payments/:id/delete', path: (ids) => `/payments/${ids.payment}/delete` },
  // Pre-filling the form from another musician's client or gig is a 404, never their data.
  { route: 'GET /payments/new', path: (ids) => `/payments/new?clientId=${ids.client}` },
  { route: 'GET /payments/new', path: (ids) => `/payments/new?gigId=${ids.gig}` },
  // Recording a payment with another musician's client or gig ids is refused
  // beside the field (422, nothing written): see tests/payments/record.test.ts.
];

export const routesWithoutIds = ['GET /payments', 'GET /payments/export.csv', 'GET /payments/new', 'POST /payments'];
