import type { RouteProbe } from './types.ts';

// The intruder's own client id would be a different number; these forms name
// the owner's client where an id is expected, which must change nothing either.
export const probes: RouteProbe[] = [
  { route: 'GET /clients/:id', path: (ids) => `/clients/${ids.client}` },
  { route: 'GET /clients/:id/edit', path: (ids) => `/clients/${ids.client}/edit` },
  { route: 'POST /clients/:id', path: (ids) => `/clients/${ids.client}`, form: { kind: 'studio', name: 'Taken over', email: '', notes: '' } },
  { route: 'POST /clients/:id/archive', path: (ids) => `/clients/${ids.client}/archive` },
  { route: 'POST /clients/:id/unarchive', path: (ids) => `/clients/${ids.client}/unarchive` },
  { route: 'GET /clients/:id/merge', path: (ids) => `/clients/${ids.client}/merge` },
  { route: 'POST /clients/:id/merge', path: (ids) => `/clients/${ids.client}/merge`, form: { intoId: '1' } },
];

export const routesWithoutIds = ['GET /clients', 'GET /clients/new', 'POST /clients'];
