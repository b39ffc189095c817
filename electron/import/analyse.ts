/**
 * Turns a SourceDoc (paragraphs and grid tables) into a PlanDraft plus the preview the user confirms, in
 * four stages a reader can hold in mind one at a time:
 * 1. classify (`classify.ts`): what each table is: plan tables with their header rows and column mapping,
 *    the key table, a recommendations table, a typed summary table;
 * 2. walk (`walk.ts`): the document in order: sections from headings, section rows or a section column,
 *    and the actions of each plan table (continuation rows, merged references, recommendation tags);
 * 3. ratings (`ratings.ts`): the scale, the reporting periods (the current one is the latest holding
 *    ratings), each action's ratings and progress, and typed summary figures checked against the rows;
 * 4. draft (`draft.ts`): the front matter, recommendation links, numbering, template and columns, then
 *    the validated draft and the preview.
 *
 * Pure: no I/O. Runs on the main thread after the worker has read the file (it is linear and fast).
 */
import type { PlanDraftParsed } from '../../shared/draft';
import type { ImportOptions, ImportPreview } from '../../shared/import-schema';
import { classifyTables, warner } from './classify';
import { buildDraft, mostCommonYear, readFront } from './draft';
import { chooseScale, presetLevels, readPeriods, reportingPeriodOf, resolveRatings, summaryWarnings } from './ratings';
import type { SourceDoc } from './source';
import { quotedFigureMismatches } from './indicators';
import { walkDocument, type SectionBuild } from './walk';

export { findHeader, recommendationTags, sectionHeading, splitReference } from './classify';
export { splitProgress } from './ratings';

export type AnalyseOptions = Pick<ImportOptions, 'mapping' | 'headerRow' | 'periodLabel' | 'proposedRatings'>;

export interface Analysis {
  draft: PlanDraftParsed;
  preview: Omit<ImportPreview, 'token'>;
}

/** Analyses a read document. Throws import_failed when there is nothing that reads as a plan. */
export function analyse(doc: SourceDoc, options: AnalyseOptions = {}): Analysis {
  const w = warner(doc);
  const classified = classifyTables(doc, options);
  const { sections, keyLevels, consumed } = walkDocument(doc, classified, w);
  const front = readFront(doc, classified, sections, consumed, w.warn);

  const ratingCols = classified.previewColumns.filter((c) => c.field === 'rating');
  const proposed =
    ratingCols.length === 0 && !keyLevels
      ? proposeStatusRatings(sections, options.proposedRatings !== false, w)
      : false;
  const chosen = chooseScale(keyLevels, sections, ratingCols);
  const { levels, scaleSource } = proposed
    ? { levels: presetLevels('words'), scaleSource: 'status phrases (proposed ratings; they can be declined)' }
    : chosen;
  const allDue = sections.flatMap((s) => s.actions.map((a) => a.draft.dueText ?? ''));
  const year = /\b(20\d{2}(?:[-/]\d{2,4})?)\b/.exec(front.title)?.[1] ?? mostCommonYear(allDue);
  // A rating column with no period of its own (the appendix's "Rating") is the period the user names, else the
  // one the document says it reports ("Reporting period: January 2026"), else the plan's years.
  const periods = readPeriods(
    doc.blocks,
    sections,
    ratingCols,
    options.periodLabel ?? reportingPeriodOf(doc.blocks) ?? year ?? 'Imported',
  );
  const ratingCount = resolveRatings(sections, periods.labels, periods.current, levels, w.warn);
  summaryWarnings(classified, sections, periods.labels, levels, w, periods);
  indicatorWarnings(sections, w);

  return buildDraft(doc, classified, { front, sections, periods, levels, scaleSource, year, ratingCount }, w);
}

/** Progress text quoting a figure that disagrees with the latest value of the indicator it names (its section's, else any). */
function indicatorWarnings(sections: SectionBuild[], w: ReturnType<typeof warner>): void {
  const all = sections.flatMap((s) => s.indicators);
  if (all.length === 0) return;
  for (const s of sections)
    for (const a of s.actions)
      for (const m of quotedFigureMismatches(a.progressText, s.indicators.length > 0 ? s.indicators : all))
        w.warn(
          'indicator-mismatch',
          `The progress of ${a.draft.reference ?? 'a row'} quotes ${m.quoted}% ("${m.sentence.length > 90 ? `${m.sentence.slice(0, 89)}…` : m.sentence}"), but the indicator "${m.indicator}" has ${m.latest.value} as its latest value (${m.latest.label}). The indicator's values are kept as they are.`,
          a.location,
        );
}

/** Status phrases that open a progress text, and the level of the words scale each proposes. */
const STATUS: [RegExp, string][] = [
  [/^(completed?|in place|sustained|achieved|done)\b/i, 'Completed'],
  [/^(on track|ongoing|in progress)\b/i, 'On track'],
  [/^(delayed|some progress|behind|slipped)\b/i, 'Delayed'],
  [/^(planned|not started|not yet started)\b/i, 'Not started'],
];

/**
 * A plan with no rating column: the status phrase opening each progress text ("Completed.", "In place.",
 * "On track.", "Planned.") proposes a rating on the words scale, in the one period the progress belongs
 * to. Declined (`accept` false): nothing is proposed, and the preview says how many were left out.
 * Returns whether ratings were proposed.
 */
function proposeStatusRatings(sections: SectionBuild[], accept: boolean, w: ReturnType<typeof warner>): boolean {
  const found: { a: SectionBuild['actions'][number]; label: string }[] = [];
  for (const s of sections)
    for (const a of s.actions) {
      const text = a.progressText.trim();
      const hit = STATUS.find(([re]) => re.test(text) && /^[^.\n]{0,20}[.:\n]|^[^.\n]{0,20}$/.test(text));
      if (hit) found.push({ a, label: hit[1] });
    }
  if (found.length === 0) return false;
  if (!accept) {
    w.warn(
      'proposed-rating',
      `No rating column: ${found.length} rating${found.length === 1 ? ' was' : 's were'} not proposed from the status phrases opening the progress text, as asked; every action is left not rated.`,
      'Whole document',
    );
    return false;
  }
  for (const { a, label } of found) a.ratings.set(0, { kind: 'text', text: label, family: null, fill: null });
  w.warn(
    'proposed-rating',
    `No rating column: ${found.length} rating${found.length === 1 ? ' is' : 's are'} proposed on a words scale (Not started, Delayed, On track, Completed) from the status phrase opening each progress text ("Completed." is Completed, "On track." On track, "Planned." Not started). Import with the proposed ratings declined to leave every action not rated.`,
    'Whole document',
  );
  return true;
}
