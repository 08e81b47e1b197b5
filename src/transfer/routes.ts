import { Router } from 'express';
import type { FeatureDeps } from '../app.ts';

// Placeholder: the CSV import and export are being built.
export function transferRouter(_deps: FeatureDeps) {
  return Router();
}
