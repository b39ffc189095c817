/**
 * A large, real-looking Word plan for the memory figures and test (issue 8: 2-3.5 MB .docx files took
 * 1-3.9 GB): the Word fixture's body repeated, each copy's text numbered so that deflate cannot fold the
 * copies together, until the package reaches `targetBytes`. Made by the code itself from the fixture.
 */
import fs from 'node:fs';
import path from 'node:path';
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
