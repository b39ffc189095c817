/**
 * A banner when the plan store lives inside a synced folder (OneDrive, SharePoint, Teams, Dropbox…): the main
 * process checks the store's path when it opens it (shared/synced-folder.ts) and app:info carries the words.
 * It can be put away for this session; it comes back the next time Planwright starts.
 */
import { useEffect, useState } from 'react';
import { call } from '../api';

export function StoreLocationWarning() {
  const [warning, setWarning] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('app:info', {}).then(
      (info) => live && setWarning(info.storeWarning ?? null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (!warning) return null;
  return (
    <div className="notice notice-warn store-location" role="alert" aria-labelledby="store-location-title">
      <div className="hstack">
        <strong id="store-location-title">Your plans are kept in a synced folder</strong>
        <span className="spacer" />
        <button type="button" className="btn btn-small btn-quiet" onClick={() => setWarning(null)}>
          Hide for now
        </button>
      </div>
      <p>{warning}</p>
    </div>
  );
}
