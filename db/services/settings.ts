/** App information, the user's name (the default audit actor) and the meta key/value table. */
import { prepare } from '../sql';
import type { Store } from '../store';

export function getMeta(store: Store, key: string): string | null {
  const v = prepare(store.sqlite, 'SELECT value FROM meta WHERE key = ?').pluck().get(key);
  return typeof v === 'string' ? v : null;
}

export function setMeta(store: Store, key: string, value: string): void {
  prepare(
    store.sqlite,
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

export interface AppInfoValue {
  version: string;
  dbPath: string;
  schemaVersion: number;
  userName: string;
}

export function appInfo(store: Store, version: string): AppInfoValue {
  return {
    version,
    dbPath: store.path,
    schemaVersion: store.schemaVersion,
    userName: getMeta(store, 'user_name') ?? store.actor(),
  };
}

/** Saves the user's name and makes it the store's default actor. */
export function setUserName(store: Store, userName: string): void {
  setMeta(store, 'user_name', userName);
  store.setActor(userName);
}
