/**
 * The people directory's aliases (issue 11 point 3): "link this name to a person" adds an alias or a new
 * person, validated, in one audited transaction; bad input changes nothing; an older store upgrades.
 */
import DatabaseCtor from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db';
import { MIGRATIONS } from '../../db/migrations';
import type { Person } from '../../shared/model';
import { ctx, dispatcherFor, freshStore, rowCounts, tempDir } from './helpers';

const { store } = freshStore();
const { dispatch } = dispatcherFor(store);
afterAll(() => store.close());
const call = async <T>(channel: string, input: unknown): Promise<T> => {
  const r = await dispatch(channel, input, ctx);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
};
const refused = async (channel: string, input: unknown) => {
  const r = await dispatch(channel, input, ctx);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
};

describe('people aliases', () => {
  it('links lead text to an existing person as an alias, audited, once', async () => {
    const p = await call<Person>('people:upsert', { name: 'Frances Hale', jobTitle: 'Head of Early Help' });
    expect(p.aliases).toEqual([]);
    const linked = await call<Person>('people:link', { text: ' F. Dunmore ', personId: p.id });
    expect(linked.aliases).toEqual(['F. Dunmore']);
    // The same name written another way adds nothing.
    expect((await call<Person>('people:link', { text: 'f dunmore', personId: p.id })).aliases).toEqual(['F. Dunmore']);
    const audit = store.sqlite
      .prepare("SELECT field, old_value, new_value FROM audit_log WHERE entity_id = ? AND field = 'aliases'")
      .all(p.id);
    expect(audit).toEqual([{ field: 'aliases', old_value: '[]', new_value: '["F. Dunmore"]' }]);
    // Editing the person without naming aliases keeps them.
    const renamed = await call<Person>('people:upsert', { id: p.id, name: 'Frances Hale-Dunmore' });
    expect(renamed.aliases).toEqual(['F. Dunmore']);
  });

  it('creates a new person for the text, keeping the text as another name when it differs', async () => {
    const p = await call<Person>('people:link', { text: 'R Murdock', newName: 'Rob Murdock' });
    expect(p).toMatchObject({ name: 'Rob Murdock', aliases: ['R Murdock'] });
    const same = await call<Person>('people:link', { text: 'Sam Wells', newName: 'sam wells' });
    expect(same.aliases).toEqual([]);
  });

  it('refuses bad input in plain words and changes nothing', async () => {
    const people = await call<Person[]>('people:list', {});
    const frances = people.find((p) => p.name === 'Frances Hale-Dunmore')!;
    const rob = people.find((p) => p.name === 'Rob Murdock')!;
    const before = rowCounts(store);
    const audits = store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const cases: [unknown, string][] = [
      [{ text: '   ', personId: frances.id }, 'Enter the name as the lead cell writes it'],
      [{ text: 'R. Murdock', personId: frances.id }, 'already a name of Rob Murdock'],
      [{ text: 'X', newName: 'ROB MURDOCK' }, 'Rob Murdock is already in People'],
      [{ text: 'X', personId: '00000000-0000-4000-8000-000000000999' }, 'was not found'],
      [{ text: 'X'.repeat(301), personId: frances.id }, '300'],
    ];
    for (const [input, words] of cases) {
      const e = await refused('people:link', input);
      expect(e.message).toContain(words);
      expect(e.code).not.toBe('internal');
    }
    const tooMany = await refused('people:upsert', {
      id: rob.id,
      name: rob.name,
      aliases: Array.from({ length: 51 }, (_, i) => `Alias ${i}`),
    });
    expect(tooMany.message).toContain('at most 50 other names');
    expect(rowCounts(store)).toEqual(before);
    expect(store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(audits);
    expect((await call<Person[]>('people:list', {})).find((p) => p.id === rob.id)!.aliases).toEqual(['R Murdock']);
  });

  it('a store from before aliases upgrades, its people keeping everything with no aliases', async () => {
    const file = path.join(tempDir(), 'v3.sqlite');
    const old = openStore(file, { migrations: MIGRATIONS.slice(0, 3) });
    old.sqlite
      .prepare(
        "INSERT INTO people (id, name, job_title, service, email, signatory, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 'Janet Simon', 'AD', 'Children', '', 1, '2026-01-01T00:00:00.000Z')",
      )
      .run();
    await old.close();
    const raw = new DatabaseCtor(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(3);
    raw.close();
    const upgraded = openStore(file);
    try {
      const { dispatch: d } = dispatcherFor(upgraded);
      const r = await d('people:list', {}, ctx);
      expect(r.ok && r.value).toMatchObject([{ name: 'Janet Simon', signatory: true, aliases: [] }]);
      // The column refuses anything but a JSON array.
      expect(() =>
        upgraded.sqlite.prepare("UPDATE people SET aliases_json = '{}' WHERE name = 'Janet Simon'").run(),
      ).toThrow(/CHECK/);
    } finally {
      await upgraded.close();
    }
  });
});
