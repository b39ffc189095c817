/**
 * Turns vitest's JSON report into the plain counts `npm test` prints last: test cases passed, failed
 * and skipped. A test file that failed to load, unhandled errors, a crash or an empty run each count
 * as a failure, so "0 failed" always means everything ran and passed.
 */
import fs from 'node:fs';

/**
 * @param {string} reportPath vitest's --outputFile.json
 * @param {number | null} exitCode vitest's exit code
 * @returns {{ passed: number; failed: number; skipped: number; notes: string[] }}
 */
export function summarise(reportPath, exitCode) {
  const notes = [];
  if (!fs.existsSync(reportPath)) {
    notes.push(`vitest wrote no report (exit code ${exitCode}): it crashed before running the tests.`);
    return { passed: 0, failed: 1, skipped: 0, notes };
  }
  /** @type {import('vitest/reporters').JsonTestResults} */
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  const passed = report.numPassedTests;
  const skipped = report.numPendingTests + report.numTodoTests;
  let failed = report.numFailedTests;
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed'),
  );
  for (const file of brokenFiles) notes.push(`${file.name} failed to run: ${(file.message || '').split('\n')[0]}`);
  failed += brokenFiles.length;
  if (report.numTotalTests === 0 && failed === 0) {
    notes.push('vitest ran no tests.');
    failed = 1;
  }
  if (exitCode !== 0 && failed === 0) {
    notes.push(`vitest exited with code ${exitCode} although every test passed (unhandled errors?).`);
    failed = 1;
  }
  return { passed, failed, skipped, notes };
}

/** "12 passed, 0 failed" (", 3 skipped" when any were skipped). */
export function summaryLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}
