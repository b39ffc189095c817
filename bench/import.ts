/**
 * Import benchmark: the large plan's own Word appendix (12 sections, 1,200 actions, 8 rated periods; the
 * exporter's default options) read back (unzip, XML, tables, analysis) and written with
 * createPlanFromDraft into a temporary store; median of three runs after a warm-up. The goal for the whole
 * (`import.large_plan_ms`) is 3 s. Reading runs on the calling thread here (in the app it runs in a worker
 * thread, which adds the worker's start-up: `import.large_plan_worker_read_ms` is that path, reading the file
 * from disk in a worker thread and analysing it, as `import:preview` does). Prints nothing; the bench
 * runner prints the table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPlanFromDraft, openStore } from '../db';
import { buildAppendix } from '../electron/export/appendix';
import { analyse } from '../electron/import/analyse';
import { workerParser } from '../electron/import/parser';
import { readImportBytes } from '../electron/import/read';
import { ExportOptions } from '../shared/export-options';
import { largePlanDraft } from '../shared/samples/large-plan';
import { treeFromDraft } from '../shared/samples/tree-from-draft';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function benchImport(): Promise<Record<string, number>> {
  const docx = new Uint8Array(await buildAppendix(treeFromDraft(largePlanDraft()), ExportOptions.parse({})));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bench-import-'));
  const read: number[] = [];
  const write: number[] = [];
  const total: number[] = [];
  const worker: number[] = [];
  try {
    for (let run = 0; run < 4; run++) {
      const store = openStore(path.join(dir, `run-${run}.sqlite`), { actor: 'Benchmark' });
      try {
        const t0 = performance.now();
        const doc = await readImportBytes(docx, 'large-plan-appendix.docx');
        const { draft } = analyse(doc);
        const t1 = performance.now();
        createPlanFromDraft(store, draft, 'Benchmark');
        const t2 = performance.now();
        if (run > 0) {
          read.push(t1 - t0);
          write.push(t2 - t1);
          total.push(t2 - t0);
        }
      } finally {
        await store.close();
      }
    }
    // The app's path: the file read in a worker thread (start-up included), then analysed.
    const file = path.join(dir, 'large-plan-appendix.docx');
    fs.writeFileSync(file, docx);
    const parse = workerParser();
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      analyse(await parse({ path: file }, () => undefined));
      worker.push(performance.now() - t0);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return {
    'import.large_plan_worker_read_ms': Math.round(median(worker)),
    'import.large_plan_ms': Math.round(median(total)),
    'import.large_plan_read_ms': Math.round(median(read)),
    'import.large_plan_write_ms': Math.round(median(write)),
    'import.large_plan_docx_bytes': docx.length,
  };
}
