/**
 * 2017-19 style plans written by LibreOffice: HTML tables (rowspan merged outcome/action cells, RAG columns
 * per period, colspan section rows and a two-row header) converted with `soffice --headless --convert-to
 * docx`, then imported. LibreOffice's .docx differs from Word's and from the docx library's (every cell
 * has tcBorders, merged continuations hold a tiny empty run, `w:tblHeader w:val="true"`, <br> as w:br,
 * `&nbsp;` in empty cells). One soffice run with a fresh profile converts both documents. Needs `soffice`
 * (CI installs libreoffice-writer-nogui); a missing tool fails with a clear message rather than skipping.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../electron/import/analyse';
import { importPath } from './helpers';

let dir: string;
let profile: string;
const docs: Record<string, Analysis> = {};

const HEADER = [
  'Outcome',
  'Action',
  'Success measure(s)',
  'Lead',
  'Responsible Officer',
  'Time',
  'RAG initial',
  'RAG 01/18',
  'RAG 03/18',
  'RAG 05/18',
  'Progress update',
];
const page = (body: string): string =>
  `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Plan</title></head><body>${body}</body></html>`;
const tr = (cells: string[]): string => `<tr>${cells.join('')}</tr>`;
const td = (text: string, attrs = ''): string => `<td${attrs ? ` ${attrs}` : ''}>${text}</td>`;

/** One table per priority, a numbered key table, rating numbers in shaded cells, a pre-created future period of zeros. */
const perPriority = page(
  [
    '<h1>Children’s Social Care Development Plan 2017-19</h1>',
    '<p>Key</p>',
    '<table border="1">',
    ...[
      'Not started or significantly delayed, must be prioritised',
      'Started with some delay, must be monitored',
      'On track for the agreed date',
      'Completed with evidence the improvement is sustained',
      'Completed and sustained, can be removed from the plan',
    ].map((d, i) => tr([td(String(i + 1)), td(d)])),
    '</table>',
    '<h2>Priority 1 Early help and the front door</h2>',
    '<table border="1"><thead>',
    tr(HEADER.map((h) => `<th>${h}</th>`)),
    '</thead><tbody>',
    tr([
      td('Children get the right help at the right time', 'rowspan="3"'),
      td('Embed the early help assessment', 'rowspan="2"'),
      td('Assessments completed within 35 days'),
      td('J Tynan AD'),
      td('Service Lead R Murdock'),
      td('Jan-18'),
      td('1', 'bgcolor="#FF0000"'),
      td('2', 'bgcolor="#FFC000"'),
      td('3', 'bgcolor="#92D050"'),
      td('0'),
      td('<p>On track.</p><p>Currently 83% in timescale [Feb data]</p>'),
    ]),
    tr([
      td('Re-referrals below 20%'),
      td('J Tynan AD'),
      td('Service Lead C Moore'),
      td('October 31st 2017'),
      td('2'),
      td('2'),
      td('2'),
      td('0'),
      td(''),
    ]),
    tr([
      td('Review thresholds with partners'),
      td('Threshold document agreed'),
      td('S Murphy DCS'),
      td(''),
      td('Ongoing'),
      td('0'),
      td('3'),
      td('4'),
      td('0'),
      td('Completed.'),
    ]),
    '</tbody></table>',
    '<h2>Priority 2 Workforce</h2>',
    '<table border="1"><thead>',
    tr(HEADER.map((h) => `<th>${h}</th>`)),
    '</thead><tbody>',
    tr([
      td('Stable workforce', 'rowspan="2"'),
      td('Recruit permanent social workers'),
      td('Agency use below 15%'),
      td('Director HR'),
      td(''),
      td('Sept 18'),
      td('1'),
      td('1'),
      td('5'),
      td('0'),
      td('Sustained.'),
    ]),
    tr([
      td('Reduce caseloads'),
      td('Average caseload below 18'),
      td('Director HR'),
      td('Team managers'),
      td('Quarterly (review March 2018)'),
      td('2'),
      td('3'),
      td('3'),
      td('0'),
      td('On track.'),
    ]),
    '</tbody></table>',
  ].join('\n'),
);

/** One long table: a two-row header ("RAG" spanning the periods), full-width priority rows, colours and words. */
const longTable = page(
  [
    '<p><b>Children’s Social Care Development Plan 2017-19</b></p>',
    '<table border="1" cellspacing="0">',
    tr([
      ...['Outcome', 'Action', 'Success measure(s)', 'Lead', 'Responsible Officer', 'Time'].map((h) =>
        td(`<b>${h}</b>`, 'rowspan="2"'),
      ),
      td('<b>RAG</b>', 'colspan="3"'),
      td('<b>Progress update</b>', 'rowspan="2"'),
    ]),
    tr([td('<b>initial</b>'), td('<b>01/18</b>'), td('<b>03/18</b>')]),
    tr([td('<b>Priority 1: Early help and the front door</b>', 'colspan="10" style="background:#D9D9D9"')]),
    tr([
      td('Children get the right help<br>at the right time', 'rowspan="3"'),
      td('Embed the early&nbsp;help assessment', 'rowspan="2"'),
      td('Assessments completed within 35 days'),
      td('J Tynan AD'),
      td('Service Lead R Murdock'),
      td('Jan-18'),
      td('R', 'style="background:#FF0000"'),
      td('A', 'style="background:#FFC000"'),
      td('G', 'style="background:#00B050"'),
      td('<p>On track.</p><p>Currently 83% in timescale [Feb data]</p>'),
    ]),
    tr([
      td('Re-referrals below 20%'),
      td('J Tynan AD'),
      td('Service Lead C Moore'),
      td('October 31st 2017'),
      td('&nbsp;', 'style="background:#FFC000"'),
      td('&nbsp;', 'style="background:#FFC000"'),
      td('&nbsp;', 'style="background:#FF0000"'),
      td('&nbsp;'),
    ]),
    tr([
      td('Review thresholds with partners'),
      td('Threshold document agreed'),
      td('S Murphy DCS'),
      td('&nbsp;'),
      td('Ongoing'),
      td('&nbsp;'),
      td('GREEN', 'style="background:#00B050"'),
      td('COMPLETED', 'style="background:#0070C0"'),
      td('Completed.'),
    ]),
    tr([td('<b>Priority 2: Workforce</b>', 'colspan="10" style="background:#D9D9D9"')]),
    tr([
      td('Stable workforce', 'rowspan="2"'),
      td('Recruit permanent social workers'),
      td('Agency use below 15%'),
      td('Director HR'),
      td('&nbsp;'),
      td('Sept 18'),
      td('RED'),
      td('RED'),
      td('AMBER'),
      td('Started.'),
    ]),
    tr([
      td('Reduce caseloads'),
      td('Average caseload below 18'),
      td('Director HR'),
      td('Team managers'),
      td('Quarterly (review March 2018)'),
      td('AMBER'),
      td('GREEN'),
      td('GREEN'),
      td('On track.'),
    ]),
    '</table>',
  ].join('\n'),
);

beforeAll(async () => {
  if (spawnSync('sh', ['-c', 'command -v soffice']).status !== 0)
    throw new Error('soffice is not installed: install libreoffice-writer-nogui to run the LibreOffice import checks.');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-lo-import-'));
  profile = path.join(os.tmpdir(), `lo-import-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(path.join(dir, 'per-priority.html'), perPriority);
  fs.writeFileSync(path.join(dir, 'long-table.html'), longTable);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      dir,
      path.join(dir, 'per-priority.html'),
      path.join(dir, 'long-table.html'),
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  for (const name of ['per-priority', 'long-table']) docs[name] = await importPath(path.join(dir, `${name}.docx`));
}, 150_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

/** "section ref: objective / description / outcome | leads | due | ratings | progress" per row. */
function rowsOf(a: Analysis): string[] {
  return a.draft.sections.flatMap((s) =>
    s.actions.map(
      (x) =>
        `${s.number}: ${x.objective} / ${x.description} / ${x.outcome} | ${x.leads.map((l) => `${l.name} (${l.role})`).join('; ')} | ${x.dueText} | ${x.ratings.map((r) => `${r.period}=${r.level}`).join(', ')} | ${x.progress.map((p) => `${p.period}: ${p.body}`).join('')}`,
    ),
  );
}

describe('2017-19 plans written by LibreOffice from HTML', () => {
  it('the package really is LibreOffice’s (not Word’s or the docx library’s)', () => {
    const parts = unzipSync(fs.readFileSync(path.join(dir, 'per-priority.docx')));
    expect(strFromU8(parts['docProps/app.xml']!)).toMatch(/LibreOffice/);
    // Continuation cells of a rowspan are w:vMerge without a value, holding an empty run.
    expect(strFromU8(parts['word/document.xml']!)).toMatch(/<w:vMerge w:val="continue"\/>|<w:vMerge\/>/);
  });

  it('one table per priority: rowspan outcomes and actions apply to every row, numbers per period with 0 = not rated, the key as the scale', () => {
    const a = docs['per-priority']!;
    expect(a.preview.title).toBe('Children’s Social Care Development Plan 2017-19');
    expect(a.preview.sections).toEqual([
      { number: '1', title: 'Early help and the front door', rows: 3 },
      { number: '2', title: 'Workforce', rows: 2 },
    ]);
    expect(a.preview.columns.map((c) => c.field)).toEqual([
      'objective',
      'description',
      'outcome',
      'lead',
      'responsibleOfficer',
      'dueDate',
      'rating',
      'rating',
      'rating',
      'rating',
      'progress',
    ]);
    expect(a.preview.scaleSource).toBe('key table');
    expect(a.draft.scale.map((l) => [l.key, l.definition])).toEqual([
      ['1', 'Not started or significantly delayed, must be prioritised'],
      ['2', 'Started with some delay, must be monitored'],
      ['3', 'On track for the agreed date'],
      ['4', 'Completed with evidence the improvement is sustained'],
      ['5', 'Completed and sustained, can be removed from the plan'],
    ]);
    // The pre-created future period (all 0) exists but holds no rating; the current period is the last rated.
    expect(a.preview.periods).toEqual(['RAG initial', 'RAG 01/18', 'RAG 03/18', 'RAG 05/18']);
    expect(a.draft.currentPeriod).toBe('RAG 03/18');
    expect(a.draft.template).toBe('development');
    expect(rowsOf(a)).toEqual([
      '1: Children get the right help at the right time / Embed the early help assessment / Assessments completed within 35 days | J Tynan AD (lead); Service Lead R Murdock (responsible) | Jan-18 | RAG initial=1, RAG 01/18=2, RAG 03/18=3 | RAG 03/18: On track.\nCurrently 83% in timescale [Feb data]',
      '1: Children get the right help at the right time / Embed the early help assessment / Re-referrals below 20% | J Tynan AD (lead); Service Lead C Moore (responsible) | October 31st 2017 | RAG initial=2, RAG 01/18=2, RAG 03/18=2 | ',
      '1: Children get the right help at the right time / Review thresholds with partners / Threshold document agreed | S Murphy DCS (lead) | Ongoing | RAG 01/18=3, RAG 03/18=4 | RAG 03/18: Completed.',
      '2: Stable workforce / Recruit permanent social workers / Agency use below 15% | Director HR (lead) | Sept 18 | RAG initial=1, RAG 01/18=1, RAG 03/18=5 | RAG 03/18: Sustained.',
      '2: Stable workforce / Reduce caseloads / Average caseload below 18 | Director HR (lead); Team managers (responsible) | Quarterly (review March 2018) | RAG initial=2, RAG 01/18=3, RAG 03/18=3 | RAG 03/18: On track.',
    ]);
    expect(a.preview.totals).toEqual({ sections: 2, actions: 5, periods: 4, ratings: 14, recommendations: 0 });
    expect(a.preview.warnings).toEqual([]);
  });

  it('one long table: a two-row header with "RAG" spanning the periods, priority rows across the table, shading and words', () => {
    const a = docs['long-table']!;
    expect(a.preview.sections).toEqual([
      { number: '1', title: 'Early help and the front door', rows: 3 },
      { number: '2', title: 'Workforce', rows: 2 },
    ]);
    expect(a.preview.columns.map((c) => `${c.header}>${c.field}`)).toEqual([
      'Outcome>objective',
      'Action>description',
      'Success measure(s)>outcome',
      'Lead>lead',
      'Responsible Officer>responsibleOfficer',
      'Time>dueDate',
      'RAG initial>rating',
      'RAG 01/18>rating',
      'RAG 03/18>rating',
      'Progress update>progress',
    ]);
    expect(a.preview.periods).toEqual(['RAG initial', 'RAG 01/18', 'RAG 03/18']);
    expect(a.draft.scale.map((l) => l.key)).toEqual(['R', 'A', 'G', 'B']);
    expect(rowsOf(a)).toEqual([
      // A <br> inside a cell is the author's line break; &nbsp; becomes a plain space.
      '1: Children get the right help\nat the right time / Embed the early help assessment / Assessments completed within 35 days | J Tynan AD (lead); Service Lead R Murdock (responsible) | Jan-18 | RAG initial=R, RAG 01/18=A, RAG 03/18=G | RAG 03/18: On track.\nCurrently 83% in timescale [Feb data]',
      '1: Children get the right help\nat the right time / Embed the early help assessment / Re-referrals below 20% | J Tynan AD (lead); Service Lead C Moore (responsible) | October 31st 2017 | RAG initial=A, RAG 01/18=A, RAG 03/18=R | ',
      '1: Children get the right help\nat the right time / Review thresholds with partners / Threshold document agreed | S Murphy DCS (lead) | Ongoing | RAG 01/18=G, RAG 03/18=B | RAG 03/18: Completed.',
      '2: Stable workforce / Recruit permanent social workers / Agency use below 15% | Director HR (lead) | Sept 18 | RAG initial=R, RAG 01/18=R, RAG 03/18=A | RAG 03/18: Started.',
      '2: Stable workforce / Reduce caseloads / Average caseload below 18 | Director HR (lead); Team managers (responsible) | Quarterly (review March 2018) | RAG initial=A, RAG 01/18=G, RAG 03/18=G | RAG 03/18: On track.',
    ]);
    expect(a.preview.warnings).toEqual([]);
  });
});
