// CSV export and import (src/transfer): no route takes an id of an owned row.
// What each musician can see through them is tested in tests/transfer/.
import type { RouteProbe } from './types.ts';

export const probes: RouteProbe[] = [];

export const routesWithoutIds = [
  'GET /gigs/export.csv',
  'GET /clients/export.csv',
  'GET /gigs/import',
  'POST /gigs/import',
  'POST /gigs/import/preview',
  'POST /gigs/import/commit',
];
