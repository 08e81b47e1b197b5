import { Router } from 'express';
import type { FeatureDeps } from '../app.ts';

// Placeholder: the calendar are being built.
export function calendarRouter(_deps: FeatureDeps) {
  return Router();
}
