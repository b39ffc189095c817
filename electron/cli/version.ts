/** Planwright's version, read from package.json beside the sources (the command line runs from them). */
import fs from 'node:fs';

let cached: string | null = null;

/** "0.1.0", or "unknown" in a bundle without package.json beside it. */
export function packageVersion(): string {
  if (cached !== null) return cached;
  cached = 'unknown';
  try {
    const pkg: unknown = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    if (pkg && typeof pkg === 'object' && 'version' in pkg && typeof pkg.version === 'string') cached = pkg.version;
  } catch {
    // Say "unknown" rather than fail.
  }
  return cached;
}
