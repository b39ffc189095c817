/** The people directory (signatories, leads) and lead-name suggestions. */
import type { ParsedInputOf } from '../../shared/contract';
import type { Person } from '../../shared/model';
import { personNamed, sameName, withAlias, type LeadPerson } from '../../shared/leads';
import { DomainError } from '../../shared/result';
import { toPerson } from '../rows';
import { all, audit, auditChanges, must, mustLive, newId, prepare, write } from '../sql';
import { insertRow } from '../tables';
import type { Store } from '../store';
import { livePlan, personRow } from './common';

export function listPeople(store: Store, signatoriesOnly = false): Person[] {
  let q = store.db.selectFrom('people').selectAll().where('deleted_at', 'is', null);
  if (signatoriesOnly) q = q.where('signatory', '=', 1);
  return all(store, q.orderBy('name')).map(toPerson);
}

/**
 * The person a lead name stands for, as "my actions" reads it: the directory entry with that name or alias
 * (with every name they go by, and their id for leads linked to them), else the name alone.
 */
export function directoryPerson(store: Store, name: string): { person: LeadPerson; id: string | null } {
  const person = personNamed(name, listPeople(store));
  return { person, id: 'id' in person && typeof person.id === 'string' ? person.id : null };
}

/**
 * Gives the person `name` stands for these other names (a lead's copy learning them from the invitation):
 * added to the person People already has by that name, or a new person. Names someone else has are skipped.
 */
export function addPersonNames(store: Store, name: string, names: readonly string[], actor: string): void {
  const people = listPeople(store);
  const found = personNamed(name, people);
  const existing = 'id' in found ? (found as Person) : null;
  const others = people.filter((p) => p !== existing);
  let aliases = [...(existing?.aliases ?? [])];
  for (const n of names)
    if (!others.some((p) => sameName(p.name, n) || p.aliases.some((a) => sameName(a, n))))
      aliases = withAlias({ name: existing?.name ?? name, aliases }, n);
  if (existing && aliases.length === existing.aliases.length) return;
  upsertPerson(
    store,
    {
      ...(existing ? { id: existing.id } : {}),
      name: existing?.name ?? name.trim(),
      jobTitle: existing?.jobTitle ?? '',
      service: existing?.service ?? '',
      email: existing?.email ?? '',
      signatory: existing?.signatory ?? false,
      aliases: aliases.slice(0, 50),
    },
    actor,
  );
}

export function upsertPerson(store: Store, input: ParsedInputOf<'people:upsert'>, actor: string): Person {
  return write(store, actor, (w) => {
    const fields = {
      name: input.name,
      jobTitle: input.jobTitle,
      service: input.service,
      email: input.email.trim(),
      signatory: input.signatory,
      ...(input.aliases === undefined ? {} : { aliases: cleanAliases(input.name, input.aliases) }),
    };
    if (input.id === undefined) {
      const id = newId();
      insertRow(store, 'people', {
        id,
        name: fields.name,
        job_title: fields.jobTitle,
        service: fields.service,
        email: fields.email,
        signatory: fields.signatory ? 1 : 0,
        aliases_json: JSON.stringify(fields.aliases ?? []),
        updated_at: w.at,
        deleted_at: null,
      });
      audit(w, null, 'person', id, 'create', null, null, fields.name);
      return toPerson(personRow(store, id)!);
    }
    const before = toPerson(mustLive(personRow(store, input.id), 'That person'));
    const changed = auditChanges(w, null, 'person', before.id, before, fields);
    if (changed.length > 0)
      prepare(
        store.sqlite,
        'UPDATE people SET name = ?, job_title = ?, service = ?, email = ?, signatory = ?, aliases_json = ?, updated_at = ? WHERE id = ?',
      ).run(
        fields.name,
        fields.jobTitle,
        fields.service,
        fields.email,
        fields.signatory ? 1 : 0,
        JSON.stringify(fields.aliases ?? before.aliases),
        w.at,
        before.id,
      );
    return toPerson(personRow(store, before.id)!);
  });
}

/** Aliases trimmed, without repeats or the person's own name (written any way). */
function cleanAliases(name: string, aliases: readonly string[]): string[] {
  let out: string[] = [];
  for (const a of aliases) out = withAlias({ name, aliases: out }, a);
  return out;
}

/**
 * "Link 'F. Dunmore' to a person…": the lead text becomes another name of an existing person, or a new
 * person is added under `newName` (the text kept as an alias when it differs). One transaction, audited.
 */
export function linkName(
  store: Store,
  input: { text: string; personId: string } | { text: string; newName: string },
  actor: string,
): Person {
  return write(store, actor, (w) => {
    const text = input.text.trim();
    if ('personId' in input) {
      const before = toPerson(mustLive(personRow(store, input.personId), 'That person'));
      const other = personNamed(text, listPeople(store));
      if ('id' in other && other.id !== before.id)
        throw new DomainError('conflict', `“${text}” is already a name of ${other.name} in People.`);
      const aliases = withAlias(before, text);
      if (aliases.length > 50) throw new DomainError('invalid_input', 'A person can have at most 50 other names.');
      if (auditChanges(w, null, 'person', before.id, before, { aliases }).length > 0)
        prepare(store.sqlite, 'UPDATE people SET aliases_json = ?, updated_at = ? WHERE id = ?').run(
          JSON.stringify(aliases),
          w.at,
          before.id,
        );
      return toPerson(personRow(store, before.id)!);
    }
    const name = input.newName.trim();
    const existing = listPeople(store).find((p) => sameName(p.name, name));
    if (existing)
      throw new DomainError('conflict', `${existing.name} is already in People: choose them from the list instead.`);
    return upsertPerson(
      store,
      { name, jobTitle: '', service: '', email: '', signatory: false, aliases: withAlias({ name }, text) },
      actor,
    );
  });
}

/** Removes a person from the directory; leads keep the name text they were written with. */
export function deletePerson(store: Store, personId: string, actor: string): { ok: true } {
  return write(store, actor, (w) => {
    const p = mustLive(personRow(store, personId), 'That person');
    prepare(store.sqlite, 'UPDATE people SET deleted_at = ?, updated_at = ? WHERE id = ?').run(w.at, w.at, personId);
    audit(w, null, 'person', personId, 'delete', null, p.name, null);
    return { ok: true as const };
  });
}

/** Brings a removed person back into the directory (undo of a removal), with their other names. */
export function restorePerson(store: Store, personId: string, actor: string): Person {
  return write(store, actor, (w) => {
    const p = must(personRow(store, personId), 'That person');
    if (p.deleted_at !== null) {
      prepare(store.sqlite, 'UPDATE people SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(w.at, personId);
      audit(w, null, 'person', personId, 'restore');
    }
    return toPerson(must(personRow(store, personId), 'That person'));
  });
}

/** Lead names starting with `prefix` (case-insensitive), most used first, from leads and the directory. */
export function suggestLeads(store: Store, planId: string | undefined, prefix: string, limit: number): string[] {
  if (planId !== undefined) livePlan(store, planId);
  const like = `${prefix.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const leads = (
    planId === undefined
      ? prepare(
          store.sqlite,
          "SELECT name, count(*) AS n FROM action_leads WHERE deleted_at IS NULL AND name LIKE ? ESCAPE '\\' GROUP BY name ORDER BY n DESC, name LIMIT ?",
        ).all(like, limit)
      : prepare(
          store.sqlite,
          "SELECT name, count(*) AS n FROM action_leads WHERE plan_id = ? AND deleted_at IS NULL AND name LIKE ? ESCAPE '\\' GROUP BY name ORDER BY n DESC, name LIMIT ?",
        ).all(planId, like, limit)
  ) as { name: string }[];
  const people = prepare(
    store.sqlite,
    "SELECT name FROM people WHERE deleted_at IS NULL AND name LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?",
  )
    .pluck()
    .all(like, limit) as string[];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const name of [...leads.map((l) => l.name), ...people]) {
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
    if (out.length >= limit) break;
  }
  return out;
}
