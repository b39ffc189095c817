/** Types for the parts of the strict fake electron (electron.mjs) that tests call directly. */
export function checkAccelerator(accelerator: string): void;
export const Menu: {
  buildFromTemplate(template: unknown[]): { template: unknown[] };
  setApplicationMenu(menu: unknown): void;
};
export const protocol: {
  registerSchemesAsPrivileged(schemes: unknown[]): void;
  handle(scheme: string, handler: unknown): void;
};
export const state: { ready: boolean };
export class BrowserWindow {
  constructor(options?: unknown);
}
