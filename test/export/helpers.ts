/**
 * Test helpers for the exporter: open a .docx package (fflate + @xmldom/xmldom), walk its tables, and
 * make plan trees through the real store (openMemoryStore + createPlanFromDraft + getPlanTree).
 */
import { DOMParser, type Document as XmlDocument, type Element } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import { createPlanFromDraft, getPlanTree, openMemoryStore, type Store } from '../../db';
import type { PlanDraft } from '../../shared/draft';
import type { PlanTree } from '../../shared/model';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export interface Package {
  files: Record<string, string>;
  xml: string;
  doc: XmlDocument;
}

export function openDocx(buffer: Uint8Array): Package {
  const entries = unzipSync(buffer);
  const files: Record<string, string> = {};
  for (const [name, data] of Object.entries(entries)) if (/\.(xml|rels)$/.test(name)) files[name] = strFromU8(data);
  const xml = files['word/document.xml'];
  if (!xml) throw new Error('no word/document.xml');
  // U+FFFD is legitimate text (the store turns lone surrogates into it); only errors matter here.
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    },
  }).parseFromString(xml, 'text/xml');
  return { files, xml, doc };
}

export const all = (node: XmlDocument | Element, local: string): Element[] =>
  Array.from(node.getElementsByTagNameNS(W, local)) as Element[];
export const first = (node: XmlDocument | Element, local: string): Element | undefined => all(node, local)[0];
export const attr = (el: Element | undefined, name: string): string | null =>
  el?.getAttributeNS(W, name) ?? el?.getAttribute(`w:${name}`) ?? null;
/** Direct children with a given local name. */
export const kids = (el: Element, local: string): Element[] =>
  Array.from(el.childNodes).filter((n): n is Element => (n as Element).localName === local) as Element[];
export const textOf = (el: Element | XmlDocument): string =>
  all(el, 't')
    .map((t) => t.textContent ?? '')
    .join('');
/** Text of a cell, paragraphs joined by "\n". */
export const cellText = (tc: Element): string =>
  all(tc, 'p')
    .map((p) => textOf(p))
    .join('\n');

export function tables(doc: XmlDocument): Element[] {
  return all(doc, 'tbl');
}
export function rowsOf(tbl: Element): Element[] {
  return kids(tbl, 'tr');
}
export function cellsOf(tr: Element): Element[] {
  return kids(tr, 'tc');
}

let store: Store | null = null;
/** A tree created through the real store (one in-memory store per test file). */
export function treeFor(draft: PlanDraft): PlanTree {
  store ??= openMemoryStore();
  const plan = createPlanFromDraft(store, draft, 'Test');
  return getPlanTree(store, plan.id);
}
export function testStore(): Store {
  store ??= openMemoryStore();
  return store;
}
