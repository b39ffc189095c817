/** The pack file format: signing, verification, bounds and plain-English refusals (no store needed). */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  decodePack,
  encodePack,
  gunzipBounded,
  PackError,
  publicKeyText,
  type UnsignedPack,
} from '../../electron/sync/pack';

const owner = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

function unsigned(ops = 3, publicKey = publicKeyText(owner.publicKey)): UnsignedPack {
  return {
    header: {
      packId: randomUUID(),
      kind: 'update',
      planId: randomUUID(),
      planTitle: 'Children’s Services Plan',
      createdAt: new Date().toISOString(),
      sender: { deviceId: 'a'.repeat(32), publicKey, person: 'Fran Dunmore', role: 'lead' },
      recipient: { lead: null, deviceId: null },
      acks: { ['b'.repeat(32)]: 12 },
    },
    lines: Array.from({ length: ops }, (_, i) => ({
      t: 'op' as const,
      op: { id: `x:${i + 1}`, value: `Progress “${i}”` },
    })),
  };
}

function refusal(fn: () => unknown): PackError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PackError);
    return error as PackError;
  }
  throw new Error('expected a PackError');
}

/** Unzips, edits the NDJSON text and zips again (a tampered pack). */
function tamper(bytes: Uint8Array, edit: (text: string) => string): Uint8Array {
  return gzipSync(strToU8(edit(new TextDecoder().decode(gunzipSync(bytes)))));
}

describe('update pack format', () => {
  it('round-trips a signed pack: header, ops, digest', () => {
    const pack = unsigned();
    const bytes = encodePack(pack, owner.privateKey);
    expect(bytes[0]).toBe(0x1f);
    const read = decodePack(bytes);
    expect(read.header.packId).toBe(pack.header.packId);
    expect(read.header.body.lines).toBe(3);
    expect(read.lines).toEqual(pack.lines);
    expect(read.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(decodePack(bytes).fileSha256).toBe(read.fileSha256);
  });

  it('an empty pack (nothing new) is valid', () => {
    const read = decodePack(encodePack(unsigned(0), owner.privateKey));
    expect(read.lines).toEqual([]);
  });

  it('refuses a pack signed with a key other than the one it names', () => {
    const bytes = encodePack(unsigned(2, publicKeyText(owner.publicKey)), other.privateKey);
    const e = refusal(() => decodePack(bytes));
    expect(e.code).toBe('bad_signature');
    expect(e.message).toMatch(/signature does not match.*Nothing was changed/);
  });

  it('refuses an op changed after signing, and a header changed after signing', () => {
    const bytes = encodePack(unsigned(2), owner.privateKey);
    const body = refusal(() => decodePack(tamper(bytes, (t) => t.replace('Progress', 'Regress'))));
    expect(body.code).toBe('bad_signature');
    const head = refusal(() => decodePack(tamper(bytes, (t) => t.replace('Fran Dunmore', 'Jo Bloggs'))));
    expect(head.code).toBe('bad_signature');
  });

  it('refuses a newer pack format with a clear message', () => {
    const bytes = encodePack(unsigned(1), owner.privateKey);
    const e = refusal(() => decodePack(tamper(bytes, (t) => t.replace('{"planwrightPack":1', '{"planwrightPack":7'))));
    expect(e.code).toBe('newer_format');
    expect(e.message).toContain('newer version of Planwright');
  });

  it('refuses files that are not packs, truncated packs and damaged gzip', () => {
    expect(refusal(() => decodePack(strToU8('hello, this is a Word document really'))).code).toBe('not_a_pack');
    expect(refusal(() => decodePack(gzipSync(strToU8('{"a":1}\n')))).code).toBe('not_a_pack');
    const bytes = encodePack(unsigned(50), owner.privateKey);
    const truncated = refusal(() => decodePack(bytes.subarray(0, Math.floor(bytes.length / 2))));
    expect(['damaged', 'not_a_pack']).toContain(truncated.code);
    const flipped = bytes.slice();
    flipped[20] = flipped[20]! ^ 0xff;
    flipped[21] = flipped[21]! ^ 0xff;
    expect(() => decodePack(flipped)).toThrow(PackError);
  });

  it('stops a zip bomb at the byte budget without unpacking it all', () => {
    const bomb = gzipSync(new Uint8Array(16 * 1024 * 1024), { level: 6 });
    expect(bomb.length).toBeLessThan(100_000);
    const e = refusal(() => gunzipBounded(bomb, 1024 * 1024));
    expect(e.code).toBe('too_large');
    expect(e.message).toMatch(/larger than Planwright opens \(more than 1 MB once unpacked\)/);
    // As a pack, a bomb of zeros is refused at its first chunk; one that starts like a pack stops at the budget.
    expect(refusal(() => decodePack(bomb, { maxUnpackedBytes: 1024 * 1024 })).code).toBe('not_a_pack');
    const prefixed = new Uint8Array(16 * 1024 * 1024);
    prefixed.set(new TextEncoder().encode('{"planwrightPack":1,"header":"'));
    expect(refusal(() => decodePack(gzipSync(prefixed), { maxUnpackedBytes: 1024 * 1024 })).code).toBe('too_large');
  });

  it('refuses a line that is not an op or snapshot', () => {
    const bytes = encodePack(unsigned(1), owner.privateKey);
    // Re-sign a pack whose body holds a junk line: the signature is fine, the shape is not.
    const pack = unsigned(0);
    const junk = encodePack({ ...pack, lines: [{ t: 'op', op: 1 }] }, owner.privateKey);
    expect(decodePack(junk).lines).toHaveLength(1);
    expect(refusal(() => decodePack(tamper(bytes, (t) => t.replace(/\n.*$/s, '\nnot json')))).code).toBe(
      'bad_signature',
    );
  });
});
