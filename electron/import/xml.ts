/**
 * Parsing OOXML parts into a small element tree with saxes (namespace-aware): attributes, document order
 * and whitespace are kept and no value is coerced. Any DOCTYPE or ENTITY declaration is refused outright
 * (external entities and entity expansion attacks), before the parser sees the text, and so is nesting
 * deeper than LIMITS.maxXmlDepth (saxes slows down with depth: 10,000 nested elements took 8 s).
 *
 * Why saxes and not @xmldom/xmldom: xmldom 0.9 took 5-9 s to parse the 8.9 MB document.xml of the large
 * benchmark plan's export on this machine; saxes builds the same tree in about 0.5 s.
 */
import { SaxesParser } from 'saxes';
import { DomainError } from '../../shared/result';
import { importFailed } from './errors';
import { LIMITS } from './limits';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** An element: namespace URI, local name, attributes keyed "uri|local", children in document order. */
export interface XElement {
  ns: string;
  local: string;
  attrs: Record<string, string>;
  children: XNode[];
}
/** A child: an element or a text run (whitespace kept). */
export type XNode = XElement | string;

/** Decodes UTF-8 (or UTF-16 with a BOM) XML bytes to text. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** True when the XML text declares a DOCTYPE or an ENTITY. */
export function hasDeclarations(xml: string): boolean {
  return /<!\s*(DOCTYPE|ENTITY)/i.test(xml);
}

const tooDeepMessage = (part: string): string =>
  `The file nests its content more than ${LIMITS.maxXmlDepth} levels deep in ${part}, which Office never writes and which can be used to stall the reader, so it was not read.`;

/**
 * Refuses XML nested deeper than the limit, with a linear scan of the tags (for parts another library
 * parses, such as an Excel sheet read by exceljs).
 */
export function checkDepth(xml: string, part: string): void {
  let depth = 0;
  for (const m of xml.matchAll(/<(\/?)[^\s>/!?][^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else if (!m[2] && ++depth > LIMITS.maxXmlDepth) throw importFailed(tooDeepMessage(part));
  }
}

/**
 * What a reader needs from a part, so the tree stays small (a 3 MB .docx holds about 40 MB of XML, most of
 * it run formatting and layout the importer never reads): `skip` drops an element with its whole subtree;
 * `keepText` keeps text only inside the named elements (else every text node is kept).
 */
export interface ParseOptions {
  skip?: (local: string, ns: string, parent: XElement) => boolean;
  keepText?: ReadonlySet<string>;
}

/** Parses one part into its root element; `part` names it in messages ("word/document.xml"). */
export function parseXml(xml: string, part: string, options: ParseOptions = {}): XElement {
  if (hasDeclarations(xml)) throw importFailed(declarationMessage(part));
  const stream = createXmlStream(part, options);
  stream.write(xml);
  return stream.close();
}

const declarationMessage = (part: string): string =>
  `The file contains a DTD or entity declaration in ${part}, which Office never writes and which can be used to attack the reader, so it was not read.`;

export interface StreamOptions extends ParseOptions {
  /**
   * Called with each element closed as a child of an element `handOff` accepts; the element is then
   * dropped from the tree, so only the part being read is ever held (a large document's body, one
   * table or paragraph at a time).
   */
  handOff?: { accepts: (parent: XElement) => boolean; onElement: (el: XElement, parent: XElement) => void };
}

export interface XmlStream {
  /** Feeds the next piece of the text (any split, even inside a tag). */
  write(text: string): void;
  /** Ends the text; answers the root element (without the elements handed off). */
  close(): XElement;
}

/**
 * The same parse, fed piece by piece (the Word body streamed from the zip: see docx.ts). A DOCTYPE
 * (where any ENTITY must be declared) is refused as soon as the parser meets it, before any element.
 */
export function createXmlStream(part: string, options: StreamOptions = {}): XmlStream {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const root: XElement = { ns: '', local: '#document', attrs: {}, children: [] };
  const stack: XElement[] = [root];
  let tooDeep = false;
  let declared = false;
  /** Depth inside a skipped subtree (0 = not skipping). */
  let skipping = 0;
  const { skip, keepText, handOff } = options;
  parser.on('doctype', () => {
    declared = true;
    throw new RangeError('doctype');
  });
  parser.on('opentag', (tag) => {
    if (stack.length + skipping > LIMITS.maxXmlDepth) {
      tooDeep = true;
      throw new RangeError('depth');
    }
    if (skipping > 0 || (skip && skip(tag.local, tag.uri, stack[stack.length - 1]!))) {
      if (!tag.isSelfClosing) skipping++;
      return;
    }
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attrs[`${a.uri}|${a.local}`] = a.value;
    const el: XElement = { ns: tag.uri, local: tag.local, attrs, children: [] };
    const parent = stack[stack.length - 1]!;
    if (tag.isSelfClosing) {
      if (handOff?.accepts(parent)) handOff.onElement(el, parent);
      else parent.children.push(el);
    } else {
      parent.children.push(el);
      stack.push(el);
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    if (skipping > 0) {
      skipping--;
      return;
    }
    const el = stack.pop()!;
    const parent = stack[stack.length - 1];
    if (handOff && parent && handOff.accepts(parent)) {
      parent.children.pop();
      handOff.onElement(el, parent);
    }
  });
  const onText = (text: string): void => {
    if (skipping > 0) return;
    const top = stack[stack.length - 1]!;
    if (keepText && !keepText.has(top.local)) return;
    top.children.push(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  const fail = (error: unknown): never => {
    if (declared) throw importFailed(declarationMessage(part));
    if (tooDeep) throw importFailed(tooDeepMessage(part));
    if (error instanceof DomainError) throw error;
    const line = error instanceof Error ? /^(\d+):/.exec(error.message)?.[1] : undefined;
    throw importFailed(
      `The file is damaged: ${part} is not well-formed XML${line ? ` (near line ${line})` : ''}, so it was not read.`,
    );
  };
  return {
    write(text) {
      try {
        parser.write(text);
      } catch (error) {
        fail(error);
      }
    },
    close() {
      try {
        parser.close();
      } catch (error) {
        fail(error);
      }
      const top = root.children.find((c): c is XElement => typeof c !== 'string');
      if (!top) throw importFailed(`The file is damaged: ${part} has no content.`);
      return top;
    },
  };
}

/** Element children (document order). */
export function childElements(el: XElement): XElement[] {
  return el.children.filter((c): c is XElement => typeof c !== 'string');
}

/** True when the node is w:<local>. */
export function isW(node: XNode, local: string): node is XElement {
  return typeof node !== 'string' && node.local === local && node.ns === W_NS;
}

/** The first child element w:<local>. */
export function wChild(el: XElement | null, local: string): XElement | null {
  if (!el) return null;
  for (const c of el.children) if (isW(c, local)) return c;
  return null;
}

/** A w: attribute value (or null when absent). */
export function wAttr(el: XElement | null, local: string): string | null {
  return el?.attrs[`${W_NS}|${local}`] ?? null;
}

/** An attribute without a namespace (or null). */
export function attr(el: XElement, local: string): string | null {
  return el.attrs[`|${local}`] ?? null;
}

/** All descendants w:<local>, document order. */
export function wDescendants(el: XElement, local: string, out: XElement[] = []): XElement[] {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.local === local && c.ns === W_NS) out.push(c);
    wDescendants(c, local, out);
  }
  return out;
}

/** Concatenated text of an element's subtree. */
export function textContent(el: XElement): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textContent(c);
  return s;
}
