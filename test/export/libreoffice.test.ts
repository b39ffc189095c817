/**
 * Renders exports of the sample plan and of the large benchmark plan with LibreOffice (headless, a fresh
 * profile per run) and checks the PDF: it converts, the page count is sane, the pages are landscape A4,
 * and no text runs past the right margin (so no table is wider than the page). Slow: one soffice run for
 * both documents. Needs `soffice`, `pdfinfo` and `pdftotext` (CI installs libreoffice-writer-nogui and
 * poppler-utils); a missing tool fails with a clear message rather than skipping.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppendix } from '../../electron/export/appendix';
import { LANDSCAPE_A4 } from '../../electron/export/layout';
import { ExportOptions } from '../../shared/export-options';
import { largePlanDraft } from '../../shared/samples/large-plan';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { all, attr, openDocx, tables, treeFor } from './helpers';

const TWIPS_PER_POINT = 20;
let dir: string;
let profile: string;
const pdf = (name: string) => path.join(dir, `${name}.pdf`);

function requireTool(tool: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
  if (!found)
    throw new Error(
      `${tool} is not installed: install libreoffice-writer-nogui and poppler-utils to run the rendering checks.`,
    );
}

function pdfInfo(file: string): { pages: number; width: number; height: number } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(out)?.[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(out);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/** The largest right edge of any word on pages first..last, in points. */
function maxWordRight(file: string, first: number, last: number): number {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(first), '-l', String(last), file, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  let max = 0;
  for (const m of html.matchAll(/xMax="([\d.]+)"/g)) max = Math.max(max, Number(m[1]));
  return max;
}

beforeAll(async () => {
  requireTool('soffice');
  requireTool('pdfinfo');
  requireTool('pdftotext');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-lo-'));
  profile = path.join(os.tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  const options = ExportOptions.parse({});
  const sample = await buildAppendix(treeFor(samplePlanDraft), options);
  const large = await buildAppendix(treeFor(largePlanDraft()), options);
  fs.writeFileSync(path.join(dir, 'sample.docx'), sample);
  fs.writeFileSync(path.join(dir, 'large.docx'), large);
  // Widths in the XML first: every table's grid adds up to the text width.
  for (const buffer of [sample, large]) {
    for (const tbl of tables(openDocx(buffer).doc)) {
      const sum = all(tbl, 'gridCol').reduce((a, g) => a + Number(attr(g, 'w')), 0);
      expect(sum).toBe(LANDSCAPE_A4.width - LANDSCAPE_A4.margin.left - LANDSCAPE_A4.margin.right);
    }
  }
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      path.join(dir, 'sample.docx'),
      path.join(dir, 'large.docx'),
    ],
    {
      stdio: 'ignore',
      timeout: 280_000,
    },
  );
}, 300_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

describe('LibreOffice renders the appendix', () => {
  it('converts both documents to landscape A4 PDFs with a sane page count', () => {
    const s = pdfInfo(pdf('sample'));
    expect(s.pages).toBeGreaterThanOrEqual(6);
    expect(s.pages).toBeLessThanOrEqual(40);
    const l = pdfInfo(pdf('large'));
    // 1,200 actions with long progress text: a few actions per page, never one page per cell.
    expect(l.pages).toBeGreaterThanOrEqual(100);
    expect(l.pages).toBeLessThanOrEqual(1500);
    for (const info of [s, l]) {
      expect(info.width).toBeCloseTo(LANDSCAPE_A4.width / TWIPS_PER_POINT, 0);
      expect(info.height).toBeCloseTo(LANDSCAPE_A4.height / TWIPS_PER_POINT, 0);
    }
  });

  it('keeps every table inside the page margins', () => {
    const limit = (LANDSCAPE_A4.width - LANDSCAPE_A4.margin.right) / TWIPS_PER_POINT + 1;
    const s = pdfInfo(pdf('sample'));
    expect(maxWordRight(pdf('sample'), 1, s.pages)).toBeLessThanOrEqual(limit);
    expect(maxWordRight(pdf('large'), 1, 60)).toBeLessThanOrEqual(limit);
  });
});
