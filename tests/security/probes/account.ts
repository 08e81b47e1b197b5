import type { RouteProbe } from './types.ts';

export const probes: RouteProbe[] = [];

export const routesWithoutIds = [
  'GET /',
  'GET /healthz',
  'GET /settings',
  'GET /signin',
  'GET /signup',
  'POST /settings/delete-account',
  'POST /settings/password',
  'POST /settings/profile',
  'POST /signin',
  'POST /signout',
  'POST /signup',
];
