/**
 * A large, real-looking Word plan for the memory figures and test (issue 8: 2-3.5 MB .docx files took
 * 1-3.9 GB): the Word fixture's body repeated, each copy's text numbered so that deflate cannot fold the
 * copies together, until the package reaches `targetBytes`. Made by the code itself from the fixture.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export const LARGE_DOCX_FIXTURE = path.join('/work/shared/fixtures', 'word/continuous-development-plan-2020.docx');

/** A .docx of about `targetBytes` (default 3 MB) built from the Word fixture. */
export function largeDocx(targetBytes = 3 * 1024 * 1024, fixture = LARGE_DOCX_FIXTURE): Uint8Array {
  const files = unzipSync(new Uint8Array(fs.readFileSync(fixture)));
  const xml = strFromU8(files['word/document.xml']!);
  const open = xml.indexOf('<w:body>') + '<w:body>'.length;
  const sect = xml.lastIndexOf('<w:sectPr');
  const head = xml.slice(0, open);
  const body = xml.slice(open, sect);
  const tail = xml.slice(sect);
  // Estimate the copies from one copy's compressed size, then build once.
  const one = zipSync({ 'word/document.xml': strToU8(body) }).length;
  const copies = Math.max(1, Math.ceil(targetBytes / one));
  const parts: string[] = [head];
  for (let i = 0; i < copies; i++)
    parts.push(
      body.replace(
        /<w:t( [^>]*)?>([^<]{30,})<\/w:t>/g,
        (_m, a: string | undefined, t: string) => `<w:t${a ?? ''}>${t} ${i}</w:t>`,
      ),
    );
  parts.push(tail);
  files['word/document.xml'] = strToU8(parts.join(''));
  return zipSync(files, { level: 6 });
}

export interface LargeDocxFigures {
  bytes: number;
  tables: number;
  actions: number;
  /** Wall-clock time of reading and analysing, in the child process. */
  ms: number;
  /** CPU time (user + system) of the same. */
  cpuMs: number;
  /** The child process's peak resident set size (Node's own start-up included). */
  peakRssMb: number;
}

/**
 * reliability.large_docx_*: a generated 3 MB .docx read and analysed (as import:preview does) in a fresh
 * Node process, so its peak RSS is the import's own.
 */
export function largeDocxFigures(targetBytes = 3 * 1024 * 1024): LargeDocxFigures {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-large-docx-'));
  try {
    const file = path.join(dir, 'large.docx');
    fs.writeFileSync(file, largeDocx(targetBytes));
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./large-docx-child.ts', import.meta.url)), file],
      { encoding: 'utf8', maxBuffer: 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`the large .docx child failed: ${child.stderr.slice(-2000)}`);
    const r = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Omit<LargeDocxFigures, 'bytes'>;
    return { bytes: fs.statSync(file).size, ...r };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
