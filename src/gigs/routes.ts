import { Router } from 'express';
import type { FeatureDeps } from '../app.ts';

export function gigsRouter(_deps: FeatureDeps) {
  return Router();
}
