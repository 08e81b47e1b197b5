// Where the project's files are. This module sits one folder below the
// project root, as does the production bundle (dist/server.js, see
// scripts/build.mjs), so the same line finds views/, public/ and prisma/
// whether the code runs from src/ or from the bundle.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
