/**
 * Finishing touches the `docx` library cannot write, applied to the packed .docx in one pass (fflate):
 * - the document language (en-GB) in the file properties;
 * - every table gets an accessible caption and description (`w:tblCaption`, `w:tblDescription`), in order;
 * - the styles gallery: the named table style the tables use ("Planwright Table", borders and cell margins
 *   the clerk can restyle in one place), no library leftovers (blue Heading 4-6 become black Arial, bold;
 *   "Strong" becomes the character style Word itself has).
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { strFromU8, strToU8, unzipSync, Zip, type ZipInputFile } from 'fflate';
import { FONT, TABLE_STYLE } from './docx-parts';
import { cleanText } from './text';

/** What a screen reader announces for a table: a short caption and a sentence describing it. */
export interface TableLabel {
  caption: string;
  description: string;
}

const escAttr = (s: string): string =>
  cleanText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const BORDER = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>`;
const TABLE_STYLE_XML =
  `<w:style w:type="table" w:customStyle="1" w:styleId="${TABLE_STYLE}"><w:name w:val="Planwright Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>` +
  `<w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(BORDER).join('')}</w:tblBorders>` +
  `<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
  `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr></w:style>`;

const plainHeading = (n: number, size: number) =>
  `<w:style w:type="paragraph" w:styleId="Heading${n}"><w:name w:val="heading ${n}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:semiHidden/><w:unhideWhenUsed/><w:qFormat/>` +
  `<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="60"/><w:outlineLvl w:val="${n - 1}"/></w:pPr><w:rPr><w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:cs="${FONT}"/><w:b/><w:bCs/><w:color w:val="000000"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`;
const STRONG = `<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="22"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>`;
const EMPHASIS = `<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="20"/><w:qFormat/><w:rPr><w:i/><w:iCs/></w:rPr></w:style>`;

/**
 * Rewrites the styles part: the table style added, Heading 4-6 (whole points, at least Normal) and Strong
 * replaced, the character style Emphasis added (see the module comment).
 */
export function finishStyles(xml: string, bodyHalfPoints: number): string {
  let out = xml;
  const whole = Math.ceil(bodyHalfPoints / 2) * 2;
  for (const n of [4, 5, 6])
    out = out.replace(
      new RegExp(`<w:style w:type="paragraph" w:styleId="Heading${n}">[\\s\\S]*?</w:style>`),
      plainHeading(n, whole),
    );
  out = out.replace(/<w:style w:type="paragraph" w:styleId="Strong">[\s\S]*?<\/w:style>/, STRONG);
  // The library's Caption is 9 pt and blue-grey: no style is below 10 pt or coloured, so it takes Normal's size.
  out = out.replace(/<w:style [^>]*w:styleId="Caption">(?:(?!<\/w:style>)[\s\S])*<\/w:style>/, (caption) =>
    caption.replace(/<w:sz w:val="\d+"\/>|<w:szCs w:val="\d+"\/>|<w:color w:val="[0-9A-Fa-f]{6}"[^>]*\/>/g, ''),
  );
  if (!out.includes('w:styleId="Strong"')) out = out.replace('</w:styles>', `${STRONG}</w:styles>`);
  if (!out.includes('w:styleId="Emphasis"')) out = out.replace('</w:styles>', `${EMPHASIS}</w:styles>`);
  if (!out.includes(`w:styleId="${TABLE_STYLE}"`)) out = out.replace('</w:styles>', `${TABLE_STYLE_XML}</w:styles>`);
  return out;
}

/** Adds caption and description to each table's properties, in document order (nested tables: none here). */
export function labelTables(xml: string, labels: readonly TableLabel[]): string {
  let i = 0;
  return xml.replace(/<\/w:tblPr>/g, (end) => {
    const label = labels[i++];
    if (!label) return end;
    return `<w:tblCaption w:val="${escAttr(label.caption)}"/><w:tblDescription w:val="${escAttr(label.description)}"/>${end}`;
  });
}

/** Applies the finishing touches to a packed .docx. */
export function finishPackage(
  docx: Uint8Array,
  opts: {
    tables: readonly TableLabel[];
    bodyHalfPoints: number;
    /** A last change to the document's XML (row-xml.ts puts the tables' rows in place). */
    document?: (xml: string) => string;
  },
): Buffer {
  const files = unzipSync(docx);
  const doc = files['word/document.xml'];
  const styles = files['word/styles.xml'];
  if (doc) {
    const labelled = labelTables(strFromU8(doc), opts.tables);
    files['word/document.xml'] = strToU8(opts.document ? opts.document(labelled) : labelled);
  }
  if (styles) files['word/styles.xml'] = strToU8(finishStyles(strFromU8(styles), opts.bodyHalfPoints));
  const core = files['docProps/core.xml'];
  if (core && !strFromU8(core).includes('<dc:language>'))
    files['docProps/core.xml'] = strToU8(
      strFromU8(core).replace('</cp:coreProperties>', '<dc:language>en-GB</dc:language></cp:coreProperties>'),
    );
  return zipParts(files);
}

/**
 * The package's zip (fflate's container) with each part deflated by Node's own zlib: the same format and
 * level as fflate's `zipSync(files, { level: 6 })`, several times faster on a large plan's document part.
 */
export function zipParts(files: Record<string, Uint8Array>): Buffer {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  for (const [filename, data] of Object.entries(files)) {
    const entry: ZipInputFile = { filename, size: data.length, crc: crc32(data), compression: 8 };
    zip.add(entry);
    entry.ondata!(null, deflateRawSync(data, { level: 6 }), true);
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}
