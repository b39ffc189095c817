// @vitest-environment jsdom
/** Issue 10: the window says, in plain English, when the plan store is inside a synced folder (app:info storeWarning). */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { StoreLocationWarning } from '../../renderer/src/components/StoreLocation';
import { syncedFolderWarning } from '../../shared/synced-folder';
import { installFakeApi } from './settings-fixtures';

afterEach(cleanup);

const info = (storeWarning: string | null | undefined) => ({
  version: '1.0.0',
  dbPath: 'C:\\Users\\fd\\OneDrive - Northmoor Council\\Planwright\\planwright.sqlite',
  schemaVersion: 4,
  userName: 'F Dunmore',
  ...(storeWarning === undefined ? {} : { storeWarning }),
});

describe('the synced-folder warning', () => {
  it('shows the main process’s words as an alert, and hides for now on request', async () => {
    const words = syncedFolderWarning('C:\\Users\\fd\\OneDrive - Northmoor Council\\Planwright\\planwright.sqlite')!;
    installFakeApi({ 'app:info': () => info(words) });
    render(<StoreLocationWarning />);
    const alert = await screen.findByRole('alert', { name: 'Your plans are kept in a synced folder' });
    expect(alert).toHaveTextContent('looks like it is inside a OneDrive folder');
    expect(alert).toHaveTextContent('Keep the plan store on this computer');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Hide for now' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows nothing for a store in the usual place (or an older main process without the field)', async () => {
    for (const warning of [null, undefined]) {
      installFakeApi({ 'app:info': () => info(warning) });
      const { container, unmount } = render(<StoreLocationWarning />);
      await new Promise((r) => setTimeout(r, 20));
      expect(container).toBeEmptyDOMElement();
      unmount();
    }
  });

  it('points to File › Move plan store…, labelled for screen readers, and reads app:info again once the store has moved', async () => {
    const words = syncedFolderWarning('C:\\Users\\fd\\OneDrive - Northmoor Council\\Planwright\\planwright.sqlite')!;
    let current: string | null = words;
    installFakeApi({ 'app:info': () => info(current) });
    // The fake window.planwright with an event channel the test can drive.
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    const api = (window as unknown as { planwright: { on: unknown } }).planwright;
    api.on = (event: string, fn: (payload: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(fn);
      return () => listeners.get(event)!.delete(fn);
    };
    render(<StoreLocationWarning />);
    const alert = await screen.findByRole('alert', { name: 'Your plans are kept in a synced folder' });
    expect(alert).toHaveAccessibleDescription(/looks like it is inside a OneDrive folder.*File › Move plan store…/s);
    expect(alert).toHaveTextContent('To move it, choose File › Move plan store… in the menu bar');
    // Another menu command changes nothing; the move's command reads app:info again and the banner goes.
    current = null;
    for (const fn of listeners.get('menu:command') ?? []) fn({ command: 'search' });
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByRole('alert')).toBeInTheDocument();
    for (const fn of listeners.get('menu:command') ?? []) fn({ command: 'storeMoved' });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
