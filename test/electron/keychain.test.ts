/**
 * The signing key kept by the main process's safeStorage although the store runs in the utility process
 * (electron/utility/keychain.ts): prepared once at open over the port, then signing needs no round trip.
 * main-smoke.test.ts checks the same through the app's start-up with a fake Electron.
 */
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db';
import { getDeviceKeys } from '../../electron/sync/engine';
import { deviceKeys, KeyUnavailableError } from '../../electron/sync/keys';
import { KEYCHAIN_UNAVAILABLE_NOTE, keychainKeyWrapper, type RemoteKeychain } from '../../electron/utility/keychain';

const sealing = (calls: string[], broken = false): RemoteKeychain => ({
  available: async () => (calls.push('available'), true),
  encrypt: async (text) => (calls.push('encrypt'), Buffer.from(`sealed:${text}`).toString('base64')),
  decrypt: async (b64) => {
    calls.push('decrypt');
    if (broken) throw new Error('another user');
    return Buffer.from(b64, 'base64').toString().slice('sealed:'.length);
  },
});

describe('keychainKeyWrapper', () => {
  it('makes the key sealed at open, signs with it from memory, and reads it back on the next open', async () => {
    const store = openStore(':memory:', { actor: 't' });
    const calls: string[] = [];
    const first = await keychainKeyWrapper(store, sealing(calls));
    expect(first).toMatchObject({ protection: 'keychain', note: null });
    expect(getDeviceKeys(store)!.privateKey).toMatch(/^safe:/);
    const keys = deviceKeys(store, first.wrapper);
    expect(calls).toEqual(['available', 'encrypt']);
    const again = await keychainKeyWrapper(store, sealing(calls));
    expect(calls.slice(2)).toEqual(['available', 'decrypt']);
    expect(deviceKeys(store, again.wrapper).publicKeyText).toBe(keys.publicKeyText);
    await store.close();
  });

  it('re-wraps a key kept plain once a keychain is there; keeps it plain, with a note, when there is none', async () => {
    const store = openStore(':memory:', { actor: 't' });
    const none: RemoteKeychain = {
      available: async () => false,
      encrypt: () => Promise.reject(new Error('no')),
      decrypt: () => Promise.reject(new Error('no')),
    };
    const plain = await keychainKeyWrapper(store, none);
    expect(plain).toMatchObject({ protection: 'plain', note: KEYCHAIN_UNAVAILABLE_NOTE });
    const made = deviceKeys(store, plain.wrapper);
    expect(getDeviceKeys(store)!.privateKey).toMatch(/^plain:-----BEGIN PRIVATE KEY/);
    const sealed = await keychainKeyWrapper(store, sealing([]));
    expect(getDeviceKeys(store)!.privateKey).toMatch(/^safe:/);
    expect(deviceKeys(store, sealed.wrapper).publicKeyText).toBe(made.publicKeyText);
    // The port failing (no such host method) is the same as no keychain.
    const failing = await keychainKeyWrapper(store, { ...none, available: () => Promise.reject(new Error('x')) });
    expect(failing.protection).toBe('plain');
    await store.close();
  });

  it('a key sealed by another user’s keychain is not usable here: signing says so plainly', async () => {
    const store = openStore(':memory:', { actor: 't' });
    await keychainKeyWrapper(store, sealing([]));
    const other = await keychainKeyWrapper(store, sealing([], true));
    expect(() => deviceKeys(store, other.wrapper)).toThrow(KeyUnavailableError);
    await store.close();
  });
});
