/**
 * The hot path of a large export: the body rows of the tables written as XML text, from templates that the
 * `docx` library renders once per kind of cell and row, instead of one docx object per row, cell, paragraph
 * and run serialised one by one (most of a large plan's export time went there).
 *
 * A template is a cell built by the same code as always (`bodyCell` in docx-parts.ts) with stand-ins for its
 * texts, rendered to XML once; every cell of that shape (same width, merge, bold, alignment, paragraphs and
 * spans) is that XML with its own texts put in, cleaned and escaped as the Word writer does. A row is the XML
 * of a row of the same options around its cells. So the XML is the docx library's, byte for byte
 * (test/export/row-xml.test.ts compares whole documents written both ways), and a change of style in
 * docx-parts.ts reaches both.
 *
 * Use: give `fixedTable` a `RowXml` (`opts.rowXml`); it answers one stand-in row per table instead of the body
 * rows; after packing, `RowXml.splice(documentXml)` puts the rows' XML in place of each stand-in row.
 */
import { randomUUID } from 'node:crypto';
import { Paragraph, TableCell, TableRow, TextRun, type XmlComponent } from 'docx';
import type { Cell } from './appendix-model';
import { cleanText } from './text';

/** A row's options as `new TableRow` takes them (apart from its cells). */
export interface RowOptions {
  keepNext?: boolean;
  cantSplit?: boolean;
}

/** One body row: its options and its cells, each with the width and boldness its builder is given. */
export interface BodyRow {
  options: RowOptions;
  cells: Cell[];
  widths: readonly number[];
  bold: boolean;
}

/** Builds a cell the usual way (docx-parts.ts `bodyCell`). */
export type CellBuilder = (cell: Cell, width: number, bold: boolean) => TableCell;

// Stand-ins: private-use characters, which neither the text cleaner nor the XML escaping touches.
const HOLE = /\uE000(\d+)\uE001/g;
const hole = (k: number): string => `\uE000${k}\uE001`;

/** Literal XML parts with a hole between each pair: `parts[0] text[holes[0]] parts[1] ...`. */
interface Template {
  parts: string[];
  holes: number[];
}

// ---- docx's own writing of one component, without packing a document ----------------------------------

type Xmlable = Record<string, unknown>;
const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
// eslint-disable-next-line no-control-regex -- the characters docx drops are control characters
const ESCAPED = /[&"'<>\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
/** Text and attribute values as docx escapes them (entities; XML-illegal control characters dropped). */
export const escapeXml = (value: string): string => value.replace(ESCAPED, (c) => ESCAPES[c] ?? '');
const escapeValue = (value: unknown): unknown => (typeof value === 'string' ? escapeXml(value) : value);

/**
 * The XML docx writes for a prepared object (`component.prepForXml`), unindented: the same rules as docx's
 * own writer (src/util/xml/stringify.ts, which the package does not export), which it kept from the `xml`
 * package, quirks and all. Whole documents written through it are compared with docx's output in tests.
 */
function stringify(data: Xmlable): string {
  const name = Object.keys(data)[0]!;
  const values = data[name];
  let attributes = '';
  const addAttributes = (attr: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(attr)) attributes += ` ${key}="${String(escapeValue(value))}"`;
  };
  const content: string[] = [];
  if (typeof values === 'object') {
    if (values !== null) {
      const { _attr: attr, _cdata: cdata } = values as { _attr?: Record<string, unknown>; _cdata?: string };
      if (attr) addAttributes(attr);
      if (cdata) content.push(`<![CDATA[${cdata.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`);
      if (Array.isArray(values)) {
        let isStringContent = false;
        content.push('');
        for (const value of values as unknown[])
          if (typeof value === 'object' && value !== null) {
            const v = value as Xmlable;
            if (Object.keys(v)[0] === '_attr') addAttributes(v._attr as Record<string, unknown>);
            else content.push(stringify(v));
          } else {
            content.pop();
            isStringContent = true;
            content.push(String(escapeValue(value)));
          }
        if (!isStringContent) content.push('');
      }
    }
  } else content.push(String(escapeValue(values)));
  if (content.length === 0) return `<${name}${attributes}/>`;
  return `<${name}${attributes}>${content.join('')}</${name}>`;
}

/** The XML of one docx component, as it appears inside a document's body. */
export function xmlOf(component: XmlComponent): string {
  const prepared = component.prepForXml({ stack: [] } as unknown as Parameters<XmlComponent['prepForXml']>[0]);
  if (!prepared) return '';
  return stringify(prepared as Xmlable);
}

// ---- templates ------------------------------------------------------------------------------------------

function templateOf(xml: string): Template {
  const parts: string[] = [];
  const holes: number[] = [];
  let last = 0;
  for (const m of xml.matchAll(HOLE)) {
    parts.push(xml.slice(last, m.index));
    holes.push(Number(m[1]));
    last = m.index + m[0].length;
  }
  parts.push(xml.slice(last));
  return { parts, holes };
}

function fill(t: Template, texts: readonly string[]): string {
  let out = t.parts[0]!;
  for (let i = 0; i < t.holes.length; i++) out += escapeXml(cleanText(texts[t.holes[i]!]!)) + t.parts[i + 1]!;
  return out;
}

/**
 * A cell's shape (everything its XML depends on except the words), the words in order, and the cell with
 * stand-ins for its words. Empty words stay empty in the shape (a run of no text may be written differently).
 */
function shapeOf(cell: Cell, width: number, bold: boolean): { key: string; texts: string[]; stand: () => Cell } {
  if (cell.kind === 'rating')
    return {
      key: `${width}|${bold ? 1 : 0}|${JSON.stringify({ ...cell, level: cell.level?.id ?? null })}`,
      texts: [],
      stand: () => cell,
    };
  const texts: string[] = [];
  let key = `${width}|${bold ? 1 : 0}|${cell.merge ?? ''}|${cell.bold ? 1 : 0}|${cell.center ? 1 : 0}`;
  for (const key2 of Object.keys(cell))
    if (key2 !== 'kind' && key2 !== 'paras' && key2 !== 'merge' && key2 !== 'bold' && key2 !== 'center')
      key += `|${key2}=${JSON.stringify((cell as Record<string, unknown>)[key2])}`;
  for (const p of cell.paras) {
    key += '/';
    for (const s of p) {
      key += `${s.bold ? 'b' : ''}${s.italic ? 'i' : ''}${s.text === '' ? 'e' : 't'}`;
      for (const k of Object.keys(s))
        if (k !== 'text' && k !== 'bold' && k !== 'italic') key += `${k}=${JSON.stringify((s as never)[k])}`;
      key += ',';
      if (s.text !== '') texts.push(s.text);
    }
  }
  return {
    key,
    texts,
    stand: () => {
      let k = 0;
      return { ...cell, paras: cell.paras.map((p) => p.map((s) => (s.text === '' ? s : { ...s, text: hole(k++) }))) };
    },
  };
}

/** Collects the body rows of the tables of one document as XML, and puts them in place after packing. */
export class RowXml {
  private readonly cells = new Map<string, Template>();
  private readonly rowFrames = new Map<string, [string, string] | null>();
  private readonly tables = new Map<string, string>();
  private readonly nonce = randomUUID();

  /** The XML of one cell, from its shape's template (made on first use with `build`). */
  cell(cell: Cell, width: number, bold: boolean, build: CellBuilder): string {
    const shape = shapeOf(cell, width, bold);
    let t = this.cells.get(shape.key);
    if (!t) this.cells.set(shape.key, (t = templateOf(xmlOf(build(shape.stand(), width, bold)))));
    return fill(t, shape.texts);
  }

  /**
   * The XML before and after the cells of a row with `options`, or null when docx writes the options into
   * the cells themselves (keepNext goes into every paragraph), so such a row is written whole.
   */
  private frame(options: RowOptions): [string, string] | null {
    const key = JSON.stringify(options);
    if (this.rowFrames.has(key)) return this.rowFrames.get(key)!;
    let frame: [string, string] | null = null;
    if (options.keepNext === undefined) {
      const marker = new TableCell({ children: [new Paragraph({ children: [new TextRun(hole(0))] })] });
      const markerXml = xmlOf(marker);
      const rowXml = xmlOf(new TableRow({ ...options, children: [marker] }));
      const at = rowXml.indexOf(markerXml);
      if (at >= 0 && rowXml.indexOf(markerXml, at + 1) < 0)
        frame = [rowXml.slice(0, at), rowXml.slice(at + markerXml.length)];
    }
    this.rowFrames.set(key, frame);
    return frame;
  }

  /** The XML of one body row. */
  row(row: BodyRow, build: CellBuilder): string {
    const frame = this.frame(row.options);
    if (!frame)
      return xmlOf(
        new TableRow({ ...row.options, children: row.cells.map((c, i) => build(c, row.widths[i]!, row.bold)) }),
      );
    let out = frame[0];
    for (let i = 0; i < row.cells.length; i++) out += this.cell(row.cells[i]!, row.widths[i]!, row.bold, build);
    return out + frame[1];
  }

  /** Writes `rows` now and answers the stand-in row to put in the table in their place. */
  table(rows: readonly BodyRow[], build: CellBuilder): TableRow {
    const id = `${this.nonce}-${this.tables.size}`;
    let xml = '';
    for (const row of rows) xml += this.row(row, build);
    this.tables.set(id, xml);
    return new TableRow({
      children: [new TableCell({ children: [new Paragraph({ children: [new TextRun(`\uE002${id}\uE002`)] })] })],
    });
  }

  /** Puts each table's rows in place of its stand-in row in the packed document's XML (one pass). */
  splice(documentXml: string): string {
    if (this.tables.size === 0) return documentXml;
    const out: string[] = [];
    let from = 0;
    let done = 0;
    for (const m of documentXml.matchAll(new RegExp(`\uE002(${this.nonce}-\\d+)\uE002`, 'g'))) {
      const xml = this.tables.get(m[1]!);
      if (xml === undefined) continue;
      const start = documentXml.lastIndexOf('<w:tr>', m.index);
      out.push(documentXml.slice(from, start), xml);
      from = documentXml.indexOf('</w:tr>', m.index) + '</w:tr>'.length;
      done++;
    }
    if (done !== this.tables.size) throw new Error('A table went missing while the document was written.');
    out.push(documentXml.slice(from));
    return out.join('');
  }
}
