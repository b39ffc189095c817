/**
 * reliability.fuzz_*: fast-check generated hostile payloads across EVERY channel of the contract map
 * (store, export, import), on a store holding two plans (one with a locked period), with cross-plan ids,
 * locked-period targets and near-valid mutations of a valid call. A crash is a throw, an answer outside
 * the `Result` envelope, an `internal` answer, or a refused call that wrote anything (row counts and the
 * newest updated_at of every table compared before and after).
 * Bounded run time: the store lives in memory (/dev/shm, soak/bundle.ts) and starts again from a copy of
 * the prepared one (the same two plans, so the same ids) every `resetEvery` payloads, so the payloads that
 * create plans (a sample plan, a copy, an import) and back the store up do not make every later payload
 * slower; the before/after fingerprint is one prepared statement per database handle.
 */
import fc from 'fast-check';
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { createPlanFromDraft, getPlanTree, openStore, type Store } from '../../db';
import { TABLES } from '../../db/schema';
import { createAppHandlers } from '../../electron/handlers';
import type { Host } from '../../electron/host';
import { inlineParser } from '../../electron/import/parser';
import { createImportHandlers } from '../../electron/import/handlers';
import { channels, type Channel } from '../../shared/contract';
import { createDispatcher, type Handlers } from '../../shared/dispatch';
import { makeEnv, validCases } from '../../test/contract/cases';
import { smallDraft } from '../../test/db/helpers';
import { soakTempDir } from './bundle';

export interface FuzzResult {
  payloads: number;
  crashes: number;
  examples: string[];
  /** Channels of the contract that got at least one payload (all of them in any run of a few hundred). */
  channelsCovered: number;
  /** Channels of the contract that got none. */
  channelsMissed: string[];
}

/** Row count and newest updated_at of every table, in one statement prepared once per database handle. */
const fingerprints = new WeakMap<Database.Database, Database.Statement>();
function fingerprint(store: Store): string {
  let statement = fingerprints.get(store.sqlite);
  if (!statement) {
    const columns = TABLES.flatMap((t) => {
      const dated = (
        store.sqlite.prepare(`SELECT name FROM pragma_table_info('${t}')`).pluck().all() as string[]
      ).includes('updated_at');
      return [`(SELECT count(*) FROM ${t})`, ...(dated ? [`(SELECT max(updated_at) FROM ${t})`] : [])];
    });
    statement = store.sqlite.prepare(`SELECT ${columns.join(', ')}`).raw(true);
    fingerprints.set(store.sqlite, statement);
  }
  return (statement.get() as unknown[]).join('|');
}

const isEnvelope = (r: unknown): boolean => {
  if (!r || typeof r !== 'object') return false;
  const o = r as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (o.ok === true) return 'value' in o;
  return (
    o.ok === false &&
    typeof o.error?.code === 'string' &&
    typeof o.error.message === 'string' &&
    o.error.message.length > 0
  );
};

export async function fuzz(options: { payloads: number; seed?: number; resetEvery?: number }): Promise<FuzzResult> {
  const dir = soakTempDir('planwright-fuzz-');
  const safe = (p: unknown): string =>
    path.join(
      dir,
      `${
        path
          .basename(String(p))
          .replace(/[^\w.-]/g, '_')
          .slice(0, 60) || 'x'
      }.docx`,
    );
  // Every file the fuzz may write stays in its own folder: dialogs answer null, paths are rewritten.
  const host: Host = {
    chooseSavePath: async () => null,
    chooseOpenPath: async () => null,
    showItemInFolder: () => undefined,
  } as unknown as Host;
  const crashes: string[] = [];
  // The prepared store: two plans, one with a locked period. Each epoch works on a fresh copy of it.
  const prepared = path.join(dir, 'prepared.sqlite');
  const seed = openStore(prepared, { actor: 'fuzz' });
  const a = getPlanTree(seed, createPlanFromDraft(seed, smallDraft()).id);
  const b = getPlanTree(
    seed,
    createPlanFromDraft(seed, {
      ...smallDraft(),
      title: 'Another plan',
      periods: [{ label: 'March 2020', locked: true } as never, { label: 'May 2020' }],
    }).id,
  );
  seed.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await seed.close();
  let epoch = 0;
  const begin = (): {
    store: Store;
    dispatch: ReturnType<typeof createDispatcher>;
    env: ReturnType<typeof makeEnv>;
  } => {
    const folder = path.join(dir, `epoch-${epoch++}`);
    fs.mkdirSync(folder);
    const file = path.join(folder, 'fuzz.sqlite');
    fs.copyFileSync(prepared, file);
    const store = openStore(file, { actor: 'fuzz' });
    const handlers = {
      ...createAppHandlers({ store, host }),
      ...createImportHandlers({ store, host, parser: inlineParser }),
    } as Handlers;
    const dispatch = createDispatcher(handlers, {
      validateOutput: true,
      onInternalError: (c, e) => crashes.push(`${c}: ${e instanceof Error ? e.message : String(e)}`),
    });
    return { store, dispatch, env: makeEnv(store, dispatch, a.plan.id) };
  };
  let { store, dispatch, env } = begin();
  const renew = async (): Promise<void> => {
    const old = store;
    await old.close();
    fs.rmSync(path.dirname(old.path), { recursive: true, force: true });
    ({ store, dispatch, env } = begin());
  };
  const ctx = { actor: 'fuzz', emit: () => undefined };
  const ids = [a, b].flatMap((t) => [
    t.plan.id,
    ...t.sections.map((s) => s.id),
    ...t.actions.map((x) => x.id),
    ...t.periods.map((p) => p.id),
    ...t.levels.map((l) => l.id),
    ...t.objectives.map((o) => o.id),
    ...t.recommendations.map((r) => r.id),
    ...t.progress.map((p) => p.id),
  ]);
  const lockedIds = b.periods.filter((p) => p.locked).map((p) => p.id);
  const value = fc.oneof(
    fc.anything(),
    fc.constantFrom(...ids),
    fc.constantFrom(...lockedIds),
    fc.uuid(),
    fc.string({ maxLength: 300 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant('../../etc/passwd'),
    fc.constant('x'.repeat(20_000)),
  );
  let count = 0;
  const perChannel = new Map<string, number>();
  const one = async (
    channel: Channel,
    mode: number,
    pick: number,
    replacement: unknown,
    raw: unknown,
  ): Promise<void> => {
    let payload: unknown = raw;
    if (mode > 0 && Object.hasOwn(validCases, channel)) {
      try {
        payload = await (validCases as Record<string, (e: typeof env) => unknown>)[channel]!(env);
      } catch {
        payload = raw;
      }
      if (payload && typeof payload === 'object' && mode < 3) {
        const keys = Object.keys(payload);
        const key = keys[pick % Math.max(1, keys.length)];
        if (key !== undefined)
          payload =
            mode === 1
              ? { ...(payload as object), [key]: replacement }
              : Object.fromEntries(Object.entries(payload as object).filter(([k]) => k !== key));
      }
    }
    if (
      payload &&
      typeof payload === 'object' &&
      'path' in payload &&
      (channel.startsWith('export:') || channel.startsWith('import:'))
    )
      payload = { ...(payload as object), path: safe((payload as { path: unknown }).path) };
    // backups:restore runs too: the store lives in this run's temp folder, so a restore only replaces that
    // file (with one of its own listed backups); any other path must be refused with nothing written.
    if (count > 0 && count % (options.resetEvery ?? 1000) === 0) await renew();
    const before = fingerprint(store);
    count++;
    perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
    let r: unknown;
    try {
      r = await dispatch(channel, payload, ctx);
    } catch (error) {
      crashes.push(`${channel} threw: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!isEnvelope(r)) crashes.push(`${channel}: answer outside the envelope`);
    else if (!(r as { ok: boolean }).ok) {
      const e = (r as { error: { code: string; message: string } }).error;
      if (e.code === 'internal') crashes.push(`${channel}: internal: ${e.message}`);
      else if (fingerprint(store) !== before) crashes.push(`${channel}: refused (${e.code}) but wrote`);
    }
  };
  // First one near-valid payload (a field removed) on every channel, so each is covered in any run;
  // then the generated ones.
  for (const channel of channels) await one(channel, 2, 0, null, {});
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...channels),
      fc.integer({ min: 0, max: 3 }),
      fc.nat(),
      value,
      fc.anything(),
      async (channel, mode, pick, replacement, raw) => {
        await one(channel, mode, pick, replacement, raw);
        return true;
      },
    ),
    { numRuns: options.payloads, seed: options.seed ?? 42, endOnFailure: false },
  );
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    payloads: count,
    crashes: crashes.length,
    examples: [...new Set(crashes)].slice(0, 10),
    channelsCovered: perChannel.size,
    channelsMissed: channels.filter((c) => !perChannel.has(c)),
  };
}
