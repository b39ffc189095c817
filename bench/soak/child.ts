/**
 * The kill -9 soak's writer (bundled by soak/bundle.ts and run under plain node). It loads its modules and
 * the import draft (argv[3]), prints `LOADED`, then waits for one line on stdin, `GO <store> <seed> <seq>`,
 * so the soak can start the next writer while the current one runs (each writer is still killed once, in
 * the middle of its writes). On GO it opens the store and makes writes through the real dispatcher until
 * it is killed. Before each call it prints `BEGIN <seq> <channel>`; after the call is acknowledged
 * (answered ok) it prints `ACK <seq> <channel> <audited 0|1>`. Each call acts as `soak-<seq>`, so its
 * audit rows name it.
 * Multi-row calls: plans:duplicate of the template plan (never edited), sections:delete of a section
 * holding actions, the import commit of a fixture (the draft the importer made of it, argv[3], written
 * by plans:createFromDraft in one transaction exactly as import:commit does; reading the file is not
 * repeated here because loading exceljs alone takes seconds), and export:appendix to argv[2].
 */
import fs from 'node:fs';
import { createStoreHandlers, getPlanTree, openStore, type Store } from '../../db';
import { createExportHandlers } from '../../electron/export/handlers';
import { headlessHost } from '../../electron/host';
import { createDispatcher, type Dispatch, type Handlers } from '../../shared/dispatch';

const [outDocx, draftFile] = process.argv.slice(2) as [string, string];
let seed = 1;
const rand = (): number => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const say = (line: string): void => void fs.writeSync(1, `${line}\n`);

const draft = JSON.parse(fs.readFileSync(draftFile, 'utf8')) as Record<string, unknown>;
let store: Store;
let dispatch: Dispatch;
let template = '';
let work = '';
let seq = 0;

async function call(channel: string, payload: unknown, audited = true): Promise<unknown> {
  seq++;
  say(`BEGIN ${seq} ${channel}`);
  const r = await dispatch(channel, payload, { actor: `soak-${seq}`, emit: () => undefined });
  if (!r.ok) {
    say(`REFUSED ${seq} ${channel} ${r.error.code}`);
    return null;
  }
  say(`ACK ${seq} ${channel} ${audited ? 1 : 0}`);
  return r.value;
}

async function main(dbPath: string): Promise<void> {
  store = openStore(dbPath, { actor: 'soak' });
  dispatch = createDispatcher({
    ...createStoreHandlers(store),
    ...createExportHandlers({ store, host: headlessHost }),
  } as unknown as Handlers);
  const meta = (key: string): string =>
    String(store.sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key));
  template = meta('soak_template');
  work = meta('soak_work');
  say('READY');
  for (;;) {
    const tree = getPlanTree(store, work);
    const liveSections = tree.sections.filter((s) => s.deletedAt === null);
    const liveActions = tree.actions.filter((a) => a.deletedAt === null);
    const op = rand();
    if (op < 0.2)
      await call('actions:create', { sectionId: pick(liveSections).id, description: `soak action ${seq + 1}` });
    else if (op < 0.35 && liveActions.length)
      await call('actions:update', { actionId: pick(liveActions).id, patch: { description: `soak edit ${seq + 1}` } });
    else if (op < 0.45 && liveActions.length)
      await call('ratings:set', {
        actionId: pick(liveActions).id,
        periodId: pick(tree.periods).id,
        levelId: pick(tree.levels).id,
        explanation: `soak ${seq + 1}`,
        correctiveAction: 'x',
      });
    else if (op < 0.55) {
      // A section with actions, then its delete (a multi-row write).
      const section = (await call('sections:create', { planId: work, title: `soak section ${seq + 1}` })) as {
        id: string;
      } | null;
      if (section) {
        for (let i = 0; i < 3; i++)
          await call('actions:create', { sectionId: section.id, description: `in section ${seq + 1}` });
        await call('sections:delete', { sectionId: section.id });
      }
    } else if (op < 0.7) await call('plans:duplicate', { planId: template, title: `copy-${seq + 1}` });
    else if (op < 0.85) await call('plans:createFromDraft', { ...draft, title: `import-${seq + 1}` });
    else await call('export:appendix', { planId: template, path: outDocx }, false);
  }
}

say('LOADED');
let input = '';
process.stdin.on('data', (chunk: Buffer) => {
  input += chunk.toString();
  const nl = input.indexOf('\n');
  if (nl < 0) return;
  process.stdin.removeAllListeners('data');
  process.stdin.pause();
  const [word, dbPath, seedText, seqText] = input.slice(0, nl).split(' ');
  if (word !== 'GO' || !dbPath) process.exit(2);
  seed = Number(seedText) >>> 0 || 1;
  seq = Number(seqText ?? 0);
  void main(dbPath);
});
// The soak ended before this writer's turn.
process.stdin.on('end', () => process.exit(0));
