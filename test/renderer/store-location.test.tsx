// @vitest-environment jsdom
/** Issue 10: the window says, in plain English, when the plan store is inside a synced folder (app:info storeWarning). */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
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
});
