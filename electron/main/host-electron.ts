/** The Host (dialogs, shell) backed by Electron, for the main process only. */
import { BrowserWindow, dialog, safeStorage, shell } from 'electron';
import { printHtmlToPdf } from './print-pdf';
import type { Host } from '../host';

export function createElectronHost(getWindow: () => BrowserWindow | null): Host {
  return {
    // The window never names files: paths come from these dialogs only.
    callerPaths: 'refuse',
    async chooseSavePath({ title, defaultName, filters }) {
      const win = getWindow();
      const options = {
        title,
        defaultPath: defaultName,
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'] as (
          'createDirectory' | 'showOverwriteConfirmation'
        )[],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseOpenPath({ title, filters }) {
      const win = getWindow();
      const options = { title, filters, properties: ['openFile'] as 'openFile'[] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseFolder({ title }) {
      const win = getWindow();
      const options = {
        title,
        properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    showItemInFolder(filePath) {
      shell.showItemInFolder(filePath);
    },
    // PDF when LibreOffice is not installed: the same content as HTML, printed by a hidden window.
    printToPdf: (request) => printHtmlToPdf((options) => new BrowserWindow(options), request),
    async openPath(filePath) {
      const problem = await shell.openPath(filePath);
      if (problem) throw new Error(`The file could not be opened: ${problem}`);
    },
    // safeStorage for the store's utility process (electron/utility/keychain.ts): the signing key.
    keychainAvailable: async () => safeStorage.isEncryptionAvailable(),
    keychainEncrypt: async (text) => safeStorage.encryptString(text).toString('base64'),
    keychainDecrypt: async (base64) => safeStorage.decryptString(Buffer.from(base64, 'base64')),
  };
}
