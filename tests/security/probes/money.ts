// The money section (src/money): the owed page, exchange rates, the tax-year
// report and its CSV. Only deleting a rate takes an id of an owned row; what
// each musician sees on the aggregate pages is tested in tests/money/.
import type { RouteProbe } from './types.ts';

export const probes: RouteProbe[] = [
  { route: 'POST /money/rates/:id/delete', path: (ids) => `/money/rates/${ids.exchangeRate}/delete` },
];

export const routesWithoutIds = ['GET /money', 'GET /money/rates', 'POST /money/rates', 'GET /money/tax-year', 'GET /money/tax-year.csv'];
