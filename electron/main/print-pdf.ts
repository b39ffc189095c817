/**
 * PDF without LibreOffice (issue 12.12): the app prints an HTML rendering of the same model (html.ts) with
 * Electron's `webContents.printToPDF`, in a hidden window that runs no script and loads nothing else. The
 * Electron classes are passed in, so this runs (with a stub window) under Node in tests; the main process's
 * host (electron/main/host-electron.ts) passes the real BrowserWindow.
 */
import { writeFileAtomic } from '../write';

/** What this module needs of Electron's BrowserWindow. */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  webContents: {
    printToPDF(options: {
      landscape: boolean;
      pageSize: 'A4';
      printBackground: boolean;
      preferCSSPageSize: boolean;
      generateDocumentOutline?: boolean;
      generateTaggedPDF?: boolean;
    }): Promise<Uint8Array>;
  };
  destroy(): void;
}
export type PrintWindowFactory = (options: {
  show: false;
  webPreferences: { javascript: false; sandbox: true; contextIsolation: true; nodeIntegration: false };
}) => PrintWindow;

export interface PrintRequest {
  /** A complete HTML document (html.ts: `appendixHtml(..., { print: true })`, `coveringReportHtml`). */
  html: string;
  /** Where to write the PDF (atomically). */
  path: string;
  landscape: boolean;
}

/** Prints `html` to a PDF at `path` in a hidden window; returns the bytes written. The window is always closed. */
export async function printHtmlToPdf(createWindow: PrintWindowFactory, request: PrintRequest): Promise<number> {
  const win = createWindow({
    show: false,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(request.html)}`);
    const pdf = await win.webContents.printToPDF({
      landscape: request.landscape,
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      generateDocumentOutline: true,
      generateTaggedPDF: true,
    });
    if (!pdf || pdf.length < 5 || Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-')
      throw new Error('Printing to PDF gave no PDF. Nothing was written.');
    return await writeFileAtomic(request.path, pdf);
  } finally {
    win.destroy();
  }
}
