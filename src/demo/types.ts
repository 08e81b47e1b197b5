// The demo plan's shapes: plain data, with rows pointing at each other by
// object (an allocation holds its PlanGig), so nothing depends on database ids.
import type { ClientKey, DemoClient } from './catalog.ts';

export type PlanLine = { kind: string; description: string; amountMinor: number; owedToMusician: boolean };

export type PlanGig = {
  date: string;
  startTime: string | null;
  durationMinutes: number | null;
  kind: string;
  status: string;
  title: string;
  artist: string;
  location: string;
  instruments: string[];
  client: ClientKey;
  payer: ClientKey | null;
  currency: string;
  union: boolean;
  bFormType: string;
  bFormFiled: boolean;
  workForHire: boolean;
  notes: string;
  dueDate: string;
  invoice: PlanInvoice | null;
  lines: PlanLine[];
  /** Songs recorded at this session (recording gigs only). Not stored: recordings link to the gig. */
  songs: string[];
  /** Leader or contractor on a union date: paid double scale. Not stored: it shows in the line items. */
  leader: boolean;
};

export type PlanInvoice = {
  number: string;
  client: ClientKey;
  issuedOn: string;
  dueOn: string;
  currency: string;
  terms: string;
  notes: string;
  reminders: string[];
};

export type PlanPayment = {
  client: ClientKey;
  receivedOn: string;
  amountMinor: number;
  currency: string;
  method: string;
  reference: string;
  notes: string;
  allocations: { gig: PlanGig; amountMinor: number }[];
};

export type PlanRecording = {
  gig: PlanGig | null;
  title: string;
  artist: string;
  release: string;
  releaseType: string;
  label: string;
  releaseDate: string | null;
  isrc: string;
  iswc: string | null;
  genres: string;
  isPublic: boolean;
  displayOrder: number | null;
  notes: string;
  credits: { role: string; instrument: string }[];
  links: { kind: string; url: string }[];
};

export type PlanAgreement = {
  recording: PlanRecording;
  gig: PlanGig | null;
  payer: ClientKey;
  basis: string;
  rateBps: number;
  advanceMinor: number;
  currency: string;
  recoupable: boolean;
  startsOn: string | null;
  notes: string;
};

export type PlanStatement = {
  agreement: PlanAgreement | null;
  recording: PlanRecording | null;
  payer: ClientKey;
  source: string;
  periodStart: string;
  periodEnd: string;
  amountMinor: number;
  currency: string;
  receivedOn: string;
  reference: string;
  notes: string;
  /** The sales / receipts figure the statement reports (agreement statements only). */
  basisAmountMinor?: number;
  /** Royalties earned in the period before recoupment (agreement statements only). */
  earnedMinor?: number;
};

export type PlanRateCard = {
  name: string;
  currency: string;
  unitMinutes: number;
  baseUnitMinor: number;
  overtimeIncrementMinutes: number;
  overtimeIncrementMinor: number;
  firstDoubleBps: number;
  additionalDoubleBps: number;
  cartageMinor: number;
  pensionBps: number;
  healthWelfareMinor: number;
  isDefault: boolean;
};

export type DemoPlan = {
  today: string;
  clients: DemoClient[];
  gigs: PlanGig[];
  invoices: PlanInvoice[];
  nextInvoiceNumber: number;
  payments: PlanPayment[];
  rateCards: PlanRateCard[];
  exchangeRates: { fromCurrency: string; toCurrency: string; rate: string; asOf: string }[];
  recordings: PlanRecording[];
  agreements: PlanAgreement[];
  statements: PlanStatement[];
  outreach: {
    client: ClientKey | null;
    contactName: string;
    contactedOn: string;
    channel: string;
    selection: string;
    followUpOn: string | null;
    outcome: string;
    notes: string;
  }[];
};
