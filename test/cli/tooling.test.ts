/** The test runner's summary line (scripts/test.mjs) and the benchmark table (bench/run.ts). */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { formatResults, GOALS } from '../../bench/run';
import { summarise, summaryLine } from '../../scripts/summarise-vitest.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-tooling-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function report(name: string, body: object): string {
  const file = path.join(tmp, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(body));
  return file;
}

const base = {
  numFailedTests: 0,
  numPassedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  numTotalTests: 0,
  testResults: [] as object[],
};

describe('summarise (npm test summary line)', () => {
  it('counts passed, failed and skipped test cases', () => {
    const file = report('mixed', {
      ...base,
      numPassedTests: 12,
      numFailedTests: 2,
      numPendingTests: 3,
      numTodoTests: 1,
      numTotalTests: 18,
    });
    const counts = summarise(file, 1);
    expect(summaryLine(counts)).toBe('12 passed, 2 failed, 4 skipped');
    expect(summaryLine(summarise(report('clean', { ...base, numPassedTests: 5, numTotalTests: 5 }), 0))).toBe(
      '5 passed, 0 failed',
    );
  });

  it('counts a test file that failed to load as a failure', () => {
    const file = report('broken', {
      ...base,
      numPassedTests: 3,
      numTotalTests: 3,
      testResults: [
        { name: 'test/x.test.ts', status: 'failed', message: 'Cannot find module ./nope\nstack', assertionResults: [] },
      ],
    });
    const counts = summarise(file, 1);
    expect(summaryLine(counts)).toBe('3 passed, 1 failed');
    expect(counts.notes[0]).toContain('test/x.test.ts failed to run: Cannot find module ./nope');
  });

  it('treats a crash, an empty run and unhandled errors as failures', () => {
    expect(summaryLine(summarise(path.join(tmp, 'missing.json'), 1))).toBe('0 passed, 1 failed');
    expect(summaryLine(summarise(report('empty', base), 0))).toBe('0 passed, 1 failed');
    expect(summaryLine(summarise(report('unhandled', { ...base, numPassedTests: 4, numTotalTests: 4 }), 1))).toBe(
      '4 passed, 1 failed',
    );
  });

  it('ends `node scripts/test.mjs` with the summary line and a matching exit code', async () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS'),
    );
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['scripts/test.mjs', ...args], {
        cwd: root,
        env: { ...env, PLANWRIGHT_TEST_REPORT: path.join(tmp, `run-${args.length}.json`) },
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
    const ok = await run('test/electron/shell-modules.test.ts');
    expect(ok.code).toBe(0);
    expect(ok.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    const none = await run('test/no-such-folder/', '--passWithNoTests=false');
    expect(none.code).not.toBe(0);
    expect(none.stdout.trimEnd().split('\n').at(-1)).toMatch(/^0 passed, [1-9]\d* failed$/);
  });
});

// npm start's checks (Node version, Electron's download, the SQLite module) are in test/scripts/electron-setup.test.ts.

describe('bench table', () => {
  it('checks each goal and marks unmeasured ones', () => {
    const table = formatResults({
      'store.open_full_tree_ms': 20,
      'store.raw_read_ms': 8,
      'store.edit_median_ms': 1.5,
      'export.size_ratio': 0.3,
      'store.create_large_plan_ms': 900,
    });
    const row = (figure: string) => table.split('\n').find((l) => l.startsWith(figure)) ?? '';
    expect(row('store.open_full_tree_ms ')).toMatch(/20\.00\s+≤ 50 ms\s+pass$/);
    expect(row('store.open_full_tree_ms / store.raw_read_ms')).toMatch(/2\.50\s+≤ 1\.2×\s+FAIL$/);
    expect(row('store.edit_median_ms')).toMatch(/FAIL$/);
    expect(row('ui.keystroke_ms')).toMatch(/not measured$/);
    expect(row('export ratio')).toMatch(/0\.300\s+≤ 0\.5\s+pass$/);
    expect(row('store.create_large_plan_ms')).toMatch(/900$/);
    expect(GOALS.map((g) => g.figure)).toContain('import.large_plan_ms');
  });
});

describe('the compiled command line', () => {
  it('bin/planwright.mjs runs the esbuild bundle (built on first use), and tsx is not a runtime dependency', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.scripts['build:cli']).toBe('node scripts/build-cli.mjs');
    expect(fs.readFileSync(path.join(root, 'bin', 'planwright.mjs'), 'utf8')).not.toContain('tsx');
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/planwright.mjs', '--version'], { cwd: root });
    expect(stdout).toMatch(/\d+\.\d+\.\d+/);
    const inputs = JSON.parse(fs.readFileSync(path.join(root, 'out', 'cli', 'inputs.json'), 'utf8')) as string[];
    // The bundle knows its sources, so an edited source triggers a rebuild.
    expect(inputs).toContain('electron/cli/index.ts');
    expect(inputs).toContain('shared/contract.ts');
    expect(fs.readFileSync(path.join(root, 'out', 'cli', 'index.cjs'), 'latin1')).not.toMatch(/require\("tsx/);
  });
});
