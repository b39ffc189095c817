/**
 * The bad-input list end to end: each hostile or unusable file goes through `import:preview` (the
 * channel the app calls) and gets `import_failed` with its own specific message, and the store is left
 * exactly as it was (no plan, no person). The files are written to disk so the size check and the
 * reader run as in the app; reading is inline here (the worker path is covered in handlers.test.ts).
 */
import { createSyncHandlers } from '../../electron/sync/handlers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanFromDraft, createStoreHandlers, openStore, type Store } from '../../db';
import { createExportHandlers } from '../../electron/export/handlers';
import { headlessHost } from '../../electron/host';
import { createImportHandlers } from '../../electron/import/handlers';
import { inlineParser, workerParser } from '../../electron/import/parser';
import { createDispatcher, type Dispatch } from '../../shared/dispatch';
import type { Result } from '../../shared/result';
import { docxOf, heading, para, withDocumentXml } from './docs';
import { importPath, RATED_2020 } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-bad-input-'));
const dbPath = path.join(dir, 'plans.sqlite');
let store: Store;
let dispatch: Dispatch;
const ctx = { actor: 'Test User', emit: () => undefined };

beforeAll(() => {
  store = openStore(dbPath, { actor: 'Test User' });
  dispatch = createDispatcher(
    {
      ...createStoreHandlers(store),
      ...createExportHandlers({ store, host: headlessHost }),
      ...createImportHandlers({ store, host: headlessHost, parser: inlineParser }),
      ...createSyncHandlers({ store, host: headlessHost }),
    },
    { validateOutput: true },
  );
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The untrusted path on purpose: these payloads are what a compromised or buggy window might send. */
const call = (channel: string, input: unknown): Promise<Result<unknown>> => dispatch(channel, input, ctx);

/** What an import could have written, read through the channels: plans (live, archived, in the trash) and people. */
async function footprint(): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [channel, input] of [
    ['plans:list', {}],
    ['plans:list', { includeArchived: true }],
    ['plans:list', { trash: true }],
    ['people:list', {}],
  ] as const) {
    const r = await call(channel, input);
    out.push(r.ok ? r.value : r.error);
  }
  return out;
}

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
function encryptedPackage(): Uint8Array {
  const bytes = new Uint8Array(8192);
  bytes.set(CFB, 0);
  bytes.set(Buffer.from('EncryptionInfo', 'utf16le'), 1024);
  bytes.set(Buffer.from('EncryptedPackage', 'utf16le'), 1200);
  return bytes;
}

async function xlsxWithDtd(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRow(['Ref', 'Action', 'Lead']);
  ws.addRow(['1.1', '&xxe;', 'AD']);
  const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  const sheet = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']);
  const hostile = sheet.replace('?>', '?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>');
  return zipSync({ ...files, 'xl/worksheets/sheet1.xml': strToU8(hostile) });
}

async function deepWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Plan').addRow(['Ref', 'Action', 'Lead']);
  const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  const sheet = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']);
  const deep = sheet.replace('</sheetData>', `</sheetData>${'<extLst>'.repeat(5000)}${'</extLst>'.repeat(5000)}`);
  return zipSync({ ...files, 'xl/worksheets/sheet1.xml': strToU8(deep) });
}

async function emptyWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Plan');
  wb.addWorksheet('Notes');
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

interface Case {
  name: string;
  file: string;
  make: () => Promise<Uint8Array | 'sparse-51mb'>;
  message: RegExp;
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const CASES: Case[] = [
  {
    name: 'not a zip',
    file: 'plan.docx',
    make: async () => strToU8('Just some text, renamed.'),
    message: /^plan\.docx is not a real Word file: it is not a zip package/,
  },
  {
    name: 'a zip that is not Word or Excel',
    file: 'photos.docx',
    make: async () => zipSync({ 'a.jpg': new Uint8Array(10) }),
    message: /zip file but not a Word \(\.docx\) or Excel \(\.xlsx\) document/,
  },
  {
    name: 'password-protected',
    file: 'secret.docx',
    make: async () => encryptedPackage(),
    message: /^secret\.docx is password-protected\. Remove the password/,
  },
  {
    name: 'a zip bomb',
    file: 'bomb.docx',
    make: async () =>
      zipSync(
        { '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': new Uint8Array(20 * 1024 * 1024) },
        { level: 9 },
      ),
    message: /looks like a zip bomb/,
  },
  {
    name: 'XML with an external entity',
    file: 'xxe.docx',
    make: async () =>
      withDocumentXml(
        await docxOf([para('x')]),
        `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document ${W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`,
      ),
    message: /DTD or entity declaration in word\/document\.xml/,
  },
  {
    name: 'XML with entity expansion (billion laughs)',
    file: 'laughs.docx',
    make: async () =>
      withDocumentXml(
        await docxOf([para('x')]),
        `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document ${W}><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>`,
      ),
    message: /DTD or entity declaration in word\/document\.xml/,
  },
  {
    name: 'a workbook with a DTD',
    file: 'xxe.xlsx',
    make: xlsxWithDtd,
    message: /DTD or entity declaration in xl\/worksheets\/sheet1\.xml/,
  },
  {
    name: 'XML nested 20,000 levels deep (stalls a parser)',
    file: 'deep.docx',
    make: async () =>
      withDocumentXml(
        await docxOf([para('x')]),
        `<w:document ${W}><w:body>${'<w:sdt><w:sdtContent>'.repeat(10_000)}<w:p/>${'</w:sdtContent></w:sdt>'.repeat(10_000)}</w:body></w:document>`,
      ),
    message: /nests its content more than 256 levels deep in word\/document\.xml/,
  },
  {
    name: 'a workbook nested 5,000 levels deep',
    file: 'deep.xlsx',
    make: deepWorkbook,
    message: /nests its content more than 256 levels deep in xl\/worksheets\/sheet1\.xml/,
  },
  {
    name: 'a document with no table',
    file: 'letter.docx',
    make: async () => docxOf([heading('A plan', 1), para('Only words here.')]),
    message: /^letter\.docx has no table\./,
  },
  { name: 'an empty sheet', file: 'empty.xlsx', make: emptyWorkbook, message: /^Every sheet of empty\.xlsx is empty/ },
  {
    name: 'an empty CSV',
    file: 'empty.csv',
    make: async () => strToU8(',,,\r\n,,\r\n'),
    message: /^empty\.csv is empty: it has no rows/,
  },
  {
    name: 'a 51 MB file',
    file: 'huge.docx',
    make: async () => 'sparse-51mb',
    message: /^huge\.docx is 51 MB; the importer reads files up to 50 MB/,
  },
];

describe('bad input through import:preview: a specific message, nothing written', () => {
  it.each(CASES)('$name', async ({ file, make, message }) => {
    const p = path.join(dir, file);
    const data = await make();
    if (data === 'sparse-51mb') {
      fs.closeSync(fs.openSync(p, 'w'));
      fs.truncateSync(p, 51 * 1024 * 1024);
    } else fs.writeFileSync(p, data);
    const before = await footprint();
    expect(before).toEqual([[], [], [], []]);
    const r = await call('import:preview', { path: p });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('import_failed');
    expect(r.error.message).toMatch(message);
    expect(await footprint()).toEqual(before);
  });

  it('every message is different (each names what is wrong)', async () => {
    const messages = new Set<string>();
    for (const c of CASES) {
      const r = await call('import:preview', { path: path.join(dir, c.file) });
      if (!r.ok) messages.add(r.error.message.replace(/^\S+\.(docx|xlsx|csv)/, 'FILE'));
    }
    // The two entity attacks share one message on purpose (both are a DTD, refused before parsing); the
    // two deep-nesting cases differ only in the part they name.
    expect(messages.size).toBe(CASES.length - 1);
  });

  it('in the worker thread too: a zip bomb is refused with the same message and the worker ends', async () => {
    const fallbacks: string[] = [];
    const parse = workerParser({ onFallback: (reason) => fallbacks.push(reason) });
    await expect(parse({ path: path.join(dir, 'bomb.docx') }, () => undefined)).rejects.toThrow(
      /looks like a zip bomb/,
    );
    expect(fallbacks).toEqual([]);
  });
});

describe('confirming is all or nothing', () => {
  it('a plan that fails while it is being written (its last action rated twice in one period) leaves nothing behind', async () => {
    const { draft } = await importPath(RATED_2020);
    const last = draft.sections.at(-1)!.actions.at(-1)!;
    const broken = {
      ...draft,
      sections: draft.sections.map((s, i) =>
        i < draft.sections.length - 1
          ? s
          : { ...s, actions: [...s.actions.slice(0, -1), { ...last, ratings: [...last.ratings, ...last.ratings] }] },
      ),
    };
    const before = await footprint();
    expect(() => createPlanFromDraft(store, broken, 'Test User')).toThrow(/two ratings/);
    expect(await footprint()).toEqual(before);
  });
});
