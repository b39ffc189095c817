/** Atomic export writing: temp file + fsync + rename; failures leave nothing behind. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/write';
import { DomainError } from '../../shared/result';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-write-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes the bytes and leaves no temporary file', async () => {
    const target = path.join(dir, 'Appendix 1.docx');
    const bytes = await writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    expect(bytes).toBe(3);
    expect([...fs.readFileSync(target)]).toEqual([1, 2, 3]);
    expect(fs.readdirSync(dir)).toEqual(['Appendix 1.docx']);
  });

  it('replaces an existing file in one step', async () => {
    const target = path.join(dir, 'a.docx');
    fs.writeFileSync(target, 'old');
    await writeFileAtomic(target, new TextEncoder().encode('new'));
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['a.docx']);
  });

  it('fails clearly for a missing folder and writes nothing', async () => {
    const target = path.join(dir, 'missing', 'a.docx');
    await expect(writeFileAtomic(target, new Uint8Array([1]))).rejects.toThrow(
      /Could not save a\.docx: the folder does not exist\. Nothing was written\./,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('removes the temporary file when the rename fails, leaving the path as it was', async () => {
    const target = path.join(dir, 'taken.docx');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep'), 'x');
    const error = await writeFileAtomic(target, new Uint8Array([1, 2])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('export_failed');
    expect(fs.readdirSync(dir)).toEqual(['taken.docx']);
    expect(fs.readdirSync(target)).toEqual(['keep']);
  });
});
