// Types for scripts/build.mjs (plain JavaScript so that `npm start` needs no TypeScript loader).
export function buildServer(outfile?: string): Promise<string>;
export function serverNodeArgs(): string[];
