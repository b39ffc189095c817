/**
 * Reads a Word (.docx) package into a SourceDoc: the body's paragraphs and tables in document order.
 * Tracked deletions are dropped and insertions kept; content controls, hyperlinks, smart tags and simple
 * fields are read through; non-breaking spaces become plain spaces; multi-paragraph cells are kept as
 * "\n"-joined paragraphs; cell shading (or, failing that, paragraph / run shading or highlight) is kept.
 */
import { highlightHex, normaliseHex } from './colours';
import { importFailed } from './errors';
import { LIMITS } from './limits';
import { emptyCell, type Block, type GridCell, type GridRow, type SourceDoc } from './source';
import {
  attr,
  childElements,
  createXmlStream,
  decodeXml,
  isW,
  parseXml,
  textContent,
  wAttr,
  wChild,
  wDescendants,
  W_NS,
  type XElement,
} from './xml';
import { listZip, readZipEntries, streamZipEntry } from './zip';
import { PLAN_TITLE_PROPERTY } from '../../shared/export-options';

const MAIN_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

/** Elements whose text is read through (wrappers). */
const THROUGH = new Set([
  'r',
  'ins',
  'moveTo',
  'hyperlink',
  'sdt',
  'sdtContent',
  'smartTag',
  'customXml',
  'fldSimple',
  'bdo',
  'dir',
]);

/** Text of a paragraph-level node: tracked deletions, field codes and properties skipped. */
function inlineText(node: XElement, out: string[]): void {
  for (const el of node.children) {
    if (typeof el === 'string' || el.ns !== W_NS) continue;
    switch (el.local) {
      case 't':
        out.push(textContent(el));
        break;
      case 'tab':
        out.push('\t');
        break;
      case 'br':
      case 'cr':
        out.push('\n');
        break;
      case 'noBreakHyphen':
        out.push('-');
        break;
      default:
        if (THROUGH.has(el.local)) inlineText(el, out);
    }
  }
}

/** Cleans paragraph text: non-breaking and other odd spaces made plain, ends trimmed. */
function clean(text: string): string {
  return text
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b\ufeff]/g, '')
    .trim();
}

function paragraphText(p: XElement): string {
  const out: string[] = [];
  inlineText(p, out);
  return clean(out.join(''));
}

/**
 * Paragraphs of a cell (nested tables flattened), empty paragraphs dropped. `ends.runsOn`: the last one
 * kept ended in a space before it was trimmed.
 */
function cellParagraphs(node: XElement, out: string[], ends: { runsOn: boolean } = { runsOn: false }): void {
  for (const el of childElements(node)) {
    if (isW(el, 'p')) {
      const raw: string[] = [];
      inlineText(el, raw);
      const whole = raw.join('').replace(/[\u200b\ufeff]/g, '');
      for (const line of clean(whole).split('\n')) {
        const t = line.trim();
        if (t !== '') {
          out.push(t);
          ends.runsOn = /[ \u00a0]$/.test(whole);
        }
      }
    } else if (
      isW(el, 'tbl') ||
      isW(el, 'tr') ||
      isW(el, 'tc') ||
      isW(el, 'sdt') ||
      isW(el, 'sdtContent') ||
      isW(el, 'customXml') ||
      isW(el, 'ins')
    )
      cellParagraphs(el, out, ends);
  }
}

function shadingFill(shd: XElement | null | undefined): string | null {
  if (!shd) return null;
  const val = wAttr(shd, 'val');
  if (val === 'solid') return normaliseHex(wAttr(shd, 'color'));
  return normaliseHex(wAttr(shd, 'fill'));
}

/** Fill of a cell: its own shading, else the first paragraph or run shading / highlight inside it. */
function cellFill(tc: XElement): string | null {
  const own = shadingFill(wChild(wChild(tc, 'tcPr'), 'shd'));
  if (own) return own;
  for (const shd of wDescendants(tc, 'shd')) {
    const f = shadingFill(shd);
    if (f) return f;
  }
  for (const hl of wDescendants(tc, 'highlight')) {
    const f = highlightHex(wAttr(hl, 'val') ?? '');
    if (f) return f;
  }
  return null;
}

/** Row-level children that are cells, looking through content controls and custom XML. */
function rowCells(tr: XElement, out: XElement[]): void {
  for (const el of childElements(tr)) {
    if (isW(el, 'tc')) out.push(el);
    else if (isW(el, 'sdt') || isW(el, 'sdtContent') || isW(el, 'customXml')) rowCells(el, out);
  }
}

function tableRows(tbl: XElement, out: XElement[]): void {
  for (const el of childElements(tbl)) {
    if (isW(el, 'tr')) out.push(el);
    else if (isW(el, 'sdt') || isW(el, 'sdtContent') || isW(el, 'customXml')) tableRows(el, out);
  }
}

const onOff = (el: XElement | null): boolean => {
  if (!el) return false;
  const v = wAttr(el, 'val');
  return v === null || !['0', 'false', 'off'].includes(v);
};

/** A table as a grid: gridSpan expanded, vMerge continuations carrying the text above, deleted rows dropped. */
export function readTable(tbl: XElement): GridRow[] {
  const trs: XElement[] = [];
  tableRows(tbl, trs);
  const rows: GridRow[] = [];
  for (const tr of trs) {
    if (rows.length >= LIMITS.maxRows)
      throw importFailed(`A table has more than ${LIMITS.maxRows} rows, more than the importer reads.`);
    const trPr = wChild(tr, 'trPr');
    if (trPr && wChild(trPr, 'del')) continue;
    const cells: GridCell[] = [];
    const before = Number(wAttr(trPr ? wChild(trPr, 'gridBefore') : null, 'val') ?? 0);
    for (let i = 0; i < before && i < LIMITS.maxColumns; i++) cells.push(emptyCell());
    const tcs: XElement[] = [];
    rowCells(tr, tcs);
    const above = rows[rows.length - 1];
    for (const tc of tcs) {
      const tcPr = wChild(tc, 'tcPr');
      const span = Math.max(
        1,
        Math.min(LIMITS.maxColumns, Number(wAttr(tcPr ? wChild(tcPr, 'gridSpan') : null, 'val') ?? 1) || 1),
      );
      const vMerge = tcPr ? wChild(tcPr, 'vMerge') : null;
      const continues = vMerge !== null && wAttr(vMerge, 'val') !== 'restart';
      const col = cells.length;
      const paragraphs: string[] = [];
      const ends = { runsOn: false };
      cellParagraphs(tc, paragraphs, ends);
      let text = paragraphs.join('\n');
      let fill = cellFill(tc);
      const upper = above?.cells[col];
      if (continues && upper) {
        text = upper.text;
        fill = fill ?? upper.fill;
      }
      const merged = continues && upper !== undefined;
      cells.push({ text, fill, merged, spanned: false, span, ...(ends.runsOn && !merged ? { runsOn: true } : {}) });
      for (let s = 1; s < span; s++) cells.push({ ...emptyCell(), spanned: true });
      if (cells.length > LIMITS.maxColumns)
        throw importFailed(`A table has more than ${LIMITS.maxColumns} columns, more than the importer reads.`);
    }
    rows.push({ cells, header: trPr ? onOff(wChild(trPr, 'tblHeader')) : false });
  }
  return rows;
}

function paragraphBlock(p: XElement): Block {
  const pPr = wChild(p, 'pPr');
  const style = wAttr(pPr ? wChild(pPr, 'pStyle') : null, 'val') ?? '';
  const heading =
    /^(heading|title|subtitle|berschrift|titre)/i.test(style) || (pPr !== null && wChild(pPr, 'outlineLvl') !== null);
  const numbered = (pPr !== null && wChild(pPr, 'numPr') !== null) || /list/i.test(style);
  return { type: 'paragraph', text: paragraphText(p), style, heading, numbered };
}

interface Walk {
  tables: number;
  total: number;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

function walkBody(node: XElement, blocks: Block[], walk: Walk): void {
  for (const el of childElements(node)) {
    if (isW(el, 'p')) blocks.push(paragraphBlock(el));
    else if (isW(el, 'tbl')) {
      blocks.push({ type: 'table', index: ++walk.tables, rows: readTable(el) });
      walk.onProgress?.(walk.tables, walk.total);
    } else if (isW(el, 'sdt') || isW(el, 'sdtContent') || isW(el, 'customXml') || isW(el, 'ins'))
      walkBody(el, blocks, walk);
  }
}

/** The main document part's name from [Content_Types].xml (default word/document.xml). */
function mainPart(contentTypes: Uint8Array | undefined): string {
  if (!contentTypes) return 'word/document.xml';
  const root = parseXml(decodeXml(contentTypes), '[Content_Types].xml');
  for (const o of childElements(root))
    if (o.local === 'Override' && attr(o, 'ContentType') === MAIN_TYPE)
      return (attr(o, 'PartName') ?? '/word/document.xml').replace(/^\//, '');
  return 'word/document.xml';
}

/** Inside these property elements only the named children are read (the rest is formatting). */
const KEEP_IN: Record<string, ReadonlySet<string>> = {
  rPr: new Set(['shd', 'highlight']),
  pPr: new Set(['pStyle', 'numPr', 'outlineLvl', 'shd', 'rPr']),
  tcPr: new Set(['gridSpan', 'vMerge', 'shd']),
  trPr: new Set(['tblHeader', 'gridBefore', 'del', 'ins']),
};
/** Elements never read, dropped with their subtree while parsing (drawings, layout, field codes, marks). */
const SKIP = new Set([
  'tblPr',
  'tblGrid',
  'sectPr',
  'drawing',
  'pict',
  'object',
  'AlternateContent',
  'bookmarkStart',
  'bookmarkEnd',
  'proofErr',
  'lastRenderedPageBreak',
  'instrText',
  'delText',
  'permStart',
  'permEnd',
  'commentRangeStart',
  'commentRangeEnd',
  'commentReference',
  'footnoteReference',
  'endnoteReference',
]);
const skipUnread = (local: string, _ns: string, parent: XElement): boolean => {
  const keep = parent.ns === W_NS ? KEEP_IN[parent.local] : undefined;
  return keep ? !keep.has(local) : SKIP.has(local);
};
/** Text is only ever read from w:t. */
const TEXT_IN = new Set(['t']);

/**
 * Reads a .docx package (already known to be a zip). The main part is streamed: inflated piece by piece
 * (zip.ts `streamZipEntry`), decoded and parsed as it comes, and each body-level paragraph or table turned
 * into its block as soon as it closes and then dropped, so memory follows the content the importer keeps,
 * not the size of the XML (a 3 MB .docx holds about 40 MB of it). `onProgress` is told of each table read
 * (the total estimated from the part's declared size until the end).
 */
export function readDocx(
  data: Uint8Array,
  fileName: string,
  onProgress?: (done: number, total: number) => void,
): SourceDoc {
  const entries = listZip(data, 'Word document');
  const small = readZipEntries(
    data,
    (n) => n === '[Content_Types].xml' || n === 'docProps/custom.xml',
    'Word document',
  );
  const ct = small.get('[Content_Types].xml');
  const part = mainPart(ct);
  const entry = entries.find((e) => e.name === part);
  if (!entry) throw importFailed(`${fileName} is a zip file but not a Word document (it has no ${part}).`);
  const blocks: Block[] = [];
  let inflated = 0;
  const walk: Walk = {
    tables: 0,
    total: 0,
    onProgress: onProgress
      ? (done) =>
          onProgress(done, Math.max(done, Math.round((done * Math.max(entry.originalSize, inflated)) / inflated)))
      : undefined,
  };
  let bodySeen = false;
  const stream = createXmlStream(part, {
    skip: skipUnread,
    keepText: TEXT_IN,
    handOff: {
      accepts: (parent) => isW(parent, 'body'),
      onElement: (el) => {
        bodySeen = true;
        walkBody({ ns: W_NS, local: 'body', attrs: {}, children: [el] }, blocks, walk);
      },
    },
  });
  let decoder: TextDecoder | null = null;
  const found = streamZipEntry(data, part, 'Word document', (chunk, final) => {
    if (!decoder) {
      const bom = chunk.length >= 2 ? (chunk[0]! << 8) | chunk[1]! : 0;
      decoder = new TextDecoder(bom === 0xfffe ? 'utf-16le' : bom === 0xfeff ? 'utf-16be' : 'utf-8');
    }
    inflated += chunk.length;
    stream.write(decoder.decode(chunk, { stream: !final }));
  });
  if (!found) throw importFailed(`The file is damaged: ${part} could not be unpacked.`);
  if (!decoder) throw importFailed(`The file is damaged: ${part} has no content.`);
  const root = stream.close();
  if (!bodySeen && !wChild(root, 'body'))
    throw importFailed(`${fileName} has no document body, so there is nothing to import.`);
  walk.onProgress?.(walk.tables, walk.tables);
  const planTitle = planTitleOf(small.get('docProps/custom.xml'));
  return {
    kind: 'docx',
    fileName,
    blocks,
    sheets: [],
    sheet: null,
    locate: 'table',
    ...(planTitle ? { planTitle } : {}),
  };
}

/** The plan's own title from docProps/custom.xml (PLAN_TITLE_PROPERTY), or null. A damaged part is ignored. */
function planTitleOf(custom: Uint8Array | undefined): string | null {
  if (!custom || custom.length > 64 * 1024) return null;
  try {
    const root = parseXml(decodeXml(custom), 'docProps/custom.xml');
    const property = childElements(root).find((el) => attr(el, 'name') === PLAN_TITLE_PROPERTY);
    const title = property ? textContent(property).replace(/\s+/g, ' ').trim() : '';
    return title.length > 0 && title.length <= 500 ? title : null;
  } catch {
    return null;
  }
}
