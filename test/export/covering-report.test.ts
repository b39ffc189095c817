/** The covering report: portrait A4, Arial 12, the template's header block and numbered sections. */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCoveringReport } from '../../electron/export/covering-report';
import { CoveringReportContent } from '../../shared/covering-report';
import type { PlanTree } from '../../shared/model';
import { computeSummary } from '../../shared/summary';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { CONTROL_TEXT } from './fixtures';
import { all, attr, first, openDocx, textOf, treeFor, type Package } from './helpers';

const content = CoveringReportContent.parse({
  meetingDate: '2018-02-13',
  itemNumber: '7',
  committee: 'Children’s Services Overview and Scrutiny Committee',
  title: 'Children’s Services Improvement Plan: progress update',
  wards: 'All',
  keyDecision: 'non-key',
  reportOf: { name: 'Alex Morgan', jobTitle: 'Assistant Director, Children’s Social Care' },
  accountableAssistantDirector: { name: 'Alex Morgan', jobTitle: 'Assistant Director' },
  accountableDirector: { name: 'Priya Shah', jobTitle: 'Corporate Director of Children’s Services' },
  executiveSummary: `This report updates the Committee on progress.${CONTROL_TEXT}`,
  recommendations: [
    'That the Committee note and comment on progress and direction of travel.',
    'That the Committee receive assurance that the plan will deliver.',
  ],
  introduction: 'Paragraph one.\nParagraph two.',
  implications: {
    financial: {
      text: 'There are no financial implications.',
      verifiedBy: { name: 'Jo Finance', jobTitle: 'Strategic Lead Finance' },
    },
    legal: { text: 'None.', verifiedBy: { name: 'Lee Law', jobTitle: 'Principal Solicitor' } },
    diversity: {
      text: 'The plan improves outcomes for vulnerable children.',
      verifiedBy: { name: 'Sam Equal', jobTitle: 'Community Development Officer' },
    },
    other: '',
  },
  backgroundPapers: ['Ofsted inspection report, June 2025'],
  author: { name: 'Alex Morgan', jobTitle: 'Assistant Director', service: 'Children’s Services' },
});

describe('the covering report', () => {
  let tree: PlanTree;
  let pkg: Package;
  let text: string;
  beforeAll(async () => {
    tree = treeFor(samplePlanDraft);
    pkg = openDocx(await buildCoveringReport(tree, content, computeSummary(tree, {})));
    text = all(pkg.doc, 'p')
      .map((p) => textOf(p))
      .join('\n');
  });

  it('is portrait A4 in Arial 12, British English', () => {
    const pgSz = first(pkg.doc, 'pgSz')!;
    expect(attr(pgSz, 'w')).toBe('11906');
    expect(attr(pgSz, 'h')).toBe('16838');
    expect(attr(pgSz, 'orient')).not.toBe('landscape');
    const styles = pkg.files['word/styles.xml']!;
    expect(styles).toMatch(/w:sz w:val="24"/);
    expect(styles).toMatch(/w:lang w:val="en-GB"/);
  });

  it('has the header block in the template’s order', () => {
    const order = [
      '13 February 2018',
      'ITEM: 7',
      'Children’s Services Overview and Scrutiny Committee',
      'Children’s Services Improvement Plan: progress update',
      'Wards and communities affected: All',
      'Key Decision: Non-key',
      'Report of: Alex Morgan, Assistant Director, Children’s Social Care',
      'Accountable Assistant Director: Alex Morgan, Assistant Director',
      'Accountable Director: Priya Shah, Corporate Director of Children’s Services',
      'This report is Public',
      'Executive Summary',
    ];
    let at = -1;
    for (const piece of order) {
      const next = text.indexOf(piece, at + 1);
      expect(next, piece).toBeGreaterThan(at);
      at = next;
    }
  });

  it('numbers the sections and recommendations, with the pre-filled progress paragraph and summary table', () => {
    for (const h of [
      '1.\tRecommendation(s)',
      '2.\tIntroduction and Background',
      '3.\tIssues, Options and Analysis of Options',
      '4.\tReasons for Recommendation',
      '7.\tImplications',
      '9.\tAppendices to the report',
    ])
      expect(text).toContain(h);
    expect(text).toContain('1.1\tThat the Committee note and comment');
    expect(text).toContain('1.2\tThat the Committee receive assurance');
    expect(text).toContain('2.2\tParagraph two.');
    expect(text).toMatch(/3\.1\tOf 30 actions/);
    expect(all(pkg.doc, 'tbl')).toHaveLength(2);
    expect(text).toContain('Overall');
  });

  it('shows each implication with its verifier, the appendices and the report author', () => {
    expect(text).toContain('Implications verified by: Jo Finance');
    expect(text).toContain('Strategic Lead Finance');
    expect(text).toContain('Implications verified by: Lee Law');
    expect(text).toContain('Implications verified by: Sam Equal');
    expect(text).toContain('Appendix 1 – Children’s Services Continuous Improvement Plan 2025-27'); // one dash style in titles (issue 12 point 9)
    expect(text).toContain('Ofsted inspection report, June 2025');
    expect(text).toMatch(/Report Author:\nAlex Morgan\nAssistant Director\nChildren’s Services/);
  });

  it('has Page X of Y in the footer and no control characters anywhere', () => {
    const footer = Object.entries(pkg.files).find(([n]) => /^word\/footer\d*\.xml$/.test(n))![1];
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    for (const xml of Object.values(pkg.files))
      // eslint-disable-next-line no-control-regex -- looking for control characters
      expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml)).toBe(false);
  });

  it('keeps each “Implications verified by” sign-off whole: name, then the job title under it, one paragraph', () => {
    for (const name of ['Jo Finance', 'Lee Law', 'Sam Equal']) {
      const p = all(pkg.doc, 'p').find((x) => textOf(x).startsWith(`Implications verified by: ${name}`))!;
      expect(p, name).toBeDefined();
      expect(first(p, 'keepLines'), `${name} never splits across pages`).toBeDefined();
      expect(first(p, 'br'), `${name}: job title on its own line`).toBeDefined();
    }
    const finance = all(pkg.doc, 'p').find((x) => textOf(x).startsWith('Implications verified by: Jo Finance'))!;
    expect(textOf(finance)).toBe('Implications verified by: Jo Finance\tStrategic Lead Finance');
  });

  it('says “Not yet verified” when nobody has signed an implication off', async () => {
    const unsigned = {
      ...content,
      implications: { ...content.implications, legal: { text: 'None.', verifiedBy: { name: '', jobTitle: '' } } },
    };
    const out = openDocx(await buildCoveringReport(tree, unsigned, computeSummary(tree, {})));
    expect(textOf(out.doc)).toContain('Implications verified by: Not yet verified');
  });

  it('marks an exempt report with its reason', async () => {
    const exempt = openDocx(
      await buildCoveringReport(
        tree,
        { ...content, publicStatus: 'exempt', exemptReason: 'Paragraph 1 of Schedule 12A' },
        computeSummary(tree, {}),
      ),
    );
    expect(textOf(exempt.doc)).toContain('This report is Exempt: Paragraph 1 of Schedule 12A');
    expect(textOf(exempt.doc)).not.toContain('This report is Public');
  });

  it('uses the author’s edited progress paragraph instead of the pre-filled one', async () => {
    const edited = openDocx(
      await buildCoveringReport(
        tree,
        { ...content, progressParagraph: 'Edited by the author.' },
        computeSummary(tree, {}),
      ),
    );
    expect(textOf(edited.doc)).toContain('Edited by the author.');
    expect(textOf(edited.doc)).not.toContain('Of 30 actions');
  });
});
