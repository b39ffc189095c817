/**
 * Each device's Ed25519 signing key pair, kept in the store by the engine (a copied store gets a new
 * device id, and so a new key). The private key is stored through a `KeyWrapper`: plain
 * PKCS#8 PEM on the command line and in tests; in the app, `safeStorageWrapper(safeStorage)` encrypts it
 * with the operating system's keychain (Electron `safeStorage`) where that is available.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Store } from '../../db';
import { getDeviceKeys, setDeviceKeys } from './engine';
import { publicKeyText } from './pack';

export interface KeyWrapper {
  wrap(pem: string): string;
  /** Answers null when this wrapper cannot read what was stored. */
  unwrap(stored: string): string | null;
}

/** No wrapping: the PEM is stored as it is (command line, tests, systems without a keychain). */
export const plainKeyWrapper: KeyWrapper = {
  wrap: (pem) => `plain:${pem}`,
  unwrap: (stored) => (stored.startsWith('plain:') ? stored.slice('plain:'.length) : null),
};

/** The part of Electron's `safeStorage` the wrapper uses (passed in, so this file needs no `electron`). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
}

/** Encrypts the private key with Electron safeStorage when available; reads plain keys written earlier. */
export function safeStorageWrapper(safeStorage: SafeStorageLike): KeyWrapper {
  return {
    wrap: (pem) =>
      safeStorage.isEncryptionAvailable()
        ? `safe:${safeStorage.encryptString(pem).toString('base64')}`
        : plainKeyWrapper.wrap(pem),
    unwrap: (stored) => {
      if (stored.startsWith('safe:')) {
        if (!safeStorage.isEncryptionAvailable()) return null;
        try {
          return safeStorage.decryptString(Buffer.from(stored.slice('safe:'.length), 'base64'));
        } catch {
          return null;
        }
      }
      return plainKeyWrapper.unwrap(stored);
    },
  };
}

export interface DeviceKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI DER base64, as packs carry it. */
  publicKeyText: string;
}

export class KeyUnavailableError extends Error {
  constructor() {
    super(
      "This device's signing key is locked by another user account or keychain, so Planwright cannot sign update packs here. Open Planwright as the user who set it up.",
    );
    this.name = 'KeyUnavailableError';
  }
}

/** The device's key pair (kept by the engine's `getDeviceKeys`/`setDeviceKeys`), made on first use. */
export function deviceKeys(store: Store, wrapper: KeyWrapper = plainKeyWrapper): DeviceKeys {
  const stored = getDeviceKeys(store);
  if (stored) {
    const pem = wrapper.unwrap(stored.privateKey);
    if (pem === null) throw new KeyUnavailableError();
    const publicKey = createPublicKey(stored.publicKey);
    return { privateKey: createPrivateKey(pem), publicKey, publicKeyText: publicKeyText(publicKey) };
  }
  const pair = generateKeyPairSync('ed25519');
  const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  setDeviceKeys(store, {
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: wrapper.wrap(pem),
  });
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, publicKeyText: publicKeyText(pair.publicKey) };
}

/** A public key from the SPKI base64 text packs carry (PEM is accepted too). */
export function publicKeyFromText(text: string): KeyObject {
  if (text.startsWith('-----BEGIN')) return createPublicKey(text);
  return createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
}
