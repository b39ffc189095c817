/**
 * `npm run bench`: runs every benchmark part that exists (store, ui, export, import), prints one table
 * of figures against their goals and writes them to bench/results.json with the machine and the date.
 * Each part is a module in this folder exporting one async function answering named figures in ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { formatTable } from '../electron/cli/format';

type Figures = Record<string, number>;

interface Part {
  file: string;
  fn: string;
  /** The store part is required; the others run when their file is there. */
  required: boolean;
}

const PARTS: Part[] = [
  { file: 'store.ts', fn: 'benchStore', required: true },
  { file: 'ui.ts', fn: 'benchUi', required: false },
  { file: 'export.ts', fn: 'benchExport', required: false },
  { file: 'import.ts', fn: 'benchImport', required: false },
  { file: 'cli.ts', fn: 'benchCli', required: false },
  { file: 'sync.ts', fn: 'benchSync', required: false },
];

export interface Goal {
  figure: string;
  goal: string;
  /** null when a figure it needs is missing. */
  check(f: Figures): boolean | null;
  value(f: Figures): number | undefined;
}

const atMost = (figure: string, limit: number, unit = 'ms'): Goal => ({
  figure,
  goal: `≤ ${limit} ${unit}`,
  value: (f) => f[figure],
  check: (f) => (f[figure] === undefined ? null : f[figure] <= limit),
});

/** The exporter names its ratio figure; accept any export.*ratio* figure. */
const exportRatio = (f: Figures) => Object.keys(f).find((k) => k.startsWith('export.') && k.includes('ratio'));

export const GOALS: Goal[] = [
  atMost('store.open_full_tree_ms', 50),
  {
    figure: 'store.open_full_tree_ms / store.raw_read_ms',
    // Issue 11.12: the plan read through the service layer within 1.2× a raw read of the same rows.
    goal: '≤ 1.2×',
    value: (f) =>
      f['store.open_full_tree_ms'] !== undefined && f['store.raw_read_ms']
        ? f['store.open_full_tree_ms'] / f['store.raw_read_ms']
        : undefined,
    check: (f) =>
      f['store.open_full_tree_ms'] === undefined || !f['store.raw_read_ms']
        ? null
        : f['store.open_full_tree_ms'] <= 1.2 * f['store.raw_read_ms'],
  },
  atMost('store.edit_median_ms', 1),
  atMost('ui.open_large_plan_ms', 500),
  atMost('ui.keystroke_ms', 16),
  atMost('ui.overview_ms', 300),
  atMost('export.large_plan_ms', 1000),
  atMost('export.cli_large_plan_ms', 1500),
  {
    figure: 'CLI export vs pandoc',
    goal: '≤ 0.5×',
    value: (f) => f['export.cli_over_pandoc'],
    check: (f) => (f['export.cli_over_pandoc'] === undefined ? null : f['export.cli_over_pandoc'] <= 0.5),
  },
  atMost('sync.merge_10k_ops_ms', 1000),
  {
    figure: 'export ratio',
    goal: '≤ 0.5',
    value: (f) => {
      const key = exportRatio(f);
      return key ? f[key] : undefined;
    },
    check: (f) => {
      const key = exportRatio(f);
      return key ? (f[key] as number) <= 0.5 : null;
    },
  },
  atMost('import.large_plan_ms', 3000),
  {
    figure: 'cli.list_ms / cli.node_baseline_ms',
    goal: '≤ 4×',
    value: (f) =>
      f['cli.list_ms'] !== undefined && f['cli.node_baseline_ms']
        ? f['cli.list_ms'] / f['cli.node_baseline_ms']
        : undefined,
    check: (f) =>
      f['cli.list_ms'] === undefined || !f['cli.node_baseline_ms']
        ? null
        : f['cli.list_ms'] <= 4 * f['cli.node_baseline_ms'],
  },
];

const here = path.dirname(fileURLToPath(import.meta.url));

async function runPart(part: Part): Promise<{ figures: Figures; error?: string; skipped?: boolean }> {
  const file = path.join(here, part.file);
  if (!fs.existsSync(file)) {
    if (part.required) return { figures: {}, error: `bench/${part.file} is missing` };
    return { figures: {}, skipped: true };
  }
  try {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const fn = mod[part.fn];
    if (typeof fn !== 'function') return { figures: {}, error: `bench/${part.file} does not export ${part.fn}()` };
    const result = (await (fn as () => Promise<unknown>)()) as Record<string, unknown>;
    const figures: Figures = {};
    for (const [key, value] of Object.entries(result ?? {}))
      if (typeof value === 'number' && Number.isFinite(value)) figures[key] = value;
    return { figures };
  } catch (error) {
    return {
      figures: {},
      error: `bench/${part.file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    };
  }
}

const fmt = (n: number | undefined) =>
  n === undefined ? '–' : Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(3);

/** The table printed at the end: every figure, its goal where it has one, and pass or fail. */
export function formatResults(figures: Figures): string {
  const rows: string[][] = [];
  const covered = new Set<string>();
  for (const goal of GOALS) {
    const ok = goal.check(figures);
    rows.push([goal.figure, fmt(goal.value(figures)), goal.goal, ok === null ? 'not measured' : ok ? 'pass' : 'FAIL']);
    covered.add(goal.figure);
  }
  for (const [key, value] of Object.entries(figures).sort(([a], [b]) => a.localeCompare(b))) {
    if (!covered.has(key)) rows.push([key, fmt(value), '', '']);
  }
  return formatTable(['Figure', 'Value', 'Goal', 'Result'], rows, ['left', 'right']);
}

/**
 * A full garbage collection, so that no part pays for the garbage an earlier part of the same process left
 * (the ui part's 9 MB plan answers, the export's documents); what a part allocates itself it still pays for.
 */
function collectGarbage(): void {
  const g = globalThis as { gc?: () => void };
  if (!g.gc) {
    v8.setFlagsFromString('--expose-gc');
    g.gc = vm.runInNewContext('gc') as () => void;
  }
  g.gc();
}

async function main(): Promise<number> {
  const figures: Figures = {};
  const problems: string[] = [];
  const skipped: string[] = [];
  for (const part of PARTS) {
    process.stderr.write(`Running bench/${part.file}…\n`);
    collectGarbage();
    const result = await runPart(part);
    Object.assign(figures, result.figures);
    if (result.error) problems.push(result.error);
    if (result.skipped) skipped.push(part.file);
  }
  const failed = GOALS.filter((g) => g.check(figures) === false).map((g) => g.figure);
  const results = {
    date: new Date().toISOString(),
    machine: {
      platform: `${os.platform()} ${os.release()}`,
      arch: os.arch(),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
    },
    figures,
    failedGoals: failed,
    skippedParts: skipped,
    errors: problems,
  };
  // `npm run soak` writes its reliability.* figures into the same file: keep them.
  const file = path.join(here, 'results.json');
  try {
    const before = JSON.parse(fs.readFileSync(file, 'utf8')) as { figures?: Figures };
    for (const [key, value] of Object.entries(before.figures ?? {}))
      if (key.startsWith('reliability.') && !(key in figures)) figures[key] = value;
  } catch {
    // No earlier results (or an unreadable file): write a fresh one.
  }
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatResults(figures));
  if (skipped.length) console.log(`\nNot run (no file yet): ${skipped.map((s) => `bench/${s}`).join(', ')}`);
  for (const problem of problems) console.error(`\n${problem}`);
  console.log(
    `\nWritten to bench/results.json. ${failed.length ? `Goals missed: ${failed.join(', ')}.` : 'Every measured goal was met.'}`,
  );
  return problems.length || failed.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
