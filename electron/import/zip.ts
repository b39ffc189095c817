/**
 * Reading zip packages (.docx, .xlsx) with fflate, guarded against zip bombs: the entry count and the
 * declared sizes (and compression ratios) are checked from the central directory BEFORE anything is
 * inflated, and the actual inflated bytes are counted while streaming, stopping at the limit.
 */
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
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
      throw importFailed(`The file has more than ${limits.maxZipEntries} parts, far more than any real ${what}, so it was not read.`);
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
 * Inflates the entries `wanted` selects, counting the actual bytes as they stream out (a package can
 * declare false sizes) and stopping once the entry or total limit is passed. Call `listZip` first.
 */
export function readZipEntries(data: Uint8Array, wanted: (name: string) => boolean, what: string, limits: ZipLimits = LIMITS): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  let total = 0;
  let bomb = false;
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
        out.set(file.name, joined);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(data, true);
  } catch (error) {
    if (bomb) throw importFailed(BOMB);
    throw importFailed(`The file is damaged: part of the ${what} could not be unpacked (${error instanceof Error ? error.message : String(error)}).`);
  }
  return out;
}
