/**
 * reliability.hostile_*: mutated Word, Excel and CSV files made here from the fixtures (byte flips,
 * truncation, removed / renamed / duplicated entries, XXE, billion laughs, zip bombs, zip-slip names,
 * deep nesting, huge merged ranges, binary and malformed CSV), each imported through the real handlers
 * (preview, then commit when the preview succeeds). A failure is a throw, an `internal` answer, a read
 * past the time limit, an unclear message (library words, "undefined", stack-like text) or a refused
 * import that wrote anything.
 * Every `workerEvery`-th file goes through the worker thread the app uses, with its heap and time limits;
 * the worker is electron/import/worker.ts bundled once to plain JavaScript (as electron-vite builds it for
 * the app), not booted through tsx for each file.
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, Zip, ZipPassThrough, zipSync } from 'fflate';
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../../db';
import { TABLES } from '../../db/schema';
import { createAppHandlers } from '../../electron/handlers';
import { headlessHost } from '../../electron/host';
import { createImportHandlers } from '../../electron/import/handlers';
import { inlineParser, workerParser } from '../../electron/import/parser';
import { createDispatcher, type Handlers } from '../../shared/dispatch';
import { bundleChild, ROOT, soakTempDir } from './bundle';

const WORD = [
  '/work/shared/fixtures/word/continuous-development-plan-2020.docx',
  '/work/shared/fixtures/word/continuous-development-plan-2020-rated.docx',
];
export const UNCLEAR =
  /undefined|Cannot read|\bBug\b|zod|is not a function|\n\s+at |TypeError|RangeError|SyntaxError|invalid (zip|stored|block)|unexpected EOF|\[object /i;

export interface HostileResult {
  files: number;
  failures: number;
  byKind: Record<string, number>;
  examples: string[];
  slowestMs: number;
}

let state = 12345;
const rnd = (): number => {
  state = (state * 1664525 + 1013904223) >>> 0;
  return state / 2 ** 32;
};
const int = (n: number): number => Math.floor(rnd() * n);

function rezip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files, { level: 1 });
}

/** A zip with the same entry name twice (fflate's object form cannot hold duplicates). */
function duplicated(files: Record<string, Uint8Array>, name: string, second: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  for (const [n, bytes] of Object.entries(files)) {
    const f = new ZipPassThrough(n);
    zip.add(f);
    f.push(bytes, true);
  }
  const dup = new ZipPassThrough(name);
  zip.add(dup);
  dup.push(second, true);
  zip.end();
  return Buffer.concat(chunks);
}

async function baseWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRow(['Ref', 'Action', 'Lead', 'By when', 'RAG']);
  for (let i = 1; i <= 12; i++)
    ws.addRow([`1.${i}`, `Action number ${i} for the plan`, 'J Tynan', 'March 2020', ['Red', 'Amber', 'Green'][i % 3]]);
  ws.mergeCells('A14:E14');
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const CSV =
  'Ref,Action,Lead,By when,RAG\n1.1,"Recruit a permanent head, of service",J Tynan,March 2020,Green\n1.2,Audit case files,A Smith,June 2020,Amber\n';

type Maker = () => { name: string; kind: string; data: Uint8Array };

function makers(word: Uint8Array[], xlsx: Uint8Array, bombDocx: Uint8Array): Maker[] {
  const docx = (): Uint8Array => word[int(word.length)]!;
  const flip = (src: Uint8Array): Uint8Array => {
    const out = src.slice();
    for (let i = 0, n = 1 + int(8); i < n; i++) {
      const at = int(out.length);
      out[at] = out[at]! ^ (1 << int(8));
    }
    return out;
  };
  const withPart = (src: Uint8Array, part: string, change: (x: string) => string): Uint8Array => {
    const files = unzipSync(src);
    files[part] = strToU8(change(strFromU8(files[part]!)));
    return rezip(files);
  };
  const anyEntry = (src: Uint8Array, fn: (files: Record<string, Uint8Array>, name: string) => void): Uint8Array => {
    const files = unzipSync(src);
    const names = Object.keys(files);
    fn(files, names[int(names.length)]!);
    return rezip(files);
  };
  const xxe = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>';
  const laughs =
    '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
  return [
    () => ({ name: 'flipped.docx', kind: 'byte flips (Word)', data: flip(docx()) }),
    () => ({ name: 'flipped.xlsx', kind: 'byte flips (Excel)', data: flip(xlsx) }),
    () => {
      const d = docx();
      return { name: 'truncated.docx', kind: 'truncation', data: d.slice(0, int(d.length)) };
    },
    () => ({ name: 'truncated.xlsx', kind: 'truncation', data: xlsx.slice(0, int(xlsx.length)) }),
    () => ({ name: 'removed.docx', kind: 'removed entry', data: anyEntry(docx(), (f, n) => delete f[n]) }),
    () => ({ name: 'removed.xlsx', kind: 'removed entry', data: anyEntry(xlsx, (f, n) => delete f[n]) }),
    () => ({
      name: 'renamed.xlsx',
      kind: 'renamed entry',
      data: anyEntry(xlsx, (f, n) => ((f[`${n}.old`] = f[n]!), delete f[n])),
    }),
    () => ({
      name: 'renamed.docx',
      kind: 'renamed entry',
      data: anyEntry(docx(), (f, n) => ((f[n.toUpperCase()] = f[n]!), delete f[n])),
    }),
    () => ({
      name: 'xxe.docx',
      kind: 'XXE',
      data: withPart(docx(), 'word/document.xml', (x) => x.replace(/^<\?xml[^>]*\?>/, xxe)),
    }),
    () => ({
      name: 'xxe.xlsx',
      kind: 'XXE',
      data: withPart(xlsx, 'xl/sharedStrings.xml', (x) => x.replace(/^<\?xml[^>]*\?>/, xxe)),
    }),
    () => ({
      name: 'laughs.docx',
      kind: 'billion laughs',
      data: withPart(docx(), 'word/document.xml', (x) => x.replace(/^<\?xml[^>]*\?>/, laughs)),
    }),
    () => ({ name: 'bomb.docx', kind: 'zip bomb', data: bombDocx }),
    () => ({
      name: 'slip.docx',
      kind: 'zip-slip name',
      data: rezip({ ...unzipSync(docx()), '../../../../tmp/planwright-evil.xml': strToU8('<x/>') }),
    }),
    () => {
      const files = unzipSync(docx());
      return {
        name: 'dup.docx',
        kind: 'duplicate entry',
        data: duplicated(
          files,
          'word/document.xml',
          strToU8(
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
          ),
        ),
      };
    },
    () => {
      const files = unzipSync(xlsx);
      return {
        name: 'dup.xlsx',
        kind: 'duplicate entry',
        data: duplicated(files, 'xl/worksheets/sheet1.xml', strToU8('<worksheet/>')),
      };
    },
    () => ({
      name: 'merged.xlsx',
      kind: 'huge merged range',
      data: withPart(xlsx, 'xl/worksheets/sheet1.xml', (x) =>
        x.replace(/<mergeCell ref="[^"]+"\/>/, `<mergeCell ref="A${1 + int(20)}:XFD1048576"/>`),
      ),
    }),
    () => ({
      name: 'deep.docx',
      kind: 'deep nesting',
      data: withPart(docx(), 'word/document.xml', (x) =>
        x.replace('<w:body>', `<w:body>${'<w:sdt>'.repeat(2000 + int(5000))}`),
      ),
    }),
    () => ({ name: 'binary.csv', kind: 'CSV', data: Uint8Array.from({ length: 2000 }, () => int(256)) }),
    () => ({
      name: 'quotes.csv',
      kind: 'CSV',
      data: strToU8(CSV.replace(/"/g, () => (rnd() < 0.5 ? '"' : '')).repeat(1 + int(3)) + '"unterminated'),
    }),
    () => ({ name: 'flipped.csv', kind: 'CSV', data: flip(strToU8(CSV)) }),
    () => ({
      name: 'wide.csv',
      kind: 'CSV',
      data: strToU8(`${Array.from({ length: 300 + int(500) }, (_, i) => `c${i}`).join(',')}\n`),
    }),
    () => ({ name: 'word-as.xlsx', kind: 'mislabelled', data: docx() }),
  ];
}

function counts(store: ReturnType<typeof openStore>): string {
  return TABLES.map((t) => store.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).join(',');
}

export async function hostileImports(options: {
  files: number;
  limitMs?: number;
  workerEvery?: number;
  seed?: number;
}): Promise<HostileResult> {
  state = options.seed ?? 12345;
  const dir = soakTempDir('planwright-hostile-');
  const workerFile = options.workerEvery
    ? await bundleChild(path.join(ROOT, 'electron/import/worker.ts'), path.join(dir, 'worker.js'))
    : null;
  const store = openStore(path.join(dir, 'hostile.sqlite'), { actor: 'hostile' });
  const inline = createDispatcher({
    ...createAppHandlers({ store, host: headlessHost }),
    ...createImportHandlers({ store, host: headlessHost, parser: inlineParser }),
  } as Handlers);
  let fellBack: string | null = null;
  const worker = createDispatcher({
    ...createAppHandlers({ store, host: headlessHost }),
    ...createImportHandlers({
      store,
      host: headlessHost,
      parser: workerParser({
        workerFile,
        limits: { timeoutMs: options.limitMs ?? 30_000 },
        // A worker that never started would hide behind the inline reader: that counts as a failure here.
        onFallback: (reason) => (fellBack = reason),
      }),
    }),
  } as Handlers);
  const ctx = { actor: 'hostile', emit: () => undefined };
  const word = WORD.map((f) => new Uint8Array(fs.readFileSync(f)));
  // A Word document carrying 120 MB of zeros (about 1000:1), made once.
  const bombDocx = zipSync(
    { ...unzipSync(word[0]!), 'word/media/zeros.bin': new Uint8Array(120 * 1024 * 1024) },
    { level: 6 },
  );
  const all = makers(word, await baseWorkbook(), bombDocx);
  const result: HostileResult = { files: 0, failures: 0, byKind: {}, examples: [], slowestMs: 0 };
  const limit = options.limitMs ?? 30_000;
  try {
    for (let i = 0; i < options.files; i++) {
      const made = all[i % all.length]!();
      const file = path.join(dir, `${i}-${made.name}`);
      fs.writeFileSync(file, made.data);
      const dispatch = options.workerEvery && i % options.workerEvery === 0 ? worker : inline;
      const before = counts(store);
      const started = Date.now();
      let problem: string | null = null;
      try {
        const preview = await dispatch('import:preview', { path: file, options: {} }, ctx);
        if (!preview.ok) {
          if (preview.error.code === 'internal') problem = `internal: ${preview.error.message}`;
          else if (UNCLEAR.test(preview.error.message)) problem = `unclear: ${preview.error.message}`;
          else if (counts(store) !== before) problem = 'refused but wrote';
        } else {
          const commit = await dispatch('import:commit', { token: (preview.value as { token: string }).token }, ctx);
          if (!commit.ok) {
            if (commit.error.code === 'internal' || UNCLEAR.test(commit.error.message))
              problem = `commit: ${commit.error.message}`;
            else if (counts(store) !== before) problem = 'commit refused but wrote';
          }
        }
      } catch (error) {
        problem = `threw: ${error instanceof Error ? error.message : String(error)}`;
      }
      const ms = Date.now() - started;
      if (!problem && fellBack) problem = `the import worker did not start: ${fellBack}`;
      fellBack = null;
      result.slowestMs = Math.max(result.slowestMs, ms);
      if (!problem && ms > limit) problem = `took ${ms} ms`;
      if (fs.existsSync('/tmp/planwright-evil.xml')) problem = 'zip-slip wrote outside';
      result.files++;
      result.byKind[made.kind] = (result.byKind[made.kind] ?? 0) + 1;
      if (problem) {
        result.failures++;
        if (result.examples.length < 10) result.examples.push(`${made.kind} (${made.name}): ${problem.slice(0, 300)}`);
      }
      fs.rmSync(file, { force: true });
    }
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
