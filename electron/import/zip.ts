/**
 * Reading zip packages (.docx, .xlsx) with fflate, guarded against zip bombs: the entry count and the
 * declared sizes (and compression ratios) are checked from the central directory BEFORE anything is
 * inflated, and the actual inflated bytes are counted while streaming, stopping at the limit. Each
 * entry read is checked against the CRC-32 its central directory records (fflate does not check it), so a
 * damaged package is refused instead of importing altered text.
 */
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { crc32 } from 'node:zlib';
import { importFailed } from './errors';
import { LIMITS } from './limits';

export interface ZipEntryInfo {
  name: string;
  /** Compressed size. */
  size: number;
  /** Declared uncompressed size. */
  originalSize: number;
}

/** The limits the zip reader applies (LIMITS by default; smaller in tests). */
export interface ZipLimits {
  maxZipEntries: number;
  maxUncompressedBytes: number;
  maxEntryBytes: number;
  maxRatio: number;
}

const BOMB = 'The file expands to far more data than any real plan (it looks like a zip bomb), so it was not read.';

/** True when the bytes start with a zip local file header ("PK\x03\x04"). */
export function looksLikeZip(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

/** Lists the entries from the central directory without inflating anything; checks count, sizes and ratios. */
export function listZip(data: Uint8Array, what: string, limits: ZipLimits = LIMITS): ZipEntryInfo[] {
  const entries: ZipEntryInfo[] = [];
  try {
    unzipSync(data, {
      filter: (f) => {
        entries.push({ name: f.name, size: f.size, originalSize: f.originalSize });
        if (entries.length > limits.maxZipEntries) throw new RangeError('entries');
        return false;
      },
    });
  } catch (error) {
    if (error instanceof RangeError && error.message === 'entries')
      throw importFailed(
        `The file has more than ${limits.maxZipEntries} parts, far more than any real ${what}, so it was not read.`,
      );
    throw importFailed(`The file is damaged: it is not a readable ${what} (the zip package could not be read).`);
  }
  let total = 0;
  for (const e of entries) {
    total += e.originalSize;
    const ratio = e.size > 0 ? e.originalSize / e.size : e.originalSize > 0 ? Infinity : 0;
    if (e.originalSize > limits.maxEntryBytes || total > limits.maxUncompressedBytes) throw importFailed(BOMB);
    if (e.originalSize > 1024 * 1024 && ratio > limits.maxRatio) throw importFailed(BOMB);
  }
  return entries;
}

/**
 * The CRC-32 of each entry as the central directory records it (name -> crc). Entries in a zip64 or
 * otherwise unusual directory are left out (they are then read unchecked, as before).
 */
export function centralCrcs(data: Uint8Array): Map<string, number> {
  const out = new Map<string, number>();
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return out;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (count === 0xffff || at === 0xffffffff) return out; // zip64: not read here
  const decoder = new TextDecoder();
  for (let n = 0; n < count && at + 46 <= data.length; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) break;
    const crc = view.getUint32(at + 16, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > data.length) break;
    const name = decoder.decode(data.subarray(at + 46, at + 46 + nameLength));
    if (!out.has(name)) out.set(name, crc);
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

const crcMessage = (what: string, name: string): string =>
  `The file is damaged: part of the ${what} (${name}) does not match its checksum, so its text may have been altered. It was not read; open it in Word or Excel, save a fresh copy and import that.`;

/**
 * Inflates the entries `wanted` selects, counting the actual bytes as they stream out (a package can
 * declare false sizes) and stopping once the entry or total limit is passed. Call `listZip` first.
 */
export function readZipEntries(
  data: Uint8Array,
  wanted: (name: string) => boolean,
  what: string,
  limits: ZipLimits = LIMITS,
): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const crcs = centralCrcs(data);
  let total = 0;
  let bomb = false;
  let badCrc: string | null = null;
  const unzip = new Unzip((file) => {
    if (!wanted(file.name)) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, chunk, final) => {
      if (err) throw err;
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxEntryBytes || total > limits.maxUncompressedBytes) {
        bomb = true;
        file.terminate();
        throw new RangeError('bomb');
      }
      chunks.push(chunk);
      if (final) {
        const joined = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) {
          joined.set(c, at);
          at += c.length;
        }
        const expected = crcs.get(file.name);
        if (expected !== undefined && crc32(joined) >>> 0 !== expected) {
          badCrc = file.name;
          throw new RangeError('crc');
        }
        if (!out.has(file.name)) out.set(file.name, joined);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(data, true);
  } catch {
    if (bomb) throw importFailed(BOMB);
    if (badCrc !== null) throw importFailed(crcMessage(what, badCrc));
    throw importFailed(
      `The file is damaged: part of the ${what} could not be unpacked. Open it in Word or Excel, save a fresh copy and import that.`,
    );
  }
  for (const name of out.keys()) if (!crcs.has(name) && crcs.size > 0) throw importFailed(crcMessage(what, name));
  return out;
}

/**
 * Streams ONE entry through `onChunk` as it inflates (the whole entry is never held), with the same
 * limits as `readZipEntries` and its CRC-32 computed on the way. When `onChunk` throws (the reader
 * refused the content), the entry is still inflated to its end so that a damaged package is named as
 * damaged (checksum) rather than by what the damage did to its XML; otherwise the reader's error is thrown.
 * Answers false when the package holds no such entry. Call `listZip` first.
 */
export function streamZipEntry(
  data: Uint8Array,
  name: string,
  what: string,
  onChunk: (chunk: Uint8Array, final: boolean) => void,
  limits: ZipLimits = LIMITS,
): boolean {
  const expected = centralCrcs(data).get(name);
  let found = false;
  let size = 0;
  let crc = 0;
  let bomb = false;
  let badCrc = false;
  let readerError: unknown = null;
  const unzip = new Unzip((file) => {
    if (file.name !== name || found) return;
    found = true;
    file.ondata = (err, chunk, final) => {
      if (err) throw err;
      size += chunk.length;
      if (size > limits.maxEntryBytes || size > limits.maxUncompressedBytes) {
        bomb = true;
        file.terminate();
        throw new RangeError('bomb');
      }
      crc = crc32(chunk, crc);
      if (readerError === null)
        try {
          onChunk(chunk, final);
        } catch (error) {
          readerError = error;
        }
      if (final && expected !== undefined && crc >>> 0 !== expected) {
        badCrc = true;
        throw new RangeError('crc');
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(data, true);
  } catch {
    if (bomb) throw importFailed(BOMB);
    if (badCrc) throw importFailed(crcMessage(what, name));
    throw importFailed(
      `The file is damaged: part of the ${what} could not be unpacked. Open it in Word or Excel, save a fresh copy and import that.`,
    );
  }
  if (found && expected === undefined && centralCrcs(data).size > 0) throw importFailed(crcMessage(what, name));
  if (readerError !== null) throw readerError;
  return found;
}
