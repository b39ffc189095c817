#!/usr/bin/env node
// The `planwright` command: runs the command line built by scripts/build-cli.mjs (out/cli/index.cjs),
// building it first when it is missing or older than one of its sources (a development checkout).
// The bundle is compiled with a V8 code cache (out/cli/index.cache, made on first use), which saves most
// of the start-up time.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entry = path.join(root, 'out', 'cli', 'index.cjs');
const inputs = path.join(root, 'out', 'cli', 'inputs.json');
const cacheFile = path.join(root, 'out', 'cli', 'index.cache');

function isStale() {
  try {
    const built = fs.statSync(inputs).mtimeMs;
    for (const file of JSON.parse(fs.readFileSync(inputs, 'utf8'))) {
      if (fs.statSync(path.join(root, file)).mtimeMs > built) return true;
    }
    return !fs.existsSync(entry);
  } catch {
    return true;
  }
}

if (isStale()) {
  try {
    const { buildCli } = await import('../scripts/build-cli.mjs');
    await buildCli();
  } catch (error) {
    console.error(`planwright: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

/** Loads the CommonJS bundle through vm.Script with the code cache (Node's own loader has none on Node 20). */
function loadCli() {
  const source = fs.readFileSync(entry, 'latin1');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: entry,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(entry), module, entry, path.dirname(entry));
  const saveCache = cachedData === undefined || script.cachedDataRejected;
  return { main: module.exports.main, saveCache: saveCache ? () => writeCache(script) : () => undefined };
}

function writeCache(script) {
  try {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, cacheFile);
  } catch {
    // A read-only install: start without the cache.
  }
}

const { main, saveCache } = loadCli();
process.exitCode = await main(process.argv);
// After the run, so the functions it compiled are in the cache too.
saveCache();
