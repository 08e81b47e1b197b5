import { Router } from 'express';
import type { FeatureDeps } from '../app.ts';

// Placeholder: the payments pages are being built.
export function paymentsRouter(_deps: FeatureDeps) {
  return Router();
}
