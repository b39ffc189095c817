/**
 * Issue 12.11 and 12.12: the covering report's required header fields (placeholders in the document, the
 * command line's options and --details file), drafts from the plan's figures instead of "None.", the
 * introduction in whole paragraphs; and PDF from the app's handlers (LibreOffice, else print to PDF of the
 * same content as HTML), checked by rendering.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCoveringReport } from '../../electron/export/covering-report';
import { createExportHandlers } from '../../electron/export/handlers';
import { printHtmlToPdf, type PrintWindowFactory } from '../../electron/main/print-pdf';
import { headlessHost, type Host } from '../../electron/host';
import { coveringDrafts, wholeParagraphs, withDrafts } from '../../shared/covering-drafts';
import { CoveringReportContent, missingHeaderFields } from '../../shared/covering-report';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { computeSummary } from '../../shared/summary';
import { createPlanFromDraft, getCoveringReport, getPlanTree } from '../../db';
import { openDocx, testStore, textOf, treeFor } from './helpers';

const root = path.resolve(__dirname, '../..');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-covering-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const tree = treeFor(samplePlanDraft);
const summary = computeSummary(tree, {});
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('required header fields (12.11)', () => {
  it('names the empty ones and shows a visible placeholder for each in the document', async () => {
    const empty = CoveringReportContent.parse({});
    expect(missingHeaderFields(empty)).toEqual([
      'meetingDate',
      'itemNumber',
      'committee',
      'reportOf',
      'accountableAssistantDirector',
      'accountableDirector',
      'author',
    ]);
    const text = textOf(openDocx(await buildCoveringReport(tree, empty, summary)).doc);
    for (const p of [
      '[Meeting date to be added]',
      'ITEM: [Item number to be added]',
      '[Committee to be added]',
      'Report of: [Report of to be added]',
      '[Accountable assistant director to be added]',
      '[Accountable director to be added]',
      '[Report author to be added]',
    ])
      expect(text).toContain(p);
    const full = CoveringReportContent.parse({
      meetingDate: '2026-03-12',
      itemNumber: '7',
      committee: 'Corporate Parenting Committee',
      reportOf: { name: 'Sam Patel', jobTitle: 'Strategic Lead' },
      accountableAssistantDirector: { name: 'Ann Lee', jobTitle: 'Assistant Director' },
      accountableDirector: { name: 'Jo Ray', jobTitle: 'Director of Children’s Services' },
      author: { name: 'Kim Doe', jobTitle: 'Performance Officer', service: '' },
    });
    expect(missingHeaderFields(full)).toEqual([]);
    const done = textOf(openDocx(await buildCoveringReport(tree, full, summary)).doc);
    expect(done).not.toContain('to be added]');
    expect(done).toContain('12 March 2026');
    expect(done).toContain('ITEM: 7');
  });
});

describe('drafts from the plan’s figures (12.11)', () => {
  it('writes an executive summary and implications worth editing, never "None."', async () => {
    const d = coveringDrafts(tree, summary);
    expect(d.executiveSummary).toContain(tree.plan.title);
    expect(d.executiveSummary).toMatch(/\d+ actions?/);
    for (const t of [d.financial, d.legal, d.diversity, d.other]) expect(t.length).toBeGreaterThan(40);
    const text = textOf(openDocx(await buildCoveringReport(tree, CoveringReportContent.parse({}), summary)).doc);
    expect(text).toContain(d.executiveSummary.split('\n')[0]!);
    expect(text).toContain(d.financial);
    expect(text).toContain(d.diversity);
    // What the author wrote is kept.
    const mine = withDrafts(CoveringReportContent.parse({ executiveSummary: 'My own words.' }), d);
    expect(mine.executiveSummary).toBe('My own words.');
    expect(mine.implications.legal.text).toBe(d.legal);
  });

  it('pre-fills a new report with the drafts and whole paragraphs of the introduction', () => {
    const store = testStore();
    const planId = createPlanFromDraft(store, samplePlanDraft).id;
    const t = getPlanTree(store, planId);
    const { content } = getCoveringReport(store, planId, t.plan.currentPeriodId ?? t.periods[0]!.id);
    expect(content.executiveSummary).toContain(t.plan.title);
    expect(content.implications.financial.text).not.toBe('');
    expect(content.introduction.split('\n')).toEqual(wholeParagraphs(t.plan.introduction));
  });

  it('never pastes the introduction in mid-sentence', () => {
    const intro =
      'The Council’s improvement plan responds to the inspection of services for children in need of help and\nprotection, children looked after and care leavers.\n\nIt sets out what we will do.\nProgress is reported to the Committee each quarter, with the ratings agreed by the\nimprovement board.';
    expect(wholeParagraphs(intro)).toEqual([
      'The Council’s improvement plan responds to the inspection of services for children in need of help and protection, children looked after and care leavers.',
      'It sets out what we will do.',
      'Progress is reported to the Committee each quarter, with the ratings agreed by the improvement board.',
    ]);
    // A length limit keeps whole paragraphs only.
    expect(wholeParagraphs(intro, 200)).toHaveLength(2);
  });
});

/** A host whose print to PDF is Chromium's own (the engine behind Electron's webContents.printToPDF). */
const chromiumWindow: PrintWindowFactory = () => {
  let html = '';
  return {
    loadURL: async (url: string) => {
      html = decodeURIComponent(url.slice(url.indexOf(',') + 1));
    },
    webContents: {
      printToPDF: async () => {
        const input = path.join(dir, `print-${Math.random().toString(36).slice(2)}.html`);
        const output = `${input}.pdf`;
        fs.writeFileSync(input, html);
        execFileSync(
          '/usr/bin/chromium',
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--no-pdf-header-footer',
            `--print-to-pdf=${output}`,
            `file://${input}`,
          ],
          { stdio: 'ignore', timeout: 120_000 },
        );
        return fs.readFileSync(output);
      },
    },
    destroy: () => undefined,
  };
};

describe('PDF from the app (12.12)', () => {
  const store = testStore();
  const planId = createPlanFromDraft(store, samplePlanDraft).id;
  const printed: string[] = [];
  const host: Host = {
    ...headlessHost,
    printToPdf: (request) => {
      printed.push(request.html);
      return printHtmlToPdf(chromiumWindow, request);
    },
  };
  const handlers = createExportHandlers({ store, host });
  const ctx = { actor: 'Kim Doe', emit: () => undefined } as never;

  it('prints the same content to PDF when LibreOffice is not installed', async () => {
    const before = process.env.PLANWRIGHT_SOFFICE;
    process.env.PLANWRIGHT_SOFFICE = path.join(dir, 'no-libreoffice');
    try {
      const appendix = path.join(dir, 'appendix.pdf');
      const a = await handlers['export:appendix']({ planId, options: {} as never, path: appendix }, ctx);
      expect(a).toMatchObject({ path: appendix, pdfBy: 'print' });
      const text = pdfText(appendix);
      expect(text).toContain('Appendix 1');
      expect(text).toContain('Key to ratings');
      expect(text).toMatch(/Green|Amber|Red/);
      const report = path.join(dir, 'report.pdf');
      const r = await handlers['export:coveringReport']({ planId, path: report, format: 'pdf' }, ctx);
      expect(r.pdfBy).toBe('print');
      expect(r.missing).toContain('meetingDate');
      const rt = pdfText(report);
      expect(rt).toContain('[Meeting date to be added]');
      expect(rt).toContain('Executive Summary');
      expect(rt).toContain('Implications verified by');
      expect(rt).not.toMatch(/7\.1\s+Financial\s+None\./);
      // A picture of the first page (pdftoppm renders it).
      execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', report, path.join(dir, 'report')]);
      expect(fs.readdirSync(dir).some((f) => /^report-0*1\.png$/.test(f))).toBe(true);
    } finally {
      if (before === undefined) delete process.env.PLANWRIGHT_SOFFICE;
      else process.env.PLANWRIGHT_SOFFICE = before;
    }
  }, 240_000);

  it('uses LibreOffice when it is installed (the same code as the command line)', async () => {
    const out = path.join(dir, 'lo-report.pdf');
    const r = await handlers['export:coveringReport']({ planId, path: out }, ctx);
    expect(r.pdfBy).toBe('libreoffice');
    expect(pdfText(out)).toContain('[Committee to be added]');
  }, 240_000);

  it('says plainly when neither is available, and writes nothing', async () => {
    const before = process.env.PLANWRIGHT_SOFFICE;
    process.env.PLANWRIGHT_SOFFICE = path.join(dir, 'no-libreoffice');
    try {
      const bare = createExportHandlers({ store, host: headlessHost });
      const out = path.join(dir, 'none.pdf');
      await expect(bare['export:coveringReport']({ planId, path: out }, ctx)).rejects.toThrow(/needs LibreOffice/);
      expect(fs.existsSync(out)).toBe(false);
    } finally {
      if (before === undefined) delete process.env.PLANWRIGHT_SOFFICE;
      else process.env.PLANWRIGHT_SOFFICE = before;
    }
  });

  it('keeps the hidden window script-free and always closes it', async () => {
    const destroyed: boolean[] = [];
    const factory: PrintWindowFactory = (options) => {
      expect(options.webPreferences).toMatchObject({ javascript: false, nodeIntegration: false, sandbox: true });
      return {
        loadURL: async () => undefined,
        webContents: { printToPDF: async () => new Uint8Array([1, 2, 3]) },
        destroy: () => destroyed.push(true),
      };
    };
    const out = path.join(dir, 'bad.pdf');
    await expect(printHtmlToPdf(factory, { html: '<p>x</p>', path: out, landscape: true })).rejects.toThrow(/no PDF/);
    expect(destroyed).toEqual([true]);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('planwright covering-report header options and --details (12.11)', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, 'bin/planwright.mjs'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('takes the header fields as options or a JSON file, and refuses bad ones plainly', () => {
    const db = path.join(dir, 'cli.sqlite');
    expect(cli('sample', '--db', db).status).toBe(0);
    fs.writeFileSync(
      path.join(dir, 'details.json'),
      JSON.stringify({
        meetingDate: '2026-03-12',
        itemNumber: '7',
        reportOf: { name: 'Sam Patel', jobTitle: 'Strategic Lead' },
        accountableAssistantDirector: { name: 'Ann Lee', jobTitle: 'Assistant Director' },
        accountableDirector: { name: 'Jo Ray', jobTitle: 'Director' },
      }),
    );
    const r = cli(
      'covering-report',
      'Continuous Improvement',
      '--db',
      db,
      '--out',
      'cli.docx',
      '--details',
      'details.json',
      '--committee',
      'Corporate Parenting Committee',
      '--author',
      'Kim Doe, Performance Officer',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = textOf(openDocx(fs.readFileSync(path.join(dir, 'cli.docx'))).doc);
    for (const t of [
      '12 March 2026',
      'ITEM: 7',
      'Corporate Parenting Committee',
      'Sam Patel, Strategic Lead',
      'Ann Lee',
      'Jo Ray',
      'Kim Doe',
    ])
      expect(text).toContain(t);
    expect(text).not.toContain('to be added]');

    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ meetingDate: '12/03/2026', comittee: 'x' }));
    const unknown = cli(
      'covering-report',
      'Continuous Improvement',
      '--db',
      db,
      '--out',
      'bad.docx',
      '--details',
      'bad.json',
    );
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('does not know: comittee');
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ meetingDate: '12/03/2026' }));
    const date = cli(
      'covering-report',
      'Continuous Improvement',
      '--db',
      db,
      '--out',
      'bad.docx',
      '--details',
      'bad.json',
    );
    expect(date.status).toBe(2);
    expect(date.stderr).toContain('meetingDate is not valid');
    expect(date.stderr).not.toMatch(/at .*\.(ts|js|cjs):\d+/);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{ not json');
    expect(
      cli('covering-report', 'Continuous Improvement', '--db', db, '--out', 'bad.docx', '--details', 'bad.json').stderr,
    ).toContain('not valid JSON');
    expect(fs.existsSync(path.join(dir, 'bad.docx'))).toBe(false);
  }, 240_000);
  it('names the header fields still to add for a PDF too', () => {
    const db = path.join(dir, 'cli-pdf.sqlite');
    expect(cli('sample', '--db', db).status).toBe(0);
    const r = cli('covering-report', 'Continuous Improvement', '--db', db, '--out', 'still.pdf', '--item', '9');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Still to add .*meeting date/i);
    expect(r.stdout).not.toMatch(/Still to add[^\n]*item number/i);
    expect(pdfText(path.join(dir, 'still.pdf'))).toContain('ITEM: 9');
  }, 240_000);
});
