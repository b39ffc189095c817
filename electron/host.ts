import { DomainError } from '../shared/result';

/**
 * What the main-process handlers need from the desktop host (dialogs, the shell). Electron supplies the
 * real one (electron/main/host-electron.ts); tests and the command line supply their own.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Host {
  /** Ask where to save; null when the user cancels. */
  chooseSavePath(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  /** Ask for a file to open; null when the user cancels. */
  chooseOpenPath(options: { title: string; filters: FileFilter[] }): Promise<string | null>;
  /** Ask for a folder (the shared folder for update packs); null when the user cancels. Optional. */
  chooseFolder?(options: { title: string }): Promise<string | null>;
  /** Show a file in the system file manager. */
  showItemInFolder(path: string): void;
  /** Open a file with its default application. */
  openPath(path: string): Promise<void>;
  /**
   * The system keychain (Electron safeStorage, main process only), for the device's signing key; the
   * store's utility process reaches it over its port (electron/utility/keychain.ts). Optional: without
   * it the key is kept unencrypted, with a note.
   */
  keychainAvailable?(): Promise<boolean>;
  /** Encrypts text with the keychain; answers base64. */
  keychainEncrypt?(text: string): Promise<string>;
  /** Decrypts base64 from `keychainEncrypt`. */
  keychainDecrypt?(base64: string): Promise<string>;
  /**
   * Print an HTML document to a PDF file (Electron's printToPDF in the main process; electron/export/
   * electron/main/print-pdf.ts); returns the bytes written. Absent where there is no window (the command line, tests).
   */
  printToPdf?(request: { html: string; path: string; landscape: boolean }): Promise<number>;
  /**
   * Whether callers may name files themselves ('allow': the command line and tests, which run as the
   * user). Anything else (the app's window) refuses: files come only from this host's own dialogs, and
   * only files the main process wrote itself can be revealed.
   */
  callerPaths?: 'allow' | 'refuse';
}

/** A caller-supplied path, or a refusal when this host only takes paths from its own dialogs. */
export function callerPath(host: Host, given: string | undefined): string | undefined {
  if (given === undefined || host.callerPaths === 'allow') return given;
  throw new DomainError(
    'forbidden',
    'The Planwright window cannot name files itself: choose the file in the dialog instead. Nothing was read or written.',
  );
}

/** A host with no user to ask: dialogs cancel, shell calls do nothing. */
export const headlessHost: Host = {
  chooseSavePath: async () => null,
  chooseOpenPath: async () => null,
  chooseFolder: async () => null,
  showItemInFolder: () => undefined,
  openPath: async () => undefined,
  callerPaths: 'allow',
};
