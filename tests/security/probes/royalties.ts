import type { RouteProbe } from './types.ts';

// Valid forms, so a route that forgot the owner check would save them. The ids
// inside the forms are the intruder's own numbers where it matters not: the
// route must 404 on the owner's agreement/statement id before reading them.
const agreementForm = { recordingId: '', gigId: '', payerId: '', basis: 'PPD', rate: '2', advance: '', currency: 'USD', startsOn: '', notes: 'Taken over' };
const statementForm = {
  source: 'other', agreementId: '', recordingId: '', payerId: '', periodStart: '2026-01-01', periodEnd: '2026-03-31',
  amount: '1.00', currency: 'USD', receivedOn: '2026-05-01', reference: 'Taken over', notes: '',
};

export const probes: RouteProbe[] = [
  { route: 'GET /royalties/recordings/:id', path: (ids) => `/royalties/recordings/${ids.recording}` },
  { route: 'GET /royalties/agreements/:id/edit', path: (ids) => `/royalties/agreements/${ids.royaltyAgreement}/edit` },
  { route: 'POST /royalties/agreements/:id', path: (ids) => `/royalties/agreements/${ids.royaltyAgreement}`, form: { ...agreementForm, gigId: '1' } },
  { route: 'GET /royalties/agreements/:id/delete', path: (ids) => `/royalties/agreements/${ids.royaltyAgreement}/delete` },
  { route: 'POST /royalties/agreements/:id/delete', path: (ids) => `/royalties/agreements/${ids.royaltyAgreement}/delete` },
  { route: 'GET /royalties/statements/:id/edit', path: (ids) => `/royalties/statements/${ids.royaltyStatement}/edit` },
  { route: 'POST /royalties/statements/:id', path: (ids) => `/royalties/statements/${ids.royaltyStatement}`, form: statementForm },
  { route: 'GET /royalties/statements/:id/delete', path: (ids) => `/royalties/statements/${ids.royaltyStatement}/delete` },
  { route: 'POST /royalties/statements/:id/delete', path: (ids) => `/royalties/statements/${ids.royaltyStatement}/delete` },
  // Pre-filling a form from another musician's recording, gig or agreement is a 404 too.
  { route: 'GET /royalties/agreements/new', path: (ids) => `/royalties/agreements/new?recordingId=${ids.recording}` },
  { route: 'GET /royalties/agreements/new', path: (ids) => `/royalties/agreements/new?gigId=${ids.gig}` },
  { route: 'GET /royalties/statements/new', path: (ids) => `/royalties/statements/new?agreementId=${ids.royaltyAgreement}` },
  { route: 'GET /royalties/statements/new', path: (ids) => `/royalties/statements/new?recordingId=${ids.recording}` },
  // Posting another musician's recording, gig, payer or agreement ids in a new
  // agreement or statement is a field error (422), not a 404: tests/royalties checks it.
];

export const routesWithoutIds = [
  'GET /royalties',
  'GET /royalties/agreements/new',
  'POST /royalties/agreements',
  'GET /royalties/statements',
  'GET /royalties/statements/export.csv',
  'GET /royalties/statements/new',
  'POST /royalties/statements',
];
