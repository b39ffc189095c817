/**
 * The device's sync signing key, protected by Electron `safeStorage` although the store runs in the utility
 * process (safeStorage works only in the main process). The utility process asks the main process over its
 * port (host requests `keychainAvailable`, `keychainEncrypt`, `keychainDecrypt`; main/host-electron.ts) once,
 * when the store opens: a key kept encrypted is decrypted into memory, and a missing or plain key is made or
 * re-wrapped encrypted. Signing then needs no round trip (`KeyWrapper` stays synchronous). Where the system
 * has no keychain, the key stays in the store as plain PEM, with a note saying so.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Store } from '../../db';
import { getDeviceKeys, setDeviceKeys } from '../sync/engine';
import { plainKeyWrapper, type KeyWrapper } from '../sync/keys';

/** The main process's safeStorage, reached over the port (base64 for the encrypted bytes). */
export interface RemoteKeychain {
  available(): Promise<boolean>;
  encrypt(text: string): Promise<string>;
  decrypt(base64: string): Promise<string>;
}

export const KEYCHAIN_UNAVAILABLE_NOTE =
  "This system's keychain (Electron safeStorage) is not available, so this device's signing key for update packs is kept unencrypted in the plan store file. Keep the plan store in your own user folder.";

export interface KeychainWrapper {
  wrapper: KeyWrapper;
  /** 'keychain': the key is encrypted by the system keychain; 'plain': kept as PEM (see the note). */
  protection: 'keychain' | 'plain';
  note: string | null;
}

const SAFE = 'safe:';

/** Prepares the store's signing key with the main process's keychain and answers the wrapper to sign with. */
export async function keychainKeyWrapper(store: Store, keychain: RemoteKeychain): Promise<KeychainWrapper> {
  const available = await keychain.available().catch(() => false);
  /** stored text -> PEM, for keys the keychain decrypted (or wrapped) in this session. */
  const known = new Map<string, string>();
  const wrapper: KeyWrapper = {
    // Only reached when no key could be prepared (a new device id mid-session): kept plain.
    wrap: (pem) => plainKeyWrapper.wrap(pem),
    unwrap: (stored) => known.get(stored) ?? plainKeyWrapper.unwrap(stored),
  };
  if (!available) return { wrapper, protection: 'plain', note: KEYCHAIN_UNAVAILABLE_NOTE };
  try {
    const stored = getDeviceKeys(store);
    if (stored?.privateKey.startsWith(SAFE)) {
      // Encrypted by this user's keychain (or another's: then unwrap answers null and signing says so).
      const pem = await keychain.decrypt(stored.privateKey.slice(SAFE.length)).catch(() => null);
      if (pem !== null) known.set(stored.privateKey, pem);
      return { wrapper, protection: 'keychain', note: null };
    }
    let publicKey = stored?.publicKey;
    let pem = stored ? plainKeyWrapper.unwrap(stored.privateKey) : null;
    if (!publicKey || pem === null) {
      const pair = generateKeyPairSync('ed25519');
      publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    }
    const wrapped = `${SAFE}${await keychain.encrypt(pem)}`;
    // The key may have been written meanwhile (a call signing first): keep that one.
    const now = getDeviceKeys(store);
    if (now && now.privateKey !== stored?.privateKey) return { wrapper, protection: 'plain', note: null };
    setDeviceKeys(store, { publicKey, privateKey: wrapped });
    known.set(wrapped, pem);
    return { wrapper, protection: 'keychain', note: null };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      wrapper,
      protection: 'plain',
      note: `The signing key could not be protected with this system's keychain (${why}); it is kept unencrypted in the plan store file.`,
    };
  }
}
