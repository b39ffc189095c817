/**
 * A banner when the plan store lives inside a synced folder (OneDrive, SharePoint, Teams, Dropbox…): the main
 * process checks the store's path when it opens it (shared/synced-folder.ts) and app:info carries the words.
 * It points to File › Move plan store…, which moves the store to a folder that is not synced, and reads
 * app:info again when a move finishes (the `storeMoved` menu command). It can be put away for this session;
 * it comes back the next time Planwright starts.
 */
import { useEffect, useState } from 'react';
import { call, onEvent } from '../api';

export function StoreLocationWarning() {
  const [warning, setWarning] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      call('app:info', {}).then(
        (info) => live && setWarning(info.storeWarning ?? null),
        () => undefined,
      );
    void read();
    const off = onEvent('menu:command', ({ command }) => {
      if (command === 'storeMoved') void read();
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  if (!warning) return null;
  return (
    <div
      className="notice notice-warn store-location"
      role="alert"
      aria-labelledby="store-location-title"
      aria-describedby="store-location-words store-location-action"
    >
      <div className="hstack">
        <strong id="store-location-title">Your plans are kept in a synced folder</strong>
        <span className="spacer" />
        <button type="button" className="btn btn-small btn-quiet" onClick={() => setWarning(null)}>
          Hide for now
        </button>
      </div>
      <p id="store-location-words">{warning}</p>
      <p id="store-location-action">
        To move it, choose <strong>File › Move plan store…</strong> in the menu bar and pick a folder on this computer
        that is not synced. Your plans go with it.
      </p>
    </div>
  );
}
