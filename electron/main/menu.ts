/**
 * The native menu as a plain template (no Electron import at run time) so it can be unit-tested.
 * File and Edit commands go to the renderer as `menu:command` events; the renderer owns undo/redo,
 * dialogs for import and export, and the new-plan form.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { EventPayload } from '../../shared/events';

export type MenuCommand = EventPayload<'menu:command'>['command'];

export interface MenuDeps {
  platform: NodeJS.Platform;
  /** Send a command to the focused window's renderer. */
  send: (command: MenuCommand) => void;
  /** Show the About box (Help > About on Windows and Linux). */
  showAbout: () => void;
  /** File › Move plan store…: handled in the main process (electron/main/store-move.ts), not the window. */
  moveStore?: () => void;
  /** Development: add reload and developer tools. */
  dev?: boolean;
}

export function buildMenuTemplate(deps: MenuDeps): MenuItemConstructorOptions[] {
  const mac = deps.platform === 'darwin';
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => deps.send(cmd),
  });

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'Planwright',
          submenu: [
            { role: 'about', label: 'About Planwright' },
            { type: 'separator' },
            command('Settings…', 'settings', 'Cmd+,'),
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit', label: 'Quit Planwright' },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('New plan…', 'newPlan', 'CmdOrCtrl+N'),
      command('Import…', 'import', 'CmdOrCtrl+O'),
      { type: 'separator' },
      command('Export appendix…', 'export', 'CmdOrCtrl+E'),
      command('Covering report…', 'coveringReport', 'CmdOrCtrl+Shift+E'),
      ...(deps.moveStore
        ? [
            { type: 'separator' } as const,
            { label: 'Move plan store…', click: () => deps.moveStore?.() } as MenuItemConstructorOptions,
          ]
        : []),
      ...(mac
        ? []
        : [
            { type: 'separator' } as const,
            command('Settings…', 'settings', 'Ctrl+,'),
            { type: 'separator' } as const,
            { role: 'quit', label: 'Quit' } as const,
          ]),
    ] as MenuItemConstructorOptions[],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      command('Undo', 'undo', 'CmdOrCtrl+Z'),
      command('Redo', 'redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      command('Find…', 'search', 'CmdOrCtrl+F'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(deps.dev
        ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ] as MenuItemConstructorOptions[],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      command('Restore a backup…', 'restoreBackup'),
      { type: 'separator' },
      { label: 'About Planwright', click: () => deps.showAbout() },
    ],
  };

  return [...appMenu, file, edit, view, ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []), help];
}
