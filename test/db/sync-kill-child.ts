/** Child process for the kill -9 test: applies the ops in a JSON file to a store, saying when it starts. */
import fs from 'node:fs';
import { openStore } from '../../db';
import * as engine from '../../electron/sync/engine';

const [dbPath, opsPath] = process.argv.slice(2) as [string, string];
const ops = JSON.parse(fs.readFileSync(opsPath, 'utf8')) as unknown[];
const store = openStore(dbPath, { actor: 'Lead' });
process.stdout.write('ready\n');
engine.applyOps(store, ops, { asRole: 'lead' });
process.stdout.write('done\n');
