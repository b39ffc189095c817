/**
 * Runs Electron's own installer (the path in argv[2]) with the terminal inherited, so its progress bar
 * shows, but sends its error report (a stack trace) to file descriptor 3 for scripts/electron-setup.mjs
 * to explain in plain English instead.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

console.error = (...args) => {
  const text = args
    .map((a) => (a instanceof Error ? `${a.stack}\n${a.cause ? String(a.cause.stack || a.cause) : ''}` : String(a)))
    .join(' ');
  try {
    fs.writeSync(3, `${text}\n`);
  } catch {
    // No pipe (run by hand): print as usual.
    process.stderr.write(`${text}\n`);
  }
};
try {
  createRequire(import.meta.url)(process.argv[2]);
} catch (error) {
  console.error(error);
  process.exit(1);
}
