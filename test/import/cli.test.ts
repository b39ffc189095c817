/** `planwright import`: in-process runs of the command line against a temporary --db. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/index';
import { RATED_2020 } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-cli-import-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'planwright', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('planwright import', () => {
  it('--dry-run prints the preview and writes nothing (no store is even created)', async () => {
    const db = path.join(dir, 'dry.sqlite');
    const r = await cli('import', RATED_2020, '--dry-run', '--db', db);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Would create: 7 sections, 41 actions, 1 periods, 41 ratings, 3 recommendations.');
    expect(r.stdout).toContain('Ofsted 3 -> 3.3, 7.5');
    expect(r.stdout).toContain('Dry run: nothing was written.');
    expect(fs.existsSync(db)).toBe(false);
    const json = await cli('import', RATED_2020, '--dry-run', '--json');
    expect(JSON.parse(json.stdout).totals).toEqual({ sections: 7, actions: 41, periods: 1, ratings: 41, recommendations: 3 });
  });

  it('imports, prints what it created, and the plan is in the store', async () => {
    const db = path.join(dir, 'real.sqlite');
    const r = await cli('import', RATED_2020, '--db', db, '--json', '--title', 'Imported plan');
    expect(r.code, r.stderr).toBe(0);
    const created = JSON.parse(r.stdout);
    expect(created).toMatchObject({ title: 'Imported plan', sections: 7, actions: 41, periods: 1, ratings: 41, recommendations: 3, warnings: [] });
    const list = await cli('list', '--db', db, '--json');
    expect(JSON.parse(list.stdout).map((p: { id: string }) => p.id)).toEqual([created.planId]);
  });

  it('bad input: a clear message on stderr, exit code 1, nothing written', async () => {
    const bad = path.join(dir, 'bad.docx');
    fs.writeFileSync(bad, 'not a document');
    const db = path.join(dir, 'bad.sqlite');
    const r = await cli('import', bad, '--db', db);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/planwright: bad\.docx is not a real Word file/);
    const list = await cli('list', '--db', db, '--json');
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});
