import { Router } from 'express';
import type { FeatureDeps } from '../app.ts';

// Placeholder: the royalties pages are being built.
export function royaltiesRouter(_deps: FeatureDeps) {
  return Router();
}
