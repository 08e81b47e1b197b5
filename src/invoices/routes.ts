import { Router } from 'express';
import type { FeatureDeps } from '../app.ts';

// Placeholder: the invoices pages are being built.
export function invoicesRouter(_deps: FeatureDeps) {
  return Router();
}
