import type { RouteProbe } from './types.ts';

// The portfolio takes no id of an owned row: /portfolio, the credits list and
// the on/off switch work on the signed-in musician's own data, and the public
// page is found by its slug (tests/portfolio checks it shows public recordings
// only, nothing private, and is a 404 while switched off).
export const probes: RouteProbe[] = [];

export const routesWithoutIds = ['GET /portfolio', 'GET /portfolio/credits.md', 'POST /portfolio/settings', 'GET /p/:slug'];
