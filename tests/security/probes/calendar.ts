import type { RouteProbe } from './types.ts';

// The calendar takes no id of an owned row: the month page and the feed
// actions work on the signed-in musician's own data, and the feed is looked
// up by its secret token (tests/calendar/calendar.test.ts checks that one
// musician's gigs never show in another's page or feed).
export const probes: RouteProbe[] = [];

export const routesWithoutIds = ['GET /calendar', 'POST /calendar/feed', 'GET /calendar/feed/:token.ics'];
