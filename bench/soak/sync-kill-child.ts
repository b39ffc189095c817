/**
 * The sync kill -9 soak's merger (bundled once by esbuild, run under plain node for each trial): opens the
 * store at argv[2], reads the ops in argv[3], says `ready` just before the merge starts and
 * `done <merge ms>` after it commits. argv[4] is this copy's role for the plan (`lead` or `owner`).
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openStore } from '../../db';
import * as engine from '../../electron/sync/engine';

const [dbPath, opsPath, role] = process.argv.slice(2) as [string, string, string];
const ops = JSON.parse(fs.readFileSync(opsPath, 'utf8')) as unknown[];
const store = openStore(dbPath, { actor: 'Lead' });
engine.deviceId(store); // minted (a copied file) before the merge, so the kill lands in the merge itself
fs.writeSync(1, 'ready\n');
const t = performance.now();
engine.applyOps(store, ops, { asRole: role === 'owner' ? 'owner' : 'lead' });
fs.writeSync(1, `done ${Math.round(performance.now() - t)}\n`);
