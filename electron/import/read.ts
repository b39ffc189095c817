/**
 * Opens an import file: refuses files over the size limit before reading them, recognises the format
 * from its bytes (zip package: Word or Excel; OLE compound file: password-protected or old format; else
 * CSV by extension) and hands it to the right reader.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { readDocx } from './docx';
import { importFailed } from './errors';
import { LIMITS } from './limits';
import type { SourceDoc } from './source';
import { listZip, looksLikeZip } from './zip';

/** The spreadsheet readers (exceljs, papaparse: large) load only when a spreadsheet is read, so a command or
 * an export that never reads one starts without them. */
const spreadsheets = () => import('./sheet');

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const mb = (n: number): string => `${Math.round(n / (1024 * 1024))} MB`;

/** True for an OLE compound file (encrypted OOXML, or an old .doc / .xls). */
export function isCompoundFile(data: Uint8Array): boolean {
  return CFB.every((b, i) => data[i] === b);
}

function includesUtf16(data: Uint8Array, text: string): boolean {
  const needle = Buffer.from(text, 'utf16le');
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes(needle);
}

export interface ReadOptions {
  sheet?: string | undefined;
  /** Told of progress while reading (tables of a Word document). */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Reads bytes already in memory; `fileName` decides CSV and names the file in messages. */
export async function readImportBytes(
  data: Uint8Array,
  fileName: string,
  options: ReadOptions = {},
): Promise<SourceDoc> {
  if (data.length > LIMITS.maxFileBytes)
    throw importFailed(`${fileName} is ${mb(data.length)}; the importer reads files up to ${mb(LIMITS.maxFileBytes)}.`);
  if (data.length === 0) throw importFailed(`${fileName} is empty (0 bytes), so there is nothing to import.`);
  const ext = path.extname(fileName).toLowerCase();
  if (isCompoundFile(data)) {
    if (includesUtf16(data, 'EncryptionInfo') || includesUtf16(data, 'EncryptedPackage'))
      throw importFailed(
        `${fileName} is password-protected. Remove the password in Word or Excel (File > Info > Protect > Encrypt with Password, clear it), save, and try again.`,
      );
    throw importFailed(
      `${fileName} is an old-format (Word 97-2003 .doc or Excel .xls) or password-protected file. Open it in Word or Excel, remove any password and save it as .docx or .xlsx, then try again.`,
    );
  }
  if (looksLikeZip(data)) {
    const names = new Set(listZip(data, 'Word or Excel file').map((e) => e.name));
    // A damaged workbook (its workbook part missing or renamed) is still an Excel file, never "not a Word document".
    if (names.has('xl/workbook.xml') || (ext === '.xlsx' && ![...names].some((n) => n.startsWith('word/'))))
      return (await spreadsheets()).readXlsx(data, fileName, options.sheet);
    if (names.has('word/document.xml') || [...names].some((n) => /^word\/document\d*\.xml$/.test(n)))
      return readDocx(data, fileName, options.onProgress);
    if (names.has('[Content_Types].xml')) return readDocx(data, fileName, options.onProgress);
    throw importFailed(`${fileName} is a zip file but not a Word (.docx) or Excel (.xlsx) document.`);
  }
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') {
    const head = data.subarray(0, 4096);
    const utf16 = (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff);
    if (!utf16 && head.includes(0)) throw importFailed(`${fileName} is not a text CSV file (it contains binary data).`);
    return (await spreadsheets()).readCsv(data, fileName);
  }
  if (ext === '.docx' || ext === '.xlsx')
    throw importFailed(
      `${fileName} is not a real ${ext === '.docx' ? 'Word' : 'Excel'} file: it is not a zip package. It may be damaged, or another kind of file renamed.`,
    );
  throw importFailed(`${fileName} is not a Word (.docx), Excel (.xlsx) or CSV file.`);
}

/** Reads a file from disk: the size is checked before any byte is read. */
export async function readImportFile(filePath: string, options: ReadOptions = {}): Promise<SourceDoc> {
  const fileName = path.basename(filePath);
  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch {
    throw importFailed(`${filePath} could not be found or opened.`);
  }
  if (!stat.isFile()) throw importFailed(`${filePath} is not a file.`);
  if (stat.size > LIMITS.maxFileBytes)
    throw importFailed(
      `${fileName} is ${mb(stat.size)}; the importer reads files up to ${mb(LIMITS.maxFileBytes)}. Split the plan or remove embedded pictures and try again.`,
    );
  const data = new Uint8Array(await fs.readFile(filePath));
  return readImportBytes(data, fileName, options);
}
