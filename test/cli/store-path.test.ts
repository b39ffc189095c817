/**
 * Issue 10: where the command line's plan store lives. `--db PATH` inside a synced folder (OneDrive,
 * SharePoint, Teams, Dropbox…) prints the app's warning on stderr once, for every command that opens a store
 * (reading ones too), without changing the exit code; without --db the command line opens the app's own
 * store, following a move recorded by File › Move plan store… (store-location.json in userData).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain, runSpawned } from './run-main';
import { syncedFolderWarning } from '../../shared/synced-folder';
import { writeStoreLocation } from '../../electron/main/store-location';

let dir: string;
let synced: string;
let local: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-cli-store-'));
  synced = path.join(dir, 'OneDrive - Northmoor Council', 'Planwright', 'planwright.sqlite');
  local = path.join(dir, 'local', 'planwright.sqlite');
  for (const db of [synced, local]) expect((await runMain('sample', '--db', db)).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const warningLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('Warning: '));

describe('planwright --db inside a synced folder', () => {
  it('warns once on stderr for every command that opens the store, read-only ones too, and keeps the exit code', async () => {
    const words = `Warning: ${syncedFolderWarning(synced)}`;
    expect(words).toContain('looks like it is inside a OneDrive folder');
    const plan = JSON.parse((await runMain('list', '--db', synced, '--json')).stdout) as { id: string }[];
    const runs: string[][] = [
      ['list', '--db', synced],
      ['dump', plan[0]!.id, '--db', synced],
      ['summary', plan[0]!.id, '--db', synced],
      ['export', plan[0]!.id, '--out', path.join(dir, 'appendix.docx'), '--db', synced],
      ['conflicts', plan[0]!.id, '--db', synced],
    ];
    for (const args of runs) {
      const run = await runMain(...args);
      expect(run.code, `${args[0]}: ${run.stderr}`).toBe(0);
      expect(warningLines(run.stderr), args[0]).toEqual([words]);
      expect(run.stdout).not.toContain('Warning:');
    }
    // A failing command keeps its own exit code and message, after the warning (sync: the plan is not shared).
    fs.mkdirSync(path.join(dir, 'shared'));
    for (const args of [
      ['dump', 'no such plan', '--db', synced],
      ['sync', path.join(dir, 'shared'), plan[0]!.id, '--db', synced],
    ]) {
      const failed = await runMain(...args);
      expect(failed.code, args[0]).toBe(1);
      expect(warningLines(failed.stderr), args[0]).toEqual([words]);
      expect(failed.stderr).toMatch(/\nplanwright: /);
    }
  }, 120_000);

  it('says nothing for a store in a folder that is not synced', async () => {
    const run = await runMain('list', '--db', local);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('warns in the command users run (spawned), on stderr only', async () => {
    const run = await runSpawned('list', '--db', synced);
    expect(run.code).toBe(0);
    expect(warningLines(run.stderr)).toHaveLength(1);
    expect(run.stdout).not.toContain('OneDrive folder');
  }, 120_000);
});

describe('the command line’s default store', () => {
  it('follows a store moved by File › Move plan store… (store-location.json), and warns if that place is synced', async () => {
    const config = path.join(dir, 'config');
    const userData = path.join(config, 'Planwright');
    const before = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = config;
    try {
      // Nothing recorded, nothing at the default place: the default place is named.
      const none = await runMain('list');
      expect(none.code).toBe(1);
      expect(none.stderr).toContain(`There is no plan store at ${path.join(userData, 'planwright.sqlite')}`);

      fs.renameSync(local, `${local}.away`);
      await writeStoreLocation(userData, {
        version: 1,
        path: local,
        from: path.join(userData, 'planwright.sqlite'),
        kept: null,
        movedAt: '2026-12-02T08:00:00.000Z',
      });
      // Recorded, but the file is not there (a drive not connected): said plainly, nothing created.
      const gone = await runMain('list');
      expect(gone.code).toBe(1);
      expect(gone.stderr).toContain(
        `The plan store was moved to ${local} on 2026-12-02 (File › Move plan store…), but that file is not there now.`,
      );
      expect(fs.existsSync(local)).toBe(false);
      fs.renameSync(`${local}.away`, local);
      const moved = await runMain('list');
      expect(moved.code).toBe(0);
      expect(moved.stdout).toContain('Continuous Improvement Plan');
      expect(moved.stderr).toBe('');
      expect((await runMain('--help')).stdout).toContain(local);

      // A record naming a synced place (moved there by hand): the same warning.
      await writeStoreLocation(userData, {
        version: 1,
        path: synced,
        from: local,
        kept: null,
        movedAt: '2026-12-02T08:00:00.000Z',
      });
      expect(warningLines((await runMain('list')).stderr)).toHaveLength(1);

      // An unreadable record: the default place, as the app offers.
      fs.writeFileSync(path.join(userData, 'store-location.json'), '{"version": 1, "pa');
      expect((await runMain('list')).stderr).toContain(
        `There is no plan store at ${path.join(userData, 'planwright.sqlite')}`,
      );
    } finally {
      if (before === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = before;
    }
  });
});
