/**
 * The command line as the issue names it: `--db PATH` before or after the command, `--version`,
 * `sample [--as-of DATE]`, `summary <plan> [--period P] [--compare P] --json` (means, counts per level,
 * direction of travel) and `dump <plan> --json` (the whole plan). In-process runs of `main`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain as run } from './run-main';
import { SCHEMA_VERSION } from '../../db/migrations';
import { PlanTree } from '../../shared/model';
import { PlanSummary } from '../../shared/summary-schema';

let dir: string;
let db: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-cli-review-'));
  db = path.join(dir, 'plans.sqlite');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('planwright command line (review)', () => {
  it('--version names the version and the plan store schema', async () => {
    const { code, stdout } = await run('--version');
    expect(code).toBe(0);
    expect(stdout).toBe(`planwright 0.1.0 (plan store schema ${SCHEMA_VERSION})`);
  });

  it('takes --db before the command as well as after it', async () => {
    expect((await run('--db', db, 'sample', '--as-of', '2026-02-13')).code).toBe(0);
    const before = await run('--db', db, 'list', '--json');
    const after = await run('list', '--json', '--db', db);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toHaveLength(1);
    expect(after.stdout).toBe(before.stdout);
    const help = await run('--help');
    expect(help.stdout).toMatch(/--db <path>/);
  });

  it('sample dates itself like the app’s first run (today) by default; --as-of dates it; a bad date is refused, creating nothing', async () => {
    const file = path.join(dir, 'dated.sqlite');
    expect((await run('sample', '--db', file, '--as-of', '2026-02-13')).code).toBe(0);
    expect((await run('sample', '--db', file, '--as-of', '2026-11-22')).code).toBe(0);
    const bad = await run('sample', '--db', file, '--as-of', '22/11/2026');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'planwright: --as-of takes a date written YYYY-MM-DD (for example 2026-11-22) or "today", not "22/11/2026".',
    );
    const plans = JSON.parse((await run('list', '--db', file, '--json')).stdout) as {
      currentPeriodLabel: string | null;
    }[];
    expect(plans.map((p) => p.currentPeriodLabel).sort()).toEqual(['January 2026', 'October 2026']);
    // No --as-of: the same as "today".
    const fresh = path.join(dir, 'today.sqlite');
    const viaToday = path.join(dir, 'today2.sqlite');
    expect((await run('sample', '--db', fresh)).code).toBe(0);
    expect((await run('sample', '--db', viaToday, '--as-of', 'today')).code).toBe(0);
    const label = async (f: string) =>
      (JSON.parse((await run('list', '--db', f, '--json')).stdout) as { currentPeriodLabel: string | null }[])[0]!
        .currentPeriodLabel;
    expect(await label(fresh)).toBe(await label(viaToday));
  });

  it('summary --json: section and overall means, counts per level and direction of travel, for chosen periods', async () => {
    const { code, stdout } = await run(
      'summary',
      'Continuous Improvement',
      '--db',
      db,
      '--json',
      '--period',
      'January 2026',
      '--compare',
      'November 2025',
    );
    expect(code).toBe(0);
    const s = PlanSummary.parse(JSON.parse(stdout));
    expect([s.periodLabel, s.compareLabel]).toEqual(['January 2026', 'November 2025']);
    expect(s.sections).toHaveLength(6);
    expect(s.overall.current.oneDp).toMatch(/^\d\.\d$/);
    expect(s.overall.counts.map((c) => c.label)).toEqual(['Red', 'Amber', 'Green', 'Blue']);
    expect(s.overall.counts.reduce((n, c) => n + c.count, 0) + s.overall.notRated).toBe(30);
    expect(
      s.sections
        .map((x) => x.direction)
        .every((d) => ['improved', 'no-change', 'declined', 'new', 'not-rated'].includes(d)),
    ).toBe(true);
  });

  it('summary refuses to compare a period with itself', async () => {
    const { code, stderr } = await run(
      'summary',
      'Continuous Improvement',
      '--db',
      db,
      '--period',
      'January 2026',
      '--compare',
      'january 2026',
    );
    expect(code).toBe(1);
    expect(stderr).toContain('--compare names the period being reported on ("January 2026")');
  });

  it('dump --json is the whole plan tree, ratings, progress and internal notes included', async () => {
    const { code, stdout } = await run('dump', 'Continuous Improvement', '--db', db, '--json');
    expect(code).toBe(0);
    const tree = PlanTree.parse(JSON.parse(stdout));
    expect(tree.actions).toHaveLength(30);
    expect(tree.ratings.length).toBeGreaterThan(30);
    expect(tree.progress.some((p) => p.internal)).toBe(true);
    expect(tree.recommendations).toHaveLength(4);
  });
});
