/** Types for summarise-vitest.mjs (plain JavaScript so `npm test` needs no TypeScript loader). */
export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  notes: string[];
}
export function summarise(reportPath: string, exitCode: number | null): TestCounts;
export function summaryLine(counts: Pick<TestCounts, 'passed' | 'failed' | 'skipped'>): string;
