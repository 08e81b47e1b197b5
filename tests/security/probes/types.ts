import type { OwnedIds } from '../../support/fixtures.ts';

/**
 * How to call one route with the owner's ids. The intruder must get 404 and
 * change nothing. `route` is as listRoutes() prints it, e.g. "GET /gigs/:id".
 */
export type RouteProbe = {
  route: string;
  path: (ids: OwnedIds) => string;
  form?: Record<string, string>;
};

/** What each file in tests/security/probes/ exports. */
export type ProbeFile = {
  /** Routes that take an id of a musician-owned row. */
  probes?: RouteProbe[];
  /** Routes that take no such id (own account pages, lists, public pages). */
  routesWithoutIds?: string[];
};
