/**
 * PDF for the agenda pack: the .docx converted by LibreOffice (`soffice --headless --convert-to pdf`), with
 * a throw-away profile so it works beside a running LibreOffice. When LibreOffice is not installed the
 * caller gets a plain message saying so (and nothing is written).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../write';

/** The LibreOffice command, or null when none is installed (PLANWRIGHT_SOFFICE overrides the search). */
export function findSoffice(): string | null {
  const override = process.env.PLANWRIGHT_SOFFICE;
  if (override) return fs.existsSync(override) ? override : null;
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const extra =
    process.platform === 'win32'
      ? ['C:\\Program Files\\LibreOffice\\program']
      : process.platform === 'darwin'
        ? ['/Applications/LibreOffice.app/Contents/MacOS']
        : [];
  for (const dir of [...dirs, ...extra])
    for (const name of process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice']) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
  return null;
}

export class PdfUnavailable extends Error {}

/** Converts .docx bytes to a PDF written atomically at `target`; returns its size in bytes. */
export async function writePdf(docx: Uint8Array, target: string): Promise<number> {
  const soffice = findSoffice();
  if (!soffice)
    throw new PdfUnavailable(
      'Writing a PDF needs LibreOffice, which is not installed. Install LibreOffice, or save as .docx and use "Save as PDF" in Word.',
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwright-pdf-'));
  const profile = path.join(dir, `profile-${randomBytes(4).toString('hex')}`);
  try {
    const input = path.join(dir, 'document.docx');
    fs.writeFileSync(input, docx);
    await new Promise<void>((resolve, reject) =>
      execFile(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(profile).href}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          input,
        ],
        { timeout: 600_000 },
        (error) =>
          error
            ? reject(new PdfUnavailable('LibreOffice could not convert the document to PDF. Nothing was written.'))
            : resolve(),
      ),
    );
    const pdf = path.join(dir, 'document.pdf');
    if (!fs.existsSync(pdf)) throw new PdfUnavailable('LibreOffice did not produce a PDF. Nothing was written.');
    return await writeFileAtomic(target, fs.readFileSync(pdf));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
