// The fixed cast of the demo: the musician, the people and companies she
// works for, and the records she plays on. All invented; e-mail addresses use
// the reserved .test domain and streaming links use obviously fake ids.

export const DEMO_EMAIL = 'demo@ledgerlines.test';
export const DEMO_PASSWORD = 'demo-password-1';
export const DEMO_TIME_ZONE = 'America/Los_Angeles';

export const demoMusician = {
  name: 'Maya Okafor',
  email: DEMO_EMAIL,
  slug: 'maya-okafor',
  portfolioPublic: true,
  homeCurrency: 'USD',
  timeZone: DEMO_TIME_ZONE,
  paymentTermsDays: 30,
  instruments: 'piano, Hammond organ, Rhodes, Wurlitzer, synths, backing vocals',
  bio:
    'Los Angeles keyboard player and background vocalist. Hammond and Rhodes on soul, Americana and indie records; ' +
    'scoring dates and jingles as an AFM Local 47 member; remote keys and vocal stacks from a home studio for ' +
    'producers in LA and London. Arranges background vocals and teaches piano.',
  publicEmail: 'bookings@maya-okafor.test',
  publicWebsite: 'https://maya-okafor.test',
  invoiceDetails: [
    'Maya Okafor — keys & vocals',
    '2417 Example Ave, Los Angeles, CA 90026',
    'AFM Local 47 member',
    'ACH: routing 000000000, account ending 0000 (demo)',
  ].join('\n'),
  invoicePrefix: 'INV-',
};

export type ClientKey =
  | 'echoPark'
  | 'blueDoor'
  | 'samOduya'
  | 'danaWhitfield'
  | 'marcusLee'
  | 'copperKettle'
  | 'juneAlvarez'
  | 'marigolds'
  | 'rayDelgado'
  | 'lindaPark'
  | 'brightline'
  | 'northlight'
  | 'kingsway'
  | 'hollowTavern'
  | 'priyaShah'
  | 'fund';

export type DemoClient = {
  key: ClientKey;
  kind: string;
  name: string;
  company?: string;
  /** The company this person works for (must be listed earlier). */
  organization?: ClientKey;
  email?: string;
  phone?: string;
  city: string;
  notes?: string;
  /** Days from the gig to the due date; 0 = paid on the day. Not stored: it sets each gig's dueDate. */
  termsDays: number;
  currency: 'USD' | 'GBP';
  method: string;
};

export const demoClients: DemoClient[] = [
  { key: 'echoPark', kind: 'studio', name: 'Echo Park Sound', email: 'bookings@echoparksound.test', phone: '+1 213 555 0142', city: 'Los Angeles', notes: 'Pays every session of a month with one check, net 30.', termsDays: 30, currency: 'USD', method: 'check' },
  { key: 'blueDoor', kind: 'studio', name: 'Blue Door Recording', email: 'studio@bluedoor.test', phone: '+1 818 555 0187', city: 'Burbank', termsDays: 30, currency: 'USD', method: 'bank_transfer' },
  { key: 'samOduya', kind: 'engineer', name: 'Sam Oduya', company: 'Echo Park Sound', organization: 'echoPark', email: 'sam@echoparksound.test', city: 'Los Angeles', notes: 'House engineer; books players for his own productions too.', termsDays: 30, currency: 'USD', method: 'check' },
  { key: 'danaWhitfield', kind: 'producer', name: 'Dana Whitfield', email: 'dana@whitfieldmusic.test', phone: '+1 323 555 0119', city: 'Los Angeles', notes: 'Label pays for her album dates (Copper Kettle).', termsDays: 30, currency: 'USD', method: 'bank_transfer' },
  { key: 'marcusLee', kind: 'producer', name: 'Marcus Lee', company: 'Blue Door Recording', organization: 'blueDoor', email: 'marcus@bluedoor.test', city: 'Burbank', notes: 'Sends stems on Monday, wants parts by Friday. Pays by PayPal.', termsDays: 15, currency: 'USD', method: 'paypal' },
  { key: 'copperKettle', kind: 'label', name: 'Copper Kettle Records', email: 'accounts@copperkettle.test', city: 'Los Angeles', notes: 'Accounts payable wants an invoice number on every payment.', termsDays: 30, currency: 'USD', method: 'bank_transfer' },
  { key: 'juneAlvarez', kind: 'artist', name: 'June Alvarez', email: 'june@junealvarez.test', phone: '+1 323 555 0166', city: 'Los Angeles', termsDays: 7, currency: 'USD', method: 'zelle' },
  { key: 'marigolds', kind: 'artist', name: 'The Marigolds', company: 'Marigold Touring LLC', email: 'tour@themarigolds.test', city: 'Nashville', notes: 'Tour settlement within two weeks of the last show.', termsDays: 14, currency: 'USD', method: 'bank_transfer' },
  { key: 'rayDelgado', kind: 'contractor', name: 'Ray Delgado', email: 'ray@delgadocontracting.test', phone: '+1 818 555 0130', city: 'Studio City', notes: 'Orchestra contractor for film and TV dates. Files the B-7s.', termsDays: 15, currency: 'USD', method: 'check' },
  { key: 'lindaPark', kind: 'contractor', name: 'Linda Park', email: 'linda@parkmusicservices.test', city: 'Los Angeles', notes: 'Contracts record dates and background vocal sessions.', termsDays: 30, currency: 'USD', method: 'check' },
  { key: 'brightline', kind: 'agency', name: 'Brightline Music', email: 'production@brightlinemusic.test', city: 'Santa Monica', notes: 'Ad music house. Net 45.', termsDays: 45, currency: 'USD', method: 'bank_transfer' },
  { key: 'northlight', kind: 'other', name: 'Northlight Pictures', company: 'Northlight Pictures (payroll: Cast & Crew)', email: 'music@northlightpictures.test', city: 'Culver City', notes: 'Pays scoring sessions through the payroll company.', termsDays: 15, currency: 'USD', method: 'check' },
  { key: 'kingsway', kind: 'studio', name: 'Kingsway Mews Studios', email: 'bookings@kingswaymews.test', phone: '+44 20 7946 0321', city: 'London', notes: 'Remote sessions for UK artists, paid in GBP through Wise.', termsDays: 30, currency: 'GBP', method: 'wise' },
  { key: 'hollowTavern', kind: 'other', name: 'The Hollow Tavern', email: 'booking@hollowtavern.test', city: 'Los Angeles (Silver Lake)', notes: 'Venue. Pays the band in cash on the night.', termsDays: 0, currency: 'USD', method: 'cash' },
  { key: 'priyaShah', kind: 'other', name: 'Priya Shah', email: 'priya.shah@example.test', city: 'Los Angeles', notes: 'Piano student, fortnightly on Thursdays.', termsDays: 0, currency: 'USD', method: 'venmo' },
  { key: 'fund', kind: 'fund', name: 'AFM & SAG-AFTRA Intellectual Property Rights Distribution Fund', email: 'info@afmsagaftrafund.test', city: 'Los Angeles', notes: 'Non-featured performers’ share of digital performance royalties. Annual distribution.', termsDays: 0, currency: 'USD', method: 'check' },
];

export type DemoSong = { title: string; iswc?: true };

/** An artist Maya records for: who books those dates and where the record comes out. */
export type DemoArtist = {
  name: string;
  release: string;
  releaseType: string;
  label: string;
  genres: string;
  /** ISRC prefix: country + registrant. */
  isrcPrefix: string;
  bookers: ClientKey[];
  payer?: ClientKey;
  union: boolean;
  songs: DemoSong[];
  /** Streaming links this release has besides Spotify. */
  bandcamp?: string;
};

export const demoArtists: DemoArtist[] = [
  { name: 'June Alvarez', release: 'Lantern Street', releaseType: 'album', label: 'Copper Kettle Records', genres: 'soul, indie', isrcPrefix: 'USCK7', bookers: ['danaWhitfield', 'juneAlvarez'], payer: 'copperKettle', union: true, songs: [{ title: 'Lantern Street', iswc: true }, { title: 'Paper Lanterns' }, { title: 'Better Than Gone', iswc: true }, { title: 'Slow Burn Sunday' }] },
  { name: 'Theo Brandt', release: 'Heavy Weather', releaseType: 'album', label: 'Driftwood Audio', genres: 'americana, rock', isrcPrefix: 'USDW4', bookers: ['echoPark', 'samOduya', 'blueDoor'], union: true, songs: [{ title: 'Heavy Weather' }, { title: 'Salt Road', iswc: true }, { title: 'Ninety Miles' }] },
  { name: 'Saint Clementine', release: 'Midnight Laundromat', releaseType: 'ep', label: 'Self-released', genres: 'indie pop', isrcPrefix: 'QZSC2', bookers: ['marcusLee', 'echoPark'], union: false, songs: [{ title: 'Midnight Laundromat' }, { title: 'Sugar & Static' }], bandcamp: 'saintclementine-demo' },
  { name: 'Nadia Reyes', release: 'Kingfisher', releaseType: 'single', label: 'Copper Kettle Records', genres: 'pop, r&b', isrcPrefix: 'USCK7', bookers: ['danaWhitfield'], payer: 'copperKettle', union: true, songs: [{ title: 'Kingfisher', iswc: true }, { title: 'Undertow' }] },
  { name: 'Hollis & Vane', release: 'Orchard', releaseType: 'album', label: 'Kingsway Mews Records', genres: 'folk, pop', isrcPrefix: 'GBKWM', bookers: ['kingsway'], union: false, songs: [{ title: 'Orchard', iswc: true }, { title: 'Dandelion Year' }, { title: 'River Stones' }] },
  { name: 'The Marigolds', release: 'Wildflower Radio', releaseType: 'album', label: 'Copper Kettle Records', genres: 'americana', isrcPrefix: 'USCK7', bookers: ['lindaPark'], payer: 'copperKettle', union: true, songs: [{ title: 'Wildflower Radio' }, { title: 'Second Avenue' }] },
  { name: 'Wes Harlan', release: 'Crooked Smile', releaseType: 'single', label: 'Self-released', genres: 'gospel, soul', isrcPrefix: 'QZWH3', bookers: ['marcusLee', 'lindaPark'], union: false, songs: [{ title: 'Crooked Smile' }, { title: 'Moth to Flame' }] },
  { name: 'Pale Atlas', release: 'Low Light', releaseType: 'ep', label: 'Blue Door Records', genres: 'synth-pop', isrcPrefix: 'USBDR', bookers: ['blueDoor', 'marcusLee'], union: false, songs: [{ title: 'Low Light' }, { title: 'Night Bus Home' }], bandcamp: 'paleatlas-demo' },
  { name: 'Delphine Ash', release: 'The Quiet Part', releaseType: 'album', label: 'Driftwood Audio', genres: 'jazz, soul', isrcPrefix: 'USDW4', bookers: ['lindaPark', 'echoPark'], union: true, songs: [{ title: 'The Quiet Part', iswc: true }, { title: 'Halfway to Tuesday' }], bandcamp: 'delphineash-demo' },
];

/** The film Ray Delgado contracts; its soundtrack cues are recordings too. */
export const demoFilm = {
  composer: 'Elena Varga',
  title: 'The Long Field',
  release: 'The Long Field (Original Motion Picture Soundtrack)',
  label: 'Northlight Music',
  isrcPrefix: 'USNLP',
  cues: ['Main Title', 'Crossing the Field'],
};

/** Records from before the two years of gigs: credits without a logged session. The ISRC year comes from the release date. */
export const demoOlderRecordings = [
  { title: 'Sunday Best', artist: 'The Calloway Brothers', release: 'Sunday Best', releaseType: 'album', label: 'Driftwood Audio', genres: 'gospel, soul', isrcPrefix: 'USDW4', designation: 211, yearsAgo: 6, role: 'StudioMusician', instrument: 'Hammond organ' },
  { title: 'Velvet Hour', artist: 'Kit Moreno', release: 'Velvet Hour', releaseType: 'single', label: 'Self-released', genres: 'r&b', isrcPrefix: 'QZKM2', designation: 47, yearsAgo: 5, role: 'BackgroundVocalist', instrument: '' },
  { title: 'Glasshouse', artist: 'Delphine Ash', release: 'First Light', releaseType: 'album', label: 'Driftwood Audio', genres: 'jazz, soul', isrcPrefix: 'USDW4', designation: 530, yearsAgo: 4, role: 'StudioMusician', instrument: 'Rhodes' },
  { title: 'Runaway Static', artist: 'Pale Atlas', release: 'Runaway Static', releaseType: 'single', label: 'Blue Door Records', genres: 'synth-pop', isrcPrefix: 'USBDR', designation: 12, yearsAgo: 4, role: 'Programmer', instrument: 'Synthesizer' },
  { title: 'Moonlit Drive', artist: 'June Alvarez', release: 'Early Hours', releaseType: 'ep', label: 'Self-released', genres: 'soul, indie', isrcPrefix: 'QZJA2', designation: 3, yearsAgo: 3, role: 'VocalArranger', instrument: '' },
  { title: 'Harbour Lights', artist: 'Hollis & Vane', release: 'Harbour Lights', releaseType: 'single', label: 'Kingsway Mews Records', genres: 'folk, pop', isrcPrefix: 'GBKWM', designation: 31, yearsAgo: 3, role: 'StudioMusician', instrument: 'Piano' },
];

export const keyboards = ['Piano', 'Hammond organ', 'Rhodes', 'Wurlitzer', 'Synthesizer', 'Clavinet', 'Mellotron'];
/** Instruments that earn cartage when Maya brings her own. */
export const hauled = new Set(['Hammond organ', 'Rhodes', 'Wurlitzer', 'Clavinet', 'Mellotron']);

export const studioRooms: Partial<Record<ClientKey, string>> = {
  echoPark: 'Echo Park Sound, Studio A',
  samOduya: 'Echo Park Sound, Studio B',
  blueDoor: 'Blue Door Recording, Burbank',
  danaWhitfield: 'Whitfield’s room, Los Feliz',
  lindaPark: 'Fairview Studios, Hollywood',
};

export const tourCities = [
  'Nashville, TN',
  'Atlanta, GA',
  'Durham, NC',
  'Washington, DC',
  'Philadelphia, PA',
  'New York, NY',
  'Boston, MA',
  'Cleveland, OH',
];

const clientsByKey = new Map(demoClients.map((c) => [c.key, c]));
export const clientFor = (key: ClientKey): DemoClient => clientsByKey.get(key)!;
