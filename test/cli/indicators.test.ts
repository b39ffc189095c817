/** `dump` and `summary` show the plan's performance indicators with their values and direction of travel. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanTree } from '../../shared/model';
import { PlanSummary } from '../../shared/summary-schema';
import { runMain as run } from './run-main';

let dir: string;
let db: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-cli-indicators-'));
  db = path.join(dir, 'plans.sqlite');
  expect((await run('sample', '--db', db, '--as-of', '2026-02-13')).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('indicators on the command line', () => {
  it('dump --json includes every indicator with its values (missing as null, with its note) and its figures', async () => {
    const { code, stdout } = await run('dump', 'Continuous Improvement', '--db', db, '--json');
    expect(code).toBe(0);
    const raw = JSON.parse(stdout) as {
      indicators: { name: string; values: unknown[]; figures: Record<string, unknown> }[];
    };
    expect(PlanTree.parse(raw).indicators).toHaveLength(15);
    const rereferrals = raw.indicators.find((i) => i.name === 'Re-referrals within 12 months')!;
    expect(rereferrals.values.at(-1)).toEqual({ label: 'Jan 2026', value: null, note: 'Data being collated' });
    expect(rereferrals.figures).toMatchObject({
      latest: { label: 'Dec 2025', value: 17 },
      yearToDate: 17,
      direction: 'improved',
      directionText: '↑ Improved',
      meetsTarget: true,
    });
  });

  it('dump shows each section’s indicators with missing values as missing', async () => {
    const { stdout } = await run('dump', 'Continuous Improvement', '--db', db);
    expect(stdout).toContain('  Indicator: Re-referrals within 12 months (%, lower is better) · ↑ Improved');
    expect(stdout).toContain('Dec 2025 17% · Jan 2026 missing (Data being collated)');
  });

  it('summary shows each indicator’s direction of travel, respecting polarity', async () => {
    const { code, stdout } = await run('summary', 'Continuous Improvement', '--db', db);
    expect(code).toBe(0);
    const line = (name: string) => stdout.split('\n').find((l) => l.includes(name)) ?? '';
    expect(line('Re-referrals within 12 months')).toMatch(
      /17% \(Dec 2025\)\s+17% \(latest value\)\s+20%\s+↑ Improved$/,
    );
    expect(line('Contacts screened within 24 hours')).toMatch(/↓ Declined$/);
    expect(line('Episodes of children missing')).toMatch(/232 \(sum of the months\)\s+–\s+↑ Improved$/);
    const json = JSON.parse((await run('summary', 'Continuous Improvement', '--db', db, '--json')).stdout) as {
      indicators: { name: string; direction: string }[];
    };
    expect(PlanSummary.parse(json).sections).toHaveLength(6);
    expect(json.indicators.find((i) => i.name === 'Supervision within timescale')!.direction).toBe('declined');
  });
});
