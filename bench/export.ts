/**
 * Export benchmark: `buildAppendix` on the large plan (12 sections, 1,200 actions, 8 rated periods, 5,000
 * progress updates), median of a few runs after a warm-up; and, in the same run, LibreOffice converting an
 * HTML rendering of the same tables to .docx (what a user would script instead), timed end to end with a
 * fresh profile. Also reports the export's CPU time (steadier than wall time when the machine is shared).
 * Prints nothing; the bench runner prints the table.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAppendix } from '../electron/export/appendix';
import { buildAppendixModel } from '../electron/export/appendix-model';
import { appendixHtml } from '../electron/export/html';
import { ExportOptions } from '../shared/export-options';
import { largePlanDraft } from '../shared/samples/large-plan';
import { treeFromDraft } from '../shared/samples/tree-from-draft';
import type { PlanTree } from '../shared/model';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Wall time of LibreOffice converting `html` to .docx (fresh profile, like a one-off script). */
function libreOfficeHtmlToDocx(html: string): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-lo-'));
  const profile = path.join(os.tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  try {
    const input = path.join(dir, 'appendix.html');
    fs.writeFileSync(input, html);
    const t0 = performance.now();
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--infilter=HTML (StarWriter)',
        '--convert-to',
        'docx:MS Word 2007 XML',
        '--outdir',
        dir,
        input,
      ],
      { stdio: 'ignore', timeout: 600_000 },
    );
    const ms = performance.now() - t0;
    if (!fs.existsSync(path.join(dir, 'appendix.docx'))) throw new Error('LibreOffice did not write the .docx');
    return ms;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * CPU time (user + system, ms) used so far by this process's finished children, from /proc/self/stat
 * (cutime + cstime, in clock ticks of 10 ms); undefined where there is no /proc (not Linux).
 */
export function childrenCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command name start at field 3 (state): cutime is field 16, cstime field 17.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** Wall time of a whole command run (process start to exit), and its CPU time where known, in ms. */
function timeProcess(cmd: string, args: string[]): { wall: number; cpu: number | undefined } {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  execFileSync(cmd, args, { stdio: 'ignore', timeout: 600_000 });
  const wall = performance.now() - t0;
  const c1 = childrenCpuMs();
  return { wall, cpu: c0 === undefined || c1 === undefined ? undefined : c1 - c0 };
}

/**
 * What a user pays at the command line: `planwright export` of the large plan as a whole process (start-up,
 * store, model, Word writer, file written), median of `runs`; and pandoc converting HTML of the same model
 * to .docx as a whole process. Needs `pandoc` (Debian package) for the second figure.
 */
export function benchCliExport(tree: PlanTree, runs = 3): Record<string, number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-cli-'));
  const cliPath = fileURLToPath(new URL('../bin/planwright.mjs', import.meta.url));
  try {
    const db = path.join(dir, 'large.sqlite');
    execFileSync(process.execPath, [cliPath, 'sample', '--large', '--db', db], { stdio: 'ignore', timeout: 600_000 });
    const out = path.join(dir, 'appendix.docx');
    const cli = Array.from({ length: runs }, () =>
      timeProcess(process.execPath, [cliPath, 'export', 'benchmark', '--db', db, '--out', out]),
    );
    const html = path.join(dir, 'appendix.html');
    fs.writeFileSync(html, appendixHtml(buildAppendixModel(tree, ExportOptions.parse({})), tree.levels));
    const pandoc = Array.from({ length: runs }, () =>
      timeProcess('pandoc', ['-f', 'html', '-t', 'docx', '-o', path.join(dir, 'pandoc.docx'), html]),
    );
    const cliMs = median(cli.map((r) => r.wall));
    const pandocMs = median(pandoc.map((r) => r.wall));
    const cpu = (rs: { cpu: number | undefined }[]) =>
      rs.every((r) => r.cpu !== undefined) ? { value: Math.round(median(rs.map((r) => r.cpu!))) } : null;
    const cliCpu = cpu(cli);
    const pandocCpu = cpu(pandoc);
    return {
      'export.cli_large_plan_ms': Math.round(cliMs),
      'export.pandoc_same_content_ms': Math.round(pandocMs),
      'export.cli_over_pandoc': Math.round((cliMs / pandocMs) * 1000) / 1000,
      // CPU time of the whole processes (steadier than wall time on a shared machine).
      ...(cliCpu ? { 'export.cli_large_plan_cpu_ms': cliCpu.value } : {}),
      ...(pandocCpu ? { 'export.pandoc_same_content_cpu_ms': pandocCpu.value } : {}),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchExport(opts: { runs?: number } = {}): Promise<Record<string, number>> {
  const runs = opts.runs ?? 5;
  const tree = treeFromDraft(largePlanDraft());
  const options = ExportOptions.parse({});
  await buildAppendix(tree, options); // warm-up (JIT, module loading)
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await buildAppendix(tree, options);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const ours = median(times);
  const html = appendixHtml(buildAppendixModel(tree, options), tree.levels);
  const lo = libreOfficeHtmlToDocx(html);
  return {
    'export.large_plan_ms': Math.round(ours),
    'export.libreoffice_same_content_ms': Math.round(lo),
    'export.ratio': Math.round((ours / lo) * 1000) / 1000,
    /** CPU time of one export (all threads, garbage collection included): steadier than wall time on a busy machine. */
    'export.large_plan_cpu_ms': Math.round(median(cpu)),
    ...benchCliExport(tree),
  };
}
