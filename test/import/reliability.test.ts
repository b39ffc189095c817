/**
 * Issue 8 (reliability probe): memory bombs bounded by the file's real content, the worker's heap limit,
 * timeout and cancel, zip CRCs checked, plain messages (never a library's own words), a damaged workbook
 * called a workbook, and orphaned export temporaries removed.
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeOrphanTemps, writeFileAtomic } from '../../electron/write';
import { largeDocx } from '../../bench/soak/large-docx';
import { workerParser } from '../../electron/import/parser';
import { clipMerges } from '../../electron/import/sheet';
import { DomainError } from '../../shared/result';
import { importBytes, PLAIN_2020 } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-reliab-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function failure(run: () => Promise<unknown>): Promise<DomainError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

const UNCLEAR = /undefined|Cannot read|Bug|zod|is not a function|\n\s+at /;

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRow(['Ref', 'Action', 'Lead', 'By when', 'RAG']);
  ws.addRow(['1.1', 'Recruit a permanent head of service', 'J Tynan', 'March 2020', 'Green']);
  ws.addRow(['1.2', 'Audit case files monthly', 'A Smith', 'June 2020', 'Amber']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function withEntry(zip: Uint8Array, name: string, change: (text: string) => string): Uint8Array {
  const files = unzipSync(zip);
  files[name] = strToU8(change(strFromU8(files[name]!)));
  return zipSync(files);
}

describe('memory bombs', () => {
  it('a merged range A1:XFD1048576 is clipped to the cells that exist, and the workbook reads at once', async () => {
    const bomb = withEntry(await workbook(), 'xl/worksheets/sheet1.xml', (x) =>
      x.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'),
    );
    expect(bomb.length).toBeLessThan(20_000);
    const started = Date.now();
    const result = await importBytes(bomb, 'bomb.xlsx').then(
      () => 'read',
      (e: unknown) => (e instanceof DomainError ? e.message : String(e)),
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(String(result)).not.toMatch(UNCLEAR);
  });

  it('clipMerges keeps real merges, clips huge ones and drops those outside the content', () => {
    const xml =
      '<worksheet><sheetData><row r="1"><c r="A1"/><c r="C1"/></row><row r="4"><c r="B4"/></row></sheetData><mergeCells><mergeCell ref="A1:B1"/><mergeCell ref="A2:XFD1048576"/><mergeCell ref="Z9:Z20"/></mergeCells></worksheet>';
    const out = clipMerges(xml);
    expect(out).toContain('<mergeCell ref="A1:B1"/>');
    expect(out).toContain('<mergeCell ref="A2:C4"/>');
    expect(out).not.toContain('Z9');
  });

  it('the worker stops at its heap limit, at its timeout, and when cancelled', async () => {
    const file = path.join(dir, 'plan.docx');
    fs.copyFileSync(PLAIN_2020, file);
    const slow = workerParser({ limits: { timeoutMs: 1 } });
    const timedOut = await failure(() => slow({ path: file }, () => undefined));
    expect(timedOut.code).toBe('import_failed');
    expect(timedOut.message).toMatch(/took longer than/);
    const abort = new AbortController();
    const parsing = workerParser()({ path: file }, () => undefined, abort.signal);
    abort.abort();
    const cancelled = await failure(() => parsing);
    expect(cancelled.code).toBe('cancelled');
    // A heap far too small for even the reader's own code: the worker dies, the caller gets plain words.
    const tiny = await workerParser({ limits: { maxHeapMb: 4 } })({ path: file }, () => undefined).then(
      () => null,
      (e: unknown) => e,
    );
    if (tiny !== null) {
      expect(tiny).toBeInstanceOf(DomainError);
      expect((tiny as DomainError).message).not.toMatch(UNCLEAR);
    }
  }, 60_000);
});

describe('a large Word document (issue 8: 2-3.5 MB .docx files took 1-3.9 GB)', () => {
  it('a generated 3 MB .docx (about 40 MB of XML) is read in a worker given a quarter of the app’s heap limit (256 MB)', async () => {
    const file = path.join(dir, 'large.docx');
    fs.writeFileSync(file, largeDocx(3 * 1024 * 1024));
    expect(fs.statSync(file).size).toBeGreaterThan(2.8 * 1024 * 1024);
    // The body is streamed (zip -> decoder -> saxes), one paragraph or table at a time: 256 MB of old
    // generation is enough (reading the whole part into one tree needed more than 320 MB).
    const parse = workerParser({ limits: { maxHeapMb: 256, timeoutMs: 600_000 } });
    const progress: number[] = [];
    const doc = await parse({ path: file }, (phase, done, total) => {
      expect(done).toBeLessThanOrEqual(total);
      if (phase === 'reading tables') progress.push(done);
    });
    const tables = doc.blocks.filter((b) => b.type === 'table');
    expect(tables.length).toBeGreaterThan(1000);
    expect(progress.at(-1)).toBe(tables.length);
    // The text of the last copy arrived whole.
    const last = tables.at(-1)!;
    expect(last.type === 'table' && last.rows.length).toBeGreaterThan(1);
  }, 600_000);
});

describe('zip checksums and plain messages', () => {
  it('a Word document whose text was altered inside the zip (CRC mismatch) is refused', async () => {
    const files = unzipSync(new Uint8Array(fs.readFileSync(PLAIN_2020)));
    const original = zipSync(files, { level: 0 }); // stored, so the text is plain in the bytes
    const at = Buffer.from(original).indexOf('Improvement');
    expect(at).toBeGreaterThan(0);
    const altered = original.slice();
    altered[at] = 'X'.charCodeAt(0);
    const e = await failure(() => importBytes(altered, 'altered.docx'));
    expect(e.code).toBe('import_failed');
    expect(e.message).toMatch(/does not match its checksum/);
  });

  it('a damaged workbook is called a workbook, never "not a Word document", and no library words leak', async () => {
    const good = await workbook();
    const files = unzipSync(good);
    files['xl/workbook2.xml'] = files['xl/workbook.xml']!;
    delete files['xl/workbook.xml'];
    const renamed = await failure(() => importBytes(zipSync(files), 'plan.xlsx'));
    expect(renamed.message).toMatch(/damaged Excel workbook/);
    expect(renamed.message).not.toMatch(/Word/);
    const garbled = withEntry(good, 'xl/sharedStrings.xml', (x) => x.replace(/<si>/, '<si><r>'));
    const e2 = await importBytes(garbled, 'plan.xlsx').then(
      () => null,
      (e: unknown) => e,
    );
    if (e2 !== null) expect((e2 as Error).message).not.toMatch(UNCLEAR);
    // Truncated: the zip cannot be read at all.
    const truncated = await failure(() => importBytes(good.slice(0, Math.floor(good.length / 2)), 'plan.xlsx'));
    expect(truncated.message).not.toMatch(UNCLEAR);
  });

  it('malformed XML is reported without the parser’s own words', async () => {
    const files = unzipSync(new Uint8Array(fs.readFileSync(PLAIN_2020)));
    files['word/document.xml'] = strToU8(
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>',
    );
    const e = await failure(() => importBytes(zipSync(files), 'bad.docx'));
    expect(e.message).toMatch(/word\/document\.xml is not well-formed XML/);
    expect(e.message).not.toMatch(/disallowed|unclosed|saxes/i);
  });
});

describe('orphaned export temporaries', () => {
  it('the next export to a folder removes the .tmp a crashed export left', async () => {
    const target = path.join(dir, 'Appendix 1.docx');
    const orphan = path.join(dir, '.Appendix 1.docx.0123456789ab.tmp');
    const other = path.join(dir, '.Other.docx.ba9876543210.tmp');
    const young = path.join(dir, '.Young.docx.aaaaaaaaaaaa.tmp');
    for (const f of [orphan, other, young]) fs.writeFileSync(f, 'partial');
    const old = new Date(Date.now() - 60 * 60_000);
    fs.utimesSync(other, old, old);
    await writeFileAtomic(target, strToU8('complete'));
    expect(fs.existsSync(orphan)).toBe(false);
    expect(fs.existsSync(other)).toBe(false);
    expect(fs.existsSync(young)).toBe(true); // may belong to an export still running
    expect(fs.readFileSync(target, 'utf8')).toBe('complete');
    await removeOrphanTemps(target, Date.now() + 3_600_000);
    expect(fs.existsSync(young)).toBe(false);
  });
});
