#!/usr/bin/env node
/**
 * `npm start` (and `npm run dev` with --dev): checks Node is new enough for Electron 45's tooling, lets
 * Electron download its own binary on first use (explaining a real failure plainly), gets a better-sqlite3
 * built for Electron's ABI under out/native/, then builds with electron-vite and launches Electron (or
 * runs `electron-vite dev`) with that binding in PLANWRIGHT_SQLITE_BINDING. The logic lives in
 * electron-setup.mjs, where it is tested.
 *
 *   node scripts/start.mjs [--no-build] [app args...]   build and start the app
 *   node scripts/start.mjs --dev                        electron-vite dev with the Electron binding
 *   node scripts/start.mjs --native-only                only build the binding (npm run dist uses it)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronNativeBinding, ensureElectron, nodeVersionProblem, root } from './electron-setup.mjs';

const FLAGS = new Set(['--no-build', '--dev', '--native-only']);

async function main(argv) {
  const nodeProblem = nodeVersionProblem();
  if (nodeProblem) {
    console.error(nodeProblem);
    return 1;
  }
  if (argv.includes('--native-only')) {
    console.log(`SQLite module for Electron: ${electronNativeBinding()}`);
    return 0;
  }
  const electron = await ensureElectron();
  if ('error' in electron) {
    console.error(electron.error);
    return 1;
  }
  const binding = electronNativeBinding();
  const env = { ...process.env, PLANWRIGHT_SQLITE_BINDING: binding, ELECTRON_EXEC_PATH: electron.exe };
  const appArgs = argv.filter((a) => !FLAGS.has(a));
  let child;
  if (argv.includes('--dev')) {
    child = spawn(
      process.execPath,
      [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'dev', ...appArgs],
      { stdio: 'inherit', cwd: root, env },
    );
  } else {
    if (!argv.includes('--no-build')) {
      const { build } = await import('electron-vite');
      await build({ root, configFile: path.join(root, 'electron.vite.config.ts') });
    }
    child = spawn(electron.exe, [root, ...appArgs], { stdio: 'inherit', cwd: root, env });
  }
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 0))));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
