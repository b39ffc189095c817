/**
 * The command line: spawned as users run it (node bin/planwright.mjs) against a temporary --db, plus
 * in-process runs of `main` for the finer cases (faster than a process each).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain as inProcess, runSpawned } from './run-main';
import { PlanSummary } from '../../shared/summary-schema';
import { PlanTree } from '../../shared/model';

const cli = runSpawned;

let dir: string;
let db: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-cli-'));
  db = path.join(dir, 'store', 'planwright.sqlite');
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('planwright (spawned)', () => {
  it('--help lists the commands', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    for (const command of ['list', 'dump', 'summary', 'sample'])
      expect(stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('refuses a missing store clearly, without creating it', async () => {
    const missing = path.join(dir, 'nowhere', 'planwright.sqlite');
    const { code, stderr, stdout } = await cli('list', '--db', missing);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`There is no plan store at ${missing}`);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('creates the sample plan, lists it, dumps it and summarises it', async () => {
    const created = await cli('sample', '--db', db);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created the sample plan ".+" \([0-9a-f-]{36}\)/);

    const listed = await cli('list', '--db', db, '--json');
    expect(listed.code).toBe(0);
    const plans = JSON.parse(listed.stdout) as { id: string; title: string }[];
    expect(plans).toHaveLength(1);
    const plan = plans[0]!;

    const table = await cli('list', '--db', db);
    expect(table.stdout).toContain(plan.title);
    expect(table.stdout).toContain(plan.id.slice(0, 8));

    const dumped = await cli('dump', plan.id.slice(0, 6), '--db', db, '--json');
    expect(dumped.code).toBe(0);
    const tree = PlanTree.parse(JSON.parse(dumped.stdout));
    expect(tree.plan.id).toBe(plan.id);
    expect(tree.actions.length).toBeGreaterThan(0);

    const summary = await cli('summary', plan.title.slice(0, 12).toLowerCase(), '--db', db, '--json');
    expect(summary.code).toBe(0);
    expect(PlanSummary.parse(JSON.parse(summary.stdout)).planId).toBe(plan.id);
  });

  it('exits 2 on an unknown command', async () => {
    const { code, stderr } = await cli('frobnicate', '--db', db);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command/i);
  });
});

describe('planwright (in-process)', () => {
  let planId: string;
  let title: string;
  beforeAll(async () => {
    if (!fs.existsSync(db)) await inProcess('sample', '--db', db);
    const listed = await inProcess('list', '--db', db, '--json');
    const plans = JSON.parse(listed.stdout) as { id: string; title: string }[];
    planId = plans[0]!.id;
    title = plans[0]!.title;
  });

  it('prints a human summary with one-decimal means, arrows with words and an overall row', async () => {
    const { code, stdout } = await inProcess('summary', planId, '--db', db);
    expect(code).toBe(0);
    expect(stdout).toContain(title);
    expect(stdout).toMatch(/^Overall\s/m);
    expect(stdout).toMatch(/[↑→↓+–] (Improved|No change|Declined|New|Not rated)/);
    expect(stdout).toMatch(/\b\d\.\d\b|–/);
  });

  it('chooses periods by label and refuses an unknown one, naming the periods', async () => {
    const tree = PlanTree.parse(JSON.parse((await inProcess('dump', planId, '--db', db, '--json')).stdout));
    const [first, second] = tree.periods;
    const ok = await inProcess(
      'summary',
      planId,
      '--db',
      db,
      '--json',
      '--period',
      second!.label.toUpperCase(),
      '--compare',
      first!.label,
    );
    expect(ok.code).toBe(0);
    const summary = PlanSummary.parse(JSON.parse(ok.stdout));
    expect(summary.periodId).toBe(second!.id);
    expect(summary.compareId).toBe(first!.id);

    const none = await inProcess('summary', planId, '--db', db, '--json', '--compare', 'none');
    expect(PlanSummary.parse(JSON.parse(none.stdout)).compareId).toBeNull();

    // Without --compare, the chosen period is compared with the one just before it (shared/compare.ts).
    const third = tree.periods[2];
    if (third) {
      const newest = await inProcess('summary', planId, '--db', db, '--json', '--period', third.label);
      expect(PlanSummary.parse(JSON.parse(newest.stdout)).compareId).toBe(second!.id);
      const self = await inProcess(
        'export',
        planId,
        '--db',
        db,
        '--period',
        third.label,
        '--compare',
        third.label,
        '--out',
        '/tmp/never-written.docx',
      );
      expect(self.code).toBe(2);
      expect(self.stderr).toContain("can't be compared with itself");
    }

    const bad = await inProcess('summary', planId, '--db', db, '--period', 'Midsummer 1999');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('No single reporting period matches "Midsummer 1999"');
    expect(bad.stderr).toContain(first!.label);
  });

  it('says which plans match when a name is ambiguous, and when none does', async () => {
    await inProcess('sample', '--db', db);
    const ambiguous = await inProcess('dump', title.slice(0, 10), '--db', db);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/matches 2 plans/);
    expect(ambiguous.stderr).toContain(planId);

    const none = await inProcess('dump', 'no such plan at all', '--db', db);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No plan matches "no such plan at all"');
  });

  it('prints a readable outline without --json', async () => {
    const { code, stdout } = await inProcess('dump', planId, '--db', db);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(title);
    expect(stdout).toMatch(/^\s+1\.1\s+\[/m);
  });

  it('refuses a file that is not a plan store, leaving it untouched', async () => {
    const file = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(file, 'these are my notes, not a database '.repeat(100));
    const before = fs.readFileSync(file);
    const { code, stderr } = await inProcess('list', '--db', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^planwright: .*not a Planwright plan store/);
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('shows help for a command, including --db', async () => {
    const { code, stdout } = await inProcess('summary', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('--db <path>');
    expect(stdout).toContain('--compare <period>');
  });
});
