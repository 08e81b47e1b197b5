import type { RouteProbe } from './types.ts';

const recordingForm = {
  title: 'Hijacked', artist: 'Someone', 'credits[0][role]': 'StudioMusician', 'credits[0][instrument]': 'Piano',
};

export const probes: RouteProbe[] = [
  { route: 'GET /recordings/:id', path: (ids) => `/recordings/${ids.recording}` },
  { route: 'GET /recordings/:id/edit', path: (ids) => `/recordings/${ids.recording}/edit` },
  { route: 'POST /recordings/:id', path: (ids) => `/recordings/${ids.recording}`, form: recordingForm },
  { route: 'GET /recordings/:id/delete', path: (ids) => `/recordings/${ids.recording}/delete` },
  { route: 'POST /recordings/:id/delete', path: (ids) => `/recordings/${ids.recording}/delete` },
  // Starting a recording from another musician's gig is a 404 too.
  { route: 'GET /recordings/new', path: (ids) => `/recordings/new?gigId=${ids.gig}` },
  // Posting another musician's gig id in the form is a field error, not a 404 (tests/recordings checks it saves nothing).
];

export const routesWithoutIds = ['GET /recordings', 'GET /recordings/new', 'POST /recordings', 'GET /recordings/export.csv'];
