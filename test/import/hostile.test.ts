/** Bad input: each gets a clear, specific import_failed message (and nothing is read past the check). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { readImportFile } from '../../electron/import/read';
import { DomainError } from '../../shared/result';
import { docxOf, heading, para, withDocumentXml } from './docs';
import { importBytes } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-import-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function failure(run: () => Promise<unknown>): Promise<DomainError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('import_failed');
    return error as DomainError;
  }
  throw new Error('expected the import to fail');
}

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
function compoundFile(streamName: string | null): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set(CFB, 0);
  if (streamName) bytes.set(Buffer.from(streamName, 'utf16le'), 1024);
  return bytes;
}

describe('bad input', () => {
  it('not a zip', async () => {
    const e = await failure(() => importBytes(strToU8('Just some text, not a Word document.'), 'plan.docx'));
    expect(e.message).toMatch(/not a real Word file: it is not a zip package/);
    const other = await failure(() => importBytes(strToU8('%PDF-1.7'), 'plan.pdf'));
    expect(other.message).toMatch(/not a Word \(\.docx\), Excel \(\.xlsx\) or CSV file/);
  });

  it('a zip that is not a Word or Excel document', async () => {
    const e = await failure(() => importBytes(zipSync({ 'readme.txt': strToU8('hello') }), 'plan.docx'));
    expect(e.message).toMatch(/zip file but not a Word \(\.docx\) or Excel \(\.xlsx\) document/);
  });

  it('password-protected (an OLE compound file holding EncryptionInfo), and old .doc files', async () => {
    const e = await failure(() => importBytes(compoundFile('EncryptionInfo'), 'plan.docx'));
    expect(e.message).toMatch(/password-protected\. Remove the password in Word/);
    const old = await failure(() => importBytes(compoundFile(null), 'plan.doc'));
    expect(old.message).toMatch(/old-format \(Word 97-2003 \.doc or Excel \.xls\) or password-protected/);
  });

  it('a zip bomb (20 MB of zeros compressing a thousandfold) is refused before inflating', async () => {
    const bomb = zipSync(
      { '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': new Uint8Array(20 * 1024 * 1024) },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(200_000);
    const e = await failure(() => importBytes(bomb, 'bomb.docx'));
    expect(e.message).toMatch(/zip bomb/);
  });

  it('XML with a DOCTYPE / entity declarations (external entities, entity expansion)', async () => {
    const base = await docxOf([para('x')]);
    const xxe = withDocumentXml(
      base,
      '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>',
    );
    expect((await failure(() => importBytes(xxe, 'xxe.docx'))).message).toMatch(
      /DTD or entity declaration in word\/document\.xml/,
    );
    const lol = withDocumentXml(
      base,
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>',
    );
    expect((await failure(() => importBytes(lol, 'lol.docx'))).message).toMatch(/DTD or entity declaration/);
  });

  it('malformed XML', async () => {
    const bad = withDocumentXml(
      await docxOf([para('x')]),
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>',
    );
    expect((await failure(() => importBytes(bad, 'bad.docx'))).message).toMatch(
      /damaged: word\/document\.xml is not well-formed XML/,
    );
  });

  it('a document with no table, and one with no table the importer recognises', async () => {
    const none = await failure(async () =>
      importBytes(await docxOf([heading('A plan', 1), para('Only words here.')]), 'words.docx'),
    );
    expect(none.message).toMatch(/has no table/);
  });

  it('an empty CSV and an empty sheet', async () => {
    expect((await failure(() => importBytes(strToU8(''), 'empty.csv'))).message).toMatch(/empty \(0 bytes\)/);
    expect((await failure(() => importBytes(strToU8(',,,\n,,\n\n'), 'blank.csv'))).message).toMatch(
      /blank\.csv is empty: it has no rows/,
    );
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Plan');
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    expect((await failure(() => importBytes(xlsx, 'empty.xlsx'))).message).toMatch(
      /Every sheet of empty\.xlsx is empty/,
    );
  });

  it('a file over 50 MB is refused before it is read (a sparse file)', async () => {
    const big = path.join(dir, 'huge.docx');
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, 51 * 1024 * 1024);
    const e = await failure(() => readImportFile(big));
    expect(e.message).toMatch(/huge\.docx is 51 MB; the importer reads files up to 50 MB/);
  });

  it('a missing file', async () => {
    expect((await failure(() => readImportFile(path.join(dir, 'nope.docx')))).message).toMatch(/could not be found/);
  });
});

describe('zip guard', () => {
  it('counts the bytes actually inflated: a package declaring false (small) sizes is stopped at the limit', async () => {
    const { listZip, readZipEntries } = await import('../../electron/import/zip');
    const zip = zipSync({ 'word/document.xml': new Uint8Array(2 * 1024 * 1024) }, { level: 9 });
    // Declare 100 bytes uncompressed in the local header (offset 22) and the central directory (offset 24).
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    view.setUint32(22, 100, true);
    for (let i = zip.length - 22; i >= 0; i--)
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 100, true);
        break;
      }
    const limits = {
      maxZipEntries: 10,
      maxUncompressedBytes: 4 * 1024 * 1024,
      maxEntryBytes: 1024 * 1024,
      maxRatio: 200,
    };
    expect(listZip(zip, 'Word document', limits)[0]!.originalSize).toBe(100);
    expect(() => readZipEntries(zip, () => true, 'Word document', limits)).toThrow(/zip bomb/);
  });

  it('too many entries', async () => {
    const { listZip } = await import('../../electron/import/zip');
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.xml`, strToU8('<a/>')]));
    expect(() =>
      listZip(zipSync(files), 'Word document', {
        maxZipEntries: 10,
        maxUncompressedBytes: 1e6,
        maxEntryBytes: 1e6,
        maxRatio: 200,
      }),
    ).toThrow(/more than 10 parts/);
  });
});
