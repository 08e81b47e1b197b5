import { Router } from 'express';
import type { FeatureDeps } from '../app.ts';

// Placeholder: the rate cards are being built.
export function feesRouter(_deps: FeatureDeps) {
  return Router();
}
