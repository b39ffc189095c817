/**
 * `npm run build:cli`: bundles the command line (electron/cli/index.ts, with its packages) and the
 * importer's worker (electron/import/worker.ts) with esbuild into out/cli/, so `planwright` starts as
 * plain JavaScript instead of transpiling TypeScript at every start. Only better-sqlite3 (native) stays
 * in node_modules. The command line is CommonJS so bin/planwright.mjs can run it with a V8 code cache
 * (out/cli/index.cache): parsing the bundle is most of the start-up cost.
 * out/cli/inputs.json lists the project sources it was built from: bin/planwright.mjs rebuilds when one is
 * newer. Files are written under temporary names and renamed, so a concurrent start never reads half a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const CLI_DIR = path.join(root, 'out', 'cli');
export const CLI_ENTRY = path.join(CLI_DIR, 'index.cjs');
export const CLI_INPUTS = path.join(CLI_DIR, 'inputs.json');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  write: false,
  metafile: true,
  logLevel: 'silent',
  legalComments: 'none',
  minify: true,
  keepNames: true,
};

/**
 * Packages only the spreadsheet reader uses (electron/import/sheet.ts, itself loaded on demand): bundled into
 * files of their own beside the command line, so the command line's bundle (read, and its code cache loaded,
 * at every start) leaves them out. They hold no state shared with the rest.
 */
const VENDOR = { exceljs: 'vendor-exceljs', papaparse: 'vendor-papaparse' };

const vendorExternal = {
  name: 'planwright-vendor',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${Object.keys(VENDOR).join('|')})$`) }, (args) => ({
      path: `./${VENDOR[args.path]}.cjs`,
      external: true,
    }));
  },
};

export async function buildCli() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error(
      'The command line is not built yet, and building it needs the development packages (esbuild). Run npm ci (without --omit=dev), then try again.',
    );
  }
  const [cli, worker, vendor] = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: { index: 'electron/cli/index.ts' },
      plugins: [vendorExternal],
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      outdir: CLI_DIR,
      // The sources use import.meta.url to find files beside them (the worker, package.json).
      define: { 'import.meta.url': '__pwImportMetaUrl' },
      banner: {
        js: "// Built by scripts/build-cli.mjs from electron/cli/: do not edit.\nconst __pwImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
      },
    }),
    esbuild.build({
      ...common,
      entryPoints: { worker: 'electron/import/worker.ts' },
      format: 'esm',
      outdir: CLI_DIR,
      // Bundled CommonJS packages call require() for Node's built-ins.
      banner: {
        js: "// Built by scripts/build-cli.mjs: do not edit.\nimport { createRequire as __pwCreateRequire } from 'node:module';\nconst require = __pwCreateRequire(import.meta.url);",
      },
    }),
    esbuild.build({
      ...common,
      entryPoints: Object.fromEntries(Object.entries(VENDOR).map(([pkg, name]) => [name, pkg])),
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      outdir: CLI_DIR,
    }),
  ]);
  fs.mkdirSync(CLI_DIR, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const inputs = [...new Set([cli, worker].flatMap((r) => Object.keys(r.metafile.inputs)))]
    .filter((p) => !p.includes('node_modules'))
    .sort();
  const files = [
    ...[cli, worker, vendor].flatMap((r) => r.outputFiles.map((f) => ({ path: f.path, contents: f.contents }))),
    { path: CLI_INPUTS, contents: JSON.stringify(inputs) },
  ];
  fs.rmSync(path.join(CLI_DIR, 'index.cache'), { force: true });
  // inputs.json last: it marks the build complete.
  for (const file of files) {
    const tmp = `${file.path}.${stamp}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
  return CLI_ENTRY;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildCli().then(
    (file) => console.log(`Built the command line: ${path.relative(root, file)}`),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
