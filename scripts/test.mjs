#!/usr/bin/env node
/**
 * `npm test`: runs every vitest test (console output as usual, plus a JSON report in
 * test-results/vitest.json) and ends with one plain line, "N passed, N failed" (", N skipped" when any
 * were skipped). Exits non-zero on any failure, a crash, or a run with no tests. Extra arguments go
 * to vitest (e.g. `npm test -- test/cli`); PLANWRIGHT_TEST_REPORT moves the JSON report.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarise, summaryLine } from './summarise-vitest.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const report = process.env.PLANWRIGHT_TEST_REPORT
  ? path.resolve(process.env.PLANWRIGHT_TEST_REPORT)
  : path.join(root, 'test-results', 'vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });

const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
if (!fs.existsSync(vitest)) {
  console.error('vitest is not installed: run `npm ci` first.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const args = [
  vitest,
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
child.on('error', (error) => {
  console.error(`vitest could not be started: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
child.on('exit', (code, signal) => {
  const result = summarise(report, signal ? 1 : code);
  for (const note of result.notes) console.error(note);
  console.log(summaryLine(result));
  process.exit(result.failed > 0 || code !== 0 ? 1 : 0);
});
