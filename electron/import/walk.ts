/**
 * Walking the document in order: paragraphs become section headings and descriptions, plan tables become
 * rows of actions (section rows, a section column, repeated header rows, continuation rows split across
 * pages, rated sub-rows under a merged reference), each action with its rating observations, progress
 * text and recommendation tags.
 *
 * Pure: no I/O.
 */
import { COLUMNS } from '../../shared/columns';
import { parseDue } from '../../shared/dates';
import type { ActionDraft, IndicatorDraft } from '../../shared/draft';
import type { DetectedColumn, ImportWarningCode, MappedField } from '../../shared/import-schema';
import { ColumnField, type LeadRole } from '../../shared/model';
import { colourFamily } from './colours';
import {
  combine,
  looksLikeReference,
  oneLine,
  openingTags,
  recommendationTags,
  rowTexts,
  sectionHeading,
  splitReference,
  type Classified,
  type HeaderInfo,
  type KeyLevel,
  type Warner,
} from './classify';
import { headerScore, normaliseHeader } from './headers';
import { observeRating, type RatingObs } from './ratings';
import type { Block, GridCell, SourceDoc } from './source';

export interface RowAction {
  draft: ActionDraft & { leads: NonNullable<ActionDraft['leads']>; recommendations: string[] };
  /** period index -> observation */
  ratings: Map<number, RatingObs>;
  progressText: string;
  location: string;
  tags: { agency: string; number: number }[];
  /** Recommendation labels linked from a recommendations table. */
  links: string[];
  /** The reference came from a vertically merged cell (a rated sub-row sharing the reference above). */
  sharedReference?: boolean;
}

export interface SectionBuild {
  number: string | null;
  title: string;
  description: string;
  actions: RowAction[];
  /** The section is one of the inspector's "Area for Improvement (n)" recommendations. */
  area?: boolean;
  /** Performance indicators read from an indicator table of the section. */
  indicators: IndicatorDraft[];
  /** "Average rating: ..." lines typed under the section heading, with where they are. */
  averages: { text: string; location: string }[];
}

/** The lead role of each leads column (shared/columns.ts). */
export const LEAD_ROLES: Partial<Record<MappedField, LeadRole>> = Object.fromEntries(
  ColumnField.options.flatMap((f) => (COLUMNS[f].leadRole ? [[f, COLUMNS[f].leadRole]] : [])),
);

export function appendText(prev: string, next: string, separator = '\n'): string {
  if (next === '' || prev === next) return prev;
  if (prev === '') return next;
  return `${prev}${separator}${next}`;
}

/**
 * True when a cell of a row with no reference shows the row is an action of its own: text in a lead, due
 * date or rating column, or a rating shading that differs from the previous action's in that period.
 * Merged and spanned cells (the row above's) never count.
 */
function ownCell(cell: GridCell | undefined, column: DetectedColumn, last: RowAction, period: number): boolean {
  if (!cell || cell.merged || cell.spanned) return false;
  if (!(LEAD_ROLES[column.field] || column.field === 'dueDate' || column.field === 'rating')) return false;
  if (cell.text.trim() !== '') return true;
  if (column.field !== 'rating' || cell.fill === null || cell.fill === 'FFFFFF') return false;
  const before = last.ratings.get(period);
  return before?.kind !== 'fill' || colourFamily(before.fill) !== colourFamily(cell.fill);
}

const DATEISH =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\b(19|20)\d{2}\b/i;

/** A section heading that is an inspector's recommendation: "Area for Improvement (1): Ensure that…". */
const AREA = /^areas? (?:for|of) improvement\b/i;

/** Columns whose cells may open with a recommendation tag ("Ofsted recco14 There is…"); the tag applies to every row a merged cell spans. */
const TAGGABLE = (f: MappedField): boolean =>
  f !== 'reference' && f !== 'recommendations' && f !== 'rating' && f !== 'section' && f !== 'ignore';

/** Sub-headings within a section (the appendix writes them above the indicator table and the plan table). */
const SUB_HEADING = /^((key )?performance indicators?|indicators|actions|action plan)\s*:?$/i;

export interface Walked {
  sections: SectionBuild[];
  /** The first key table's levels, if the document has one. */
  keyLevels: KeyLevel[] | null;
  /** Paragraphs read as a section heading or description (not part of the introduction). */
  consumed: Set<Block>;
}

/**
 * The exported appendix's per-section standing line on a words scale (electron/export/appendix-model.ts,
 * `describeCounts` in shared/summary.ts): "Ratings for January 2026: 2 Amber and 1 Green. 1 of 3 rated
 * actions (33%) is on track or complete." It is recomputed from the ratings, so reading it back adds nothing.
 */
const STANDING_LINE =
  /^Ratings for [^:]{1,80}: .*(\brated actions? \(\d+%\) (is|are) on track or complete\.|\bnot (yet )?rated\.|^Ratings for [^:]+: No actions\.)$/;

/** Reads the sections and their actions from the document's paragraphs and plan tables, in order. */
export function walkDocument(doc: SourceDoc, classified: Classified, w: Warner): Walked {
  const { kinds, previewColumns } = classified;
  const { warn, where } = w;
  const unnumbered = unnumberedSectionTitles(doc.blocks, (index) => kinds.get(index)?.kind === 'plan');
  const sections: SectionBuild[] = [];
  let current: SectionBuild | null = null;
  let pendingHeading: { number: string | null; title: string; area?: boolean } | null = null;
  let keyLevels: KeyLevel[] | null = null;
  let activeColumns: DetectedColumn[] = previewColumns;
  let activeHeader: HeaderInfo | null = null;
  let started = false;
  /** Indicator tables read before their section's plan table (as the appendix prints them). */
  let pendingIndicators: IndicatorDraft[] = [];
  const newSection = (number: string | null, sectionTitle: string): SectionBuild => {
    const s: SectionBuild = {
      number,
      title: sectionTitle,
      description: '',
      actions: [],
      averages: [],
      indicators: pendingIndicators,
    };
    pendingIndicators = [];
    sections.push(s);
    return s;
  };
  /** Paragraphs read as a section heading or description (not part of the introduction). */
  const consumed = new Set<Block>();
  let pendingBlocks: Block[] = [];
  let pendingDescription: string[] = [];
  let pendingAverages: string[] = [];

  for (const block of doc.blocks) {
    if (block.type === 'paragraph') {
      if (block.text === '') continue;
      // "Performance indicators" and "Actions" headings inside a section are never a section of their own.
      if (SUB_HEADING.test(oneLine(block.text))) {
        if (pendingHeading) pendingBlocks.push(block);
        else if (started) consumed.add(block);
        continue;
      }
      const h =
        sectionHeading(block.text) ?? (unnumbered.has(block) ? { number: null, title: oneLine(block.text) } : null);
      // An unnumbered sub-heading ("Performance indicators", "Actions") under a section heading is not a new section.
      if (!h && block.heading && pendingHeading?.number != null) {
        pendingBlocks.push(block);
        continue;
      }
      if (h || (started && block.heading)) {
        pendingHeading = {
          ...(h ?? { number: null, title: oneLine(block.text) }),
          area: AREA.test(oneLine(block.text)),
        };
        pendingBlocks = [block];
        pendingDescription = [];
        pendingAverages = [];
      } else if (pendingHeading) {
        pendingBlocks.push(block);
        if (/^average (rating|score)s?\b/i.test(block.text)) pendingAverages.push(block.text);
        else if (STANDING_LINE.test(oneLine(block.text)))
          continue; // the appendix's own counts line, not the description
        else pendingDescription.push(block.text);
      }
      continue;
    }
    const kind = kinds.get(block.index)!;
    if (kind.kind === 'key') {
      keyLevels ??= kind.levels;
      continue;
    }
    if (kind.kind === 'indicators') {
      if (pendingHeading || !current) pendingIndicators.push(...kind.read.indicators);
      else current.indicators.push(...kind.read.indicators);
      continue;
    }
    if (kind.kind === 'other' || kind.kind === 'recommendations' || kind.kind === 'summary') continue;
    let bodyStart = 0;
    if (kind.kind === 'plan') {
      activeColumns = kind.columns;
      activeHeader = kind.header;
      bodyStart = kind.header.rows[kind.header.rows.length - 1]! + 1;
    }
    started = true;
    const firstHeaderCell = kind.kind === 'plan' ? normaliseHeader(kind.header.texts[0] ?? '') : '';
    const tableNumber = /^\d+$/.test(firstHeaderCell) ? firstHeaderCell : null;
    if (pendingHeading || tableNumber !== null) {
      if (
        pendingHeading &&
        tableNumber !== null &&
        pendingHeading.number !== null &&
        pendingHeading.number !== tableNumber
      )
        warn(
          'section-number',
          `The heading "${pendingHeading.number} ${pendingHeading.title}" and the table's first header cell "${tableNumber}" disagree; the heading's number is used.`,
          where(block.index, 0),
        );
      current = newSection(pendingHeading?.number ?? tableNumber, pendingHeading?.title ?? '');
      if (pendingHeading?.area) current.area = true;
      current.description = pendingHeading ? pendingDescription.join('\n') : '';
      current.averages = pendingAverages.map((text) => ({ text, location: `Before table ${block.index}` }));
      for (const b of pendingBlocks) consumed.add(b);
      pendingHeading = null;
      pendingBlocks = [];
      pendingDescription = [];
      pendingAverages = [];
    }
    const col = (field: MappedField): DetectedColumn | undefined => activeColumns.find((c) => c.field === field);
    const refCol = col('reference');
    const sectionCol = col('section');
    const ratingColumns = activeColumns.filter((c) => c.field === 'rating');
    const headerTexts = activeHeader ? activeHeader.texts.map(normaliseHeader) : [];
    const width = activeColumns.length;
    let last: RowAction | null = null;

    for (let r = bodyStart; r < block.rows.length; r++) {
      const row = block.rows[r]!;
      const texts = row.cells.map((c) => (c.spanned ? '' : c.text.trim()));
      const nonEmpty = texts.filter((t) => t !== '');
      if (nonEmpty.length === 0 && !row.cells.some((c) => c.fill !== null && !c.merged)) continue;
      // Repeated header rows (or a header row that only changes the section number).
      const norm = row.cells.map((c) => normaliseHeader(oneLine(c.text)));
      if (
        row.header ||
        (headerTexts.length > 0 &&
          norm.length === headerTexts.length &&
          norm.every((t, i) => t === headerTexts[i] || (i === 0 && /^\d+$/.test(t))) &&
          headerScore(texts) >= 2)
      ) {
        const n = norm[0] ?? '';
        if (/^\d+$/.test(n) && n !== (current?.number ?? '') && n !== headerTexts[0]) {
          current = newSection(n, '');
          last = null;
        }
        continue;
      }
      if (activeHeader && activeHeader.rows.length === 2 && headerScore(texts) >= 2 && r + 1 < block.rows.length) {
        const joined = combine(rowTexts(row, true), rowTexts(block.rows[r + 1]!)).map(normaliseHeader);
        if (joined.every((t, i) => t === headerTexts[i])) {
          r++;
          continue;
        }
      }
      // A section row: one cell of text across the table.
      const live = row.cells.filter((c) => !c.spanned && !c.merged && c.text.trim() !== '');
      const spansWide = row.cells[0] !== undefined && row.cells[0].span >= Math.max(2, Math.ceil(width / 2));
      if (
        live.length === 1 &&
        (spansWide ||
          (width > 2 &&
            sectionHeading(live[0]!.text) !== null &&
            !looksLikeReference(texts[refCol?.index ?? -1] ?? 'x')))
      ) {
        const h = sectionHeading(live[0]!.text) ?? { number: null, title: oneLine(live[0]!.text) };
        if (spansWide || h.number !== null) {
          current = newSection(h.number, h.title);
          if (AREA.test(oneLine(live[0]!.text))) current.area = true;
          last = null;
          continue;
        }
      }
      if (sectionCol) {
        const value = oneLine(row.cells[sectionCol.index]?.text ?? '');
        const label = current ? `${current.number ?? ''} ${current.title}`.trim() : null;
        if (value !== '' && value !== label) {
          const h = sectionHeading(value) ?? { number: null, title: value };
          if (!current || h.title !== current.title || h.number !== current.number) {
            current = newSection(h.number, h.title);
            last = null;
          }
        }
      }
      current ??= newSection(null, '');
      const cellOf = (c: DetectedColumn | undefined): GridCell | undefined => (c ? row.cells[c.index] : undefined);
      const refCell = cellOf(refCol);
      const refRaw = refCell && !refCell.merged ? refCell.text.trim() : '';
      const location = where(block.index, r);
      const rowWarn = (code: ImportWarningCode, message: string): void => warn(code, message, location);

      // A row with no reference of its own that carries its own lead, due date or rating is an action (a row
      // missing its reference, or a rated sub-row under a merged reference); one that only adds text is the
      // rest of the row above (a row split across pages), so nothing the author typed is lost either way.
      const ownsAction =
        last !== null && activeColumns.some((c) => ownCell(row.cells[c.index], c, last!, ratingColumns.indexOf(c)));
      // The exported appendix repeats the reference with "(continued)" on each later part of a tall row.
      const continued = /^(.+?)\s*\n\s*\(continued\)$/.exec(refRaw);
      const continuesLast =
        continued !== null &&
        last !== null &&
        current.actions.includes(last) &&
        continued[1]!.trim() === (last.draft.reference ?? '');
      if (
        last !== null &&
        (continuesLast || (refCol && refRaw === '' && current.actions.includes(last) && !ownsAction))
      ) {
        // A continuation row: a row split across pages, or text-only sub-rows under a merged reference.
        for (const c of activeColumns) {
          const cell = row.cells[c.index];
          if (!cell || cell.merged || cell.spanned) continue;
          const text = cell.text.trim();
          // The part above ended mid-paragraph (a paragraph taller than a page, split by the exporter): one paragraph.
          const sep = block.rows[r - 1]?.cells[c.index]?.runsOn ? ' ' : '\n';
          if (TAGGABLE(c.field)) last.tags.push(...openingTags(text));
          switch (c.field) {
            case 'objective':
              last.draft.objective = appendText(last.draft.objective ?? '', text, sep);
              break;
            case 'description':
              last.draft.description = appendText(last.draft.description ?? '', text, sep);
              break;
            case 'outcome':
              last.draft.outcome = appendText(last.draft.outcome ?? '', text, sep);
              break;
            case 'dueDate':
              last.draft.dueText = appendText(last.draft.dueText ?? '', text);
              break;
            case 'progress':
              last.progressText = appendText(last.progressText, text, sep);
              break;
            case 'recommendations':
              last.tags.push(...recommendationTags(text));
              break;
            case 'rating': {
              const p = ratingColumns.indexOf(c);
              const o = observeRating(cell, rowWarn);
              if (o && !last.ratings.has(p)) last.ratings.set(p, o);
              break;
            }
            default: {
              const role = LEAD_ROLES[c.field];
              if (role)
                for (const name of text
                  .split('\n')
                  .map((s) => s.trim())
                  .filter((s) => s !== ''))
                  last.draft.leads.push({ name, role });
            }
          }
        }
        if (!continuesLast)
          rowWarn(
            'continuation-row',
            `A row with no reference${doc.locate === 'sheet' ? ', lead, date or rating' : ''} was read as the continuation of ${last.draft.reference ?? 'the row above'}${doc.locate === 'sheet' ? ' (its text was added to that row)' : ' (a row split across pages)'}.`,
          );
        continue;
      }
      // Under a vertically merged reference the row shares the reference of the row it continues.
      const sharedRef = refCell?.merged === true ? refCell.text.trim() : '';
      if (refCol && refRaw === '' && sharedRef === '')
        rowWarn('no-reference', 'A row has no reference; it was imported as an action without one.');
      const refText = refRaw !== '' ? refRaw : sharedRef;
      const { reference, rest } = refText === '' ? { reference: '', rest: '' } : splitReference(refText);
      const tags = recommendationTags(rest);
      const text = (f: MappedField): string => cellOf(col(f))?.text.trim() ?? '';
      const action: RowAction = {
        draft: {
          ...(reference !== '' ? { reference } : {}),
          ...(col('objective') ? { objective: text('objective') } : {}),
          description: text('description'),
          outcome: text('outcome'),
          dueText: text('dueDate'),
          leads: [],
          recommendations: [],
        },
        ratings: new Map(),
        progressText: text('progress'),
        location,
        tags: [
          ...tags,
          ...recommendationTags(text('recommendations')),
          ...activeColumns.flatMap((c) => (TAGGABLE(c.field) ? openingTags(row.cells[c.index]?.text ?? '') : [])),
        ],
        links: [],
        ...(refRaw === '' && sharedRef !== '' ? { sharedReference: true } : {}),
      };
      for (const c of activeColumns) {
        const role = LEAD_ROLES[c.field];
        if (!role) continue;
        for (const name of (row.cells[c.index]?.text ?? '')
          .split('\n')
          .map((s) => s.trim())
          .filter((s) => s !== ''))
          action.draft.leads.push({ name, role });
      }
      ratingColumns.forEach((c, p) => {
        const o = observeRating(row.cells[c.index], rowWarn);
        if (o) action.ratings.set(p, o);
      });
      const due = action.draft.dueText ?? '';
      if (due !== '' && DATEISH.test(due) && parseDue(due).kind === 'unparsed')
        rowWarn(
          'not-a-date',
          `By when "${oneLine(due)}" looks like a date but could not be read as one; the text is kept exactly as typed.`,
        );
      current.actions.push(action);
      last = action;
    }
  }
  // Indicators after the last plan table belong to the last section.
  if (pendingIndicators.length > 0)
    (sections.at(-1) ?? newSection(pendingHeading?.number ?? null, pendingHeading?.title ?? '')).indicators.push(
      ...pendingIndicators,
    );
  return { sections, keyLevels, consumed };
}

/** Headings of the front matter, never a section's title. */
export const FRONT_HEADING =
  /^(introduction|background|governance|contents|key( to ratings)?|summary( of all areas)?|.*recommendations?.*|appendix\s+\d+|foreword|purpose)\s*:?$/i;

/** A short line that could name a section: no sentence punctuation at the end, a few words. */
const titleLike = (text: string): boolean => {
  const t = oneLine(text);
  return t.length > 0 && t.length <= 100 && !/[.:;,]$/.test(t) && t.split(/\s+/).length <= 12 && !FRONT_HEADING.test(t);
};

/**
 * Paragraphs that name a section without a number (numbered ones are found by `sectionHeading`):
 * - a heading before the first plan table styled like the headings that name sections after it (the
 *   document title and front-matter headings such as "Introduction" or "Key" excepted);
 * - plain short lines, when every plan table (with its own header row) is led by one and none by a heading.
 */
function unnumberedSectionTitles(blocks: readonly Block[], isPlan: (tableIndex: number) => boolean): Set<Block> {
  const out = new Set<Block>();
  const paragraphs = (bs: readonly Block[]): Extract<Block, { type: 'paragraph' }>[] =>
    bs.filter((b): b is Extract<Block, { type: 'paragraph' }> => b.type === 'paragraph' && b.text !== '');
  const firstPlan = blocks.findIndex((b) => b.type === 'table' && isPlan(b.index));
  if (firstPlan < 0) return out;
  const all = paragraphs(blocks);
  const title = all.find((p) => p.heading) ?? all[0];
  const laterStyles = new Set(
    paragraphs(blocks.slice(firstPlan))
      .filter((p) => p.heading)
      .map((p) => p.style),
  );
  const before = paragraphs(blocks.slice(0, firstPlan));
  const heading = before
    .filter(
      (p) =>
        p.heading &&
        !SUB_HEADING.test(oneLine(p.text)) &&
        p !== title &&
        laterStyles.has(p.style) &&
        !FRONT_HEADING.test(oneLine(p.text)) &&
        sectionHeading(p.text) === null,
    )
    .at(-1);
  const last = before.at(-1);
  // Only the heading nearest the table, and only when nothing but its own paragraphs come between.
  if (heading && last && before.indexOf(heading) >= before.findLastIndex((p) => p.heading)) out.add(heading);

  const leaders: Block[] = [];
  let plans = 0;
  let consistent = true;
  let between: Extract<Block, { type: 'paragraph' }>[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph') {
      if (b.text !== '') between.push(b);
      continue;
    }
    if (isPlan(b.index)) {
      plans++;
      const lead = between.at(-1);
      if (between.some((p) => p.heading || sectionHeading(p.text) !== null)) consistent = false;
      else if (lead && lead !== title && titleLike(lead.text)) leaders.push(lead);
      else consistent = false;
    }
    between = [];
  }
  if (consistent && plans >= 2) for (const l of leaders) out.add(l);
  return out;
}
