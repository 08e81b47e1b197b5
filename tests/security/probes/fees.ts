import type { RouteProbe } from './types.ts';

/** A valid rate card form, so a route that forgot the owner check would save it. */
const validCard = {
  name: 'Intruder card',
  currency: 'USD',
  unitMinutes: '180',
  baseUnit: '1.00',
  overtimeIncrementMinutes: '30',
  isDefault: 'on',
};

export const probes: RouteProbe[] = [
  { route: 'GET /settings/rate-cards/:id/edit', path: (ids) => `/settings/rate-cards/${ids.rateCard}/edit` },
  { route: 'POST /settings/rate-cards/:id', path: (ids) => `/settings/rate-cards/${ids.rateCard}`, form: validCard },
  { route: 'POST /settings/rate-cards/:id/delete', path: (ids) => `/settings/rate-cards/${ids.rateCard}/delete` },
  { route: 'POST /settings/rate-cards/:id/default', path: (ids) => `/settings/rate-cards/${ids.rateCard}/default` },
];

export const routesWithoutIds = ['GET /settings/rate-cards', 'GET /settings/rate-cards/new', 'POST /settings/rate-cards'];
