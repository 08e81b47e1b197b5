import { Router } from 'express';
import type { FeatureDeps } from '../app.ts';

// Placeholder: the money pages (owed, aging, tax year) are being built.
export function moneyRouter(_deps: FeatureDeps) {
  return Router();
}
