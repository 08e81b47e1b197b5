import { Router } from 'express';
import type { FeatureDeps } from '../app.ts';

// Placeholder: the clients pages are being built.
export function clientsRouter(_deps: FeatureDeps) {
  return Router();
}
