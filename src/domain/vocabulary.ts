// The controlled vocabularies of the domain. Stored as plain strings in the
// database (see prisma/schema.prisma) and checked by zod at the edges, so a
// new kind is a change here rather than a table rebuild.

export type Option<T extends string = string> = { value: T; label: string };

function options<const T extends readonly (readonly [string, string])[]>(pairs: T) {
  const list = pairs.map(([value, label]) => ({ value, label })) as {
    value: T[number][0];
    label: string;
  }[];
  const values = list.map((o) => o.value) as [T[number][0], ...T[number][0][]];
  const labelOf = (value: string) => list.find((o) => o.value === value)?.label ?? value;
  return { list, values, labelOf };
}

export const clientKinds = options([
  ['studio', 'Studio'],
  ['producer', 'Producer'],
  ['engineer', 'Engineer'],
  ['artist', 'Artist'],
  ['label', 'Label'],
  ['agency', 'Agency'],
  ['contractor', 'Contractor'],
  ['fund', 'Rights fund / society'],
  ['other', 'Other'],
] as const);

export const gigKinds = options([
  ['studio_session', 'Studio session'],
  ['remote_session', 'Remote session'],
  ['live', 'Live show'],
  ['tour', 'Tour date'],
  ['rehearsal', 'Rehearsal'],
  ['lesson', 'Lesson'],
  ['other', 'Other'],
] as const);

// Order matters: it is the life of a gig, used for the one-click "next status".
export const gigStatuses = options([
  ['hold', 'Inquiry / hold'],
  ['booked', 'Booked'],
  ['done', 'Done'],
  ['cancelled', 'Cancelled'],
] as const);

export const lineItemKinds = options([
  ['base_fee', 'Base fee'],
  ['overtime', 'Overtime'],
  ['doubling', 'Doubling'],
  ['cartage', 'Cartage'],
  ['per_diem', 'Per diem'],
  ['expense', 'Reimbursable expense'],
  ['deposit', 'Deposit'],
  ['cancellation_fee', 'Cancellation fee'],
  ['pension', 'Pension (paid to the fund)'],
  ['health_welfare', 'Health & welfare (paid to the fund)'],
  ['other', 'Other'],
] as const);

/** The only line kind still owed when a gig is cancelled (late-cancellation pay). */
export const CANCELLATION_FEE = 'cancellation_fee';

/** Line kinds the employer pays to union funds, not to the musician. */
export const fundLineItemKinds: readonly string[] = ['pension', 'health_welfare'];

export const bFormTypes = options([
  ['B-4', 'B-4 Phonograph records'],
  ['B-5', 'B-5 Demos'],
  ['B-6', 'B-6 Commercials'],
  ['B-7', 'B-7 Motion picture / TV film'],
  ['B-8', 'B-8 Videotape / TV'],
  ['B-9', 'B-9 Limited pressing'],
] as const);

export const paymentMethods = options([
  ['bank_transfer', 'Bank transfer'],
  ['check', 'Check'],
  ['cash', 'Cash'],
  ['card', 'Card'],
  ['paypal', 'PayPal'],
  ['venmo', 'Venmo'],
  ['zelle', 'Zelle'],
  ['wise', 'Wise'],
  ['other', 'Other'],
] as const);

export const royaltySources = options([
  ['agreement', 'Under an agreement'],
  ['nonfeatured_fund', "Non-featured performers' fund"],
  ['other', 'Other'],
] as const);

// Close to DDEX's contributor roles, in DDEX spelling.
export const creditRoles = options([
  ['StudioMusician', 'Studio musician'],
  ['BackgroundVocalist', 'Background vocalist'],
  ['Soloist', 'Soloist'],
  ['Conductor', 'Conductor'],
  ['MusicArranger', 'Music arranger'],
  ['VocalArranger', 'Vocal arranger'],
  ['Programmer', 'Programmer'],
  ['MusicCopyist', 'Music copyist'],
  ['Contractor', 'Contractor'],
  ['BandLeader', 'Band leader'],
  ['Producer', 'Producer'],
  ['Composer', 'Composer'],
] as const);

export const linkKinds = options([
  ['spotify', 'Spotify'],
  ['apple_music', 'Apple Music'],
  ['youtube', 'YouTube'],
  ['bandcamp', 'Bandcamp'],
  ['soundcloud', 'SoundCloud'],
  ['other', 'Link'],
] as const);

export const releaseTypes = options([
  ['album', 'Album'],
  ['single', 'Single'],
  ['ep', 'EP'],
  ['soundtrack', 'Soundtrack'],
  ['other', 'Other'],
] as const);

export const outreachChannels = options([
  ['email', 'Email'],
  ['dm', 'Direct message'],
  ['phone', 'Phone'],
  ['in_person', 'In person'],
  ['other', 'Other'],
] as const);
