/**
 * The plan draft and the preview from what the other stages read: the front matter (title, organisation,
 * service, introduction, governance, the recommendations list), recommendation links, duplicate
 * references, section numbers, the template and columns.
 *
 * Pure: no I/O.
 */
import { COLUMNS } from '../../shared/columns';
import { PlanDraft, type PlanDraftParsed } from '../../shared/draft';
import type { DetectedColumn, ImportPreview } from '../../shared/import-schema';
import type { ColumnConfig, ColumnField, PlanTemplate } from '../../shared/model';
import { templateColumns } from '../../shared/templates';
import { oneLine, type Classified, type RecommendationRow, type Warner } from './classify';
import { importFailed } from './errors';
import type { Periods, ScaleLevelBuild } from './ratings';
import type { Block, SourceDoc } from './source';
import type { RowAction, SectionBuild } from './walk';

export function mostCommonYear(texts: string[]): string | null {
  const counts = new Map<string, number>();
  for (const t of texts) for (const m of t.matchAll(/\b(20\d{2})\b/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [y, c] of counts) if (c > n) [best, n] = [y, c];
  return best;
}

/** The action with this reference; actions without one answer to "section.position" (as the store numbers them). */
function findByReference(sections: SectionBuild[], ref: string): RowAction | undefined {
  for (const s of sections) {
    const i = s.actions.findIndex((a, n) => (a.draft.reference ?? `${s.number ?? ''}.${n + 1}`) === ref);
    if (i >= 0) return s.actions[i];
  }
  return undefined;
}
/** A line naming a plan. */
const PLAN_NAME = /\b(plan|strategy|programme)\b/i;
/** Lines that name a plan but are not the title. */
const NOT_TITLE =
  /^(appendix|key|summary|introduction|governance|reporting period|compared with|this plan|the plan)\b|recommendations?/i;

export interface FrontMatter {
  title: string;
  organisation: string;
  service: string;
  appendixNumber: number;
  introduction: string;
  governance: string;
  recommendationsHeading: string;
  recommendations: { number: number | null; label: string; text: string }[];
}

/**
 * Reads the paragraphs before the first plan table: the title (first heading), the organisation and
 * service above it, "Appendix N", an introduction, governance text, and the recommendations (a numbered
 * list after a paragraph naming recommendations, or a recommendations table).
 */
export function readFrontMatter(
  paras: Extract<Block, { type: 'paragraph' }>[],
  doc: SourceDoc,
  tags: { agency: string }[],
  recTable: RecommendationRow[] | null,
): FrontMatter {
  let titleIdx = paras.findIndex((p) => p.heading);
  if (titleIdx < 0 && doc.kind === 'docx' && paras.length > 0) titleIdx = 0;
  // The title block's line naming the plan ("…Development Plan 2017-19", "LA Action Plan") is the title,
  // not a first heading holding the council's name alone.
  const namesPlan = (p: Extract<Block, { type: 'paragraph' }>): boolean =>
    PLAN_NAME.test(p.text) &&
    oneLine(p.text).length <= 200 &&
    !/[.:;]$/.test(p.text.trim()) &&
    !NOT_TITLE.test(oneLine(p.text));
  const named = paras.findIndex((p, i) => i < 8 && namesPlan(p));
  if (named >= 0 && (titleIdx < 0 || !namesPlan(paras[titleIdx]!))) titleIdx = named;
  const above = titleIdx > 0 ? paras.slice(0, titleIdx) : [];
  const short = above.length <= 2 && above.every((p) => p.text.length < 200);
  const organisation = short ? oneLine(above[0]?.text ?? '') : '';
  const service = short ? oneLine(above[1]?.text ?? '') : '';
  let title = titleIdx >= 0 ? oneLine(paras[titleIdx]!.text) : doc.fileName.replace(/\.[^.]+$/, '');
  // Not the council (and the service after it) repeated in front of the plan's name. A title that only
  // starts with the service ("Children's Services Improvement Plan") is the plan's own name and is kept.
  const strip = (t: string, prefix: string): string | null => {
    if (prefix === '' || !t.toLowerCase().startsWith(prefix.toLowerCase())) return null;
    const rest = t.slice(prefix.length).replace(/^[\s,:;–—-]+/, '');
    return PLAN_NAME.test(rest) ? rest : null;
  };
  const withoutCouncil = strip(title, organisation);
  if (withoutCouncil !== null) title = strip(withoutCouncil, service) ?? withoutCouncil;
  const out: FrontMatter = {
    title,
    organisation,
    service,
    appendixNumber: 1,
    introduction: '',
    governance: '',
    recommendationsHeading: '',
    recommendations: [],
  };
  const intro: string[] = short ? [] : above.map((p) => p.text);
  const governance: string[] = [];
  const list: string[] = [];
  type Mode = 'intro' | 'governance' | 'recs' | 'skip';
  let mode: Mode = 'intro';
  let explicit = false;
  for (const p of paras.slice(titleIdx + 1)) {
    const t = p.text.trim();
    const appendix = /^appendix\s+(\d{1,2})$/i.exec(t);
    if (appendix) {
      out.appendixNumber = Math.max(1, Math.min(99, Number(appendix[1])));
      continue;
    }
    if (/^(reporting period|compared with)\s*:/i.test(t) || /^key( to ratings)?\s*:?$/i.test(t)) continue;
    if (p.heading) {
      explicit = true;
      if (/^introduction$/i.test(t)) mode = 'intro';
      else if (/^governance/i.test(t)) mode = 'governance';
      else if (/recommendation/i.test(t)) {
        mode = 'recs';
        out.recommendationsHeading ||= oneLine(t);
      } else if (/^(summary of all areas|summary|key to ratings|key|contents)$/i.test(t)) mode = 'skip';
      else mode = 'intro';
      continue;
    }
    if (mode === 'skip') continue;
    if (
      !explicit &&
      out.recommendationsHeading === '' &&
      /recommendation/i.test(t) &&
      !/[.:]$/.test(t) &&
      t.length < 200
    ) {
      out.recommendationsHeading = oneLine(t);
      mode = 'recs';
      continue;
    }
    if (mode === 'recs') {
      const typed = /^(?:\(?\d{1,2}[.)]|•|-)\s+(.*)$/.exec(t);
      if (p.numbered || typed) {
        list.push(oneLine(typed && !p.numbered ? (typed[1] ?? '') : t));
        continue;
      }
      if (list.length > 0) mode = explicit ? 'skip' : 'intro';
    }
    if (mode === 'governance') governance.push(t);
    else if (mode !== 'skip') intro.push(t);
  }
  const counts = new Map<string, number>();
  for (const tag of tags) counts.set(tag.agency, (counts.get(tag.agency) ?? 0) + 1);
  const agency =
    [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ??
    (/ofsted/i.test(out.recommendationsHeading) ? 'Ofsted' : 'Recommendation');
  out.recommendations = recTable
    ? recTable.map((r, i) => ({ number: r.number ?? i + 1, label: r.label || `${agency} ${i + 1}`, text: r.text }))
    : list.map((text, i) => ({ number: i + 1, label: `${agency} ${i + 1}`, text }));
  if (out.recommendations.length === 0 && !recTable)
    out.recommendationsHeading = explicit ? out.recommendationsHeading : '';
  out.introduction = intro.join('\n');
  out.governance = governance.join('\n');
  return out;
}

/** The plan's columns: the template's, relabelled with the document's headers; unmapped ones hidden. */
function buildColumns(template: PlanTemplate, detected: DetectedColumn[], periods: number): ColumnConfig[] {
  const base = templateColumns(template);
  const out: ColumnConfig[] = [];
  const seen = new Set<ColumnField>();
  for (const d of detected) {
    if (d.field === 'ignore' || d.field === 'section') continue;
    const field: ColumnField = d.field;
    if (seen.has(field)) continue;
    seen.add(field);
    const b = base.find((c) => c.field === field);
    const header = oneLine(d.header);
    const label =
      header === '' || /^\d+$/.test(header) || field === 'rating' ? (b?.label ?? header) : header.slice(0, 120);
    out.push({ field, label, visible: true, width: b?.width ?? COLUMNS[field].defaultWidth });
  }
  if (periods > 1 && !seen.has('ratingHistory')) {
    const b = base.find((c) => c.field === 'ratingHistory');
    out.push({ field: 'ratingHistory', label: b?.label ?? 'Previous ratings', visible: true, width: b?.width ?? 1 });
    seen.add('ratingHistory');
  }
  for (const b of base) if (!seen.has(b.field)) out.push({ ...b, visible: false });
  return out;
}

/** The front matter read from the paragraphs before the first plan table, with the recommendations linked to the rows that cite them. */
export function readFront(
  doc: SourceDoc,
  classified: Classified,
  sections: SectionBuild[],
  consumed: Set<Block>,
  warn: Warner['warn'],
): FrontMatter {
  const { tables, kinds, recTable } = classified;
  const firstTableIndex = tables.find((t) => kinds.get(t.index)?.kind === 'plan')!.index;
  const preamble: Extract<Block, { type: 'paragraph' }>[] = [];
  for (const b of doc.blocks) {
    if (b.type === 'table' && b.index === firstTableIndex) break;
    if (b.type === 'paragraph' && b.text !== '' && !consumed.has(b)) preamble.push(b);
  }
  const allTags = sections.flatMap((s) => s.actions.flatMap((a) => a.tags));
  const front = readFrontMatter(preamble, doc, allTags, recTable);
  const recommendations = front.recommendations;
  for (const r of recTable ?? []) {
    // "Answered by actions" in a recommendations table links the actions it names.
    for (const ref of r.answeredBy) {
      const action = findByReference(sections, ref);
      if (action) {
        if (!action.tags.some((t) => `${t.agency} ${t.number}` === r.label)) action.links.push(r.label);
      } else
        warn(
          'unknown-reference',
          `The recommendations table says ${r.label} is answered by ${ref}, but no action has that reference.`,
          'Recommendations',
        );
    }
  }
  // Sections that are the inspector's recommendations ("Area for Improvement (1): Ensure that…"): each is a
  // recommendation (the document's own, when its text matches), answered by every action of the area.
  const norm = (t: string): string =>
    oneLine(t)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  for (const s of sections) {
    if (!s.area || s.title === '') continue;
    const same = recommendations.find(
      (r) => r.text !== '' && (norm(r.text).startsWith(norm(s.title)) || norm(s.title).startsWith(norm(r.text))),
    );
    const label = same?.label ?? `Area for Improvement ${s.number ?? recommendations.length + 1}`;
    if (!same && !recommendations.some((r) => r.label === label))
      recommendations.push({ number: /^\d+$/.test(s.number ?? '') ? Number(s.number) : null, label, text: s.title });
    for (const a of s.actions) if (!a.links.includes(label)) a.links.push(label);
  }
  const recommendationLabels = new Set(recommendations.map((r) => r.label));
  for (const t of allTags) {
    const label = `${t.agency} ${t.number}`;
    if (!recommendationLabels.has(label)) {
      recommendationLabels.add(label);
      recommendations.push({ number: t.number, label, text: '' });
      warn(
        'recommendation-text',
        `Rows cite "${label}" but the document has no recommendation list with its text; it was added with no text.`,
        'Recommendations',
      );
    }
  }
  return front;
}

export interface DraftParts {
  front: FrontMatter;
  sections: SectionBuild[];
  periods: Periods;
  levels: ScaleLevelBuild[];
  scaleSource: string;
  year: string | null;
  ratingCount: number;
}

/** The validated draft and the preview. Throws import_failed if what was read is not a plan the store accepts. */
export function buildDraft(
  doc: SourceDoc,
  classified: Classified,
  parts: DraftParts,
  w: Warner,
): { draft: PlanDraftParsed; preview: Omit<ImportPreview, 'token'> } {
  const { previewColumns, headerRowUsed } = classified;
  const { front, sections, levels, scaleSource, year, ratingCount } = parts;
  const { recommendations } = front;
  // A Planwright appendix records the plan's own title (its printed title, which gives the plan's years,
  // adds the plan period).
  const title = doc.planTitle ?? front.title;
  const { labels: periodLabels, current: currentPeriod, compare: comparePeriod } = parts.periods;
  const { warn, warnings } = w;
  // Duplicate references within a section.
  for (const s of sections) {
    const seen = new Set<string>();
    for (const a of s.actions) {
      const ref = a.draft.reference;
      if (ref === undefined) continue;
      if (seen.has(ref))
        warn(
          'duplicate-reference',
          a.sharedReference
            ? `The reference ${ref} is merged over several rated rows; each row was imported as its own action with the reference ${ref}.`
            : `The reference ${ref} appears more than once in section ${s.number ?? s.title}.`,
          a.location,
        );
      seen.add(ref);
    }
  }

  // Number sections that had none.
  let next = 1;
  for (const s of sections) {
    if (s.number !== null && /^\d+$/.test(s.number)) next = Number(s.number) + 1;
    else if (s.number === null) s.number = String(next++);
  }
  const kept = sections.filter((s) => s.actions.length > 0 || s.title !== '' || s.indicators.length > 0);

  // Template and columns.
  const fields = new Set(previewColumns.map((c) => c.field));
  const template: PlanTemplate =
    fields.has('strategicLead') || fields.has('operationalLead')
      ? 'inspection'
      : periodLabels.length > 1 || fields.has('responsibleOfficer')
        ? 'development'
        : fields.has('objective')
          ? 'continuous'
          : 'blank';
  const columns: ColumnConfig[] = buildColumns(template, previewColumns, periodLabels.length);

  const draftInput = {
    title,
    organisation: front.organisation,
    service: front.service,
    planPeriod: year ?? '',
    template,
    introduction: front.introduction,
    governance: front.governance,
    recommendationsHeading: front.recommendationsHeading,
    appendixNumber: front.appendixNumber,
    columns,
    scale: levels.map(({ family: _f, ...l }) => l),
    periods: periodLabels.map((label) => ({ label })),
    ...(currentPeriod ? { currentPeriod } : {}),
    ...(comparePeriod ? { comparePeriod } : {}),
    recommendations,
    sections: kept.map((s) => ({
      number: s.number ?? undefined,
      title: s.title,
      description: s.description,
      actions: s.actions.map((a) => a.draft),
      indicators: s.indicators,
    })),
  };
  const parsed = PlanDraft.safeParse(draftInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw importFailed(
      `The plan read from ${doc.fileName} could not be accepted: ${issue?.message ?? 'invalid'} (${issue?.path.join('.') ?? ''}).`,
    );
  }
  w.finish();

  const actionCount = kept.reduce((n, s) => n + s.actions.length, 0);
  if (actionCount === 0) warn('no-rows', 'The plan table has a header but no rows.', 'Whole document');
  const linked = new Map<string, string[]>();
  for (const s of kept)
    for (const a of s.actions)
      for (const r of a.draft.recommendations) linked.set(r, [...(linked.get(r) ?? []), a.draft.reference ?? '?']);

  return {
    draft: parsed.data,
    preview: {
      fileName: doc.fileName,
      kind: doc.kind,
      sheets: doc.sheets,
      sheet: doc.sheet,
      headerRow: headerRowUsed,
      title,
      sections: kept.map((s) => ({ number: s.number ?? '', title: s.title, rows: s.actions.length })),
      columns: previewColumns,
      scaleSource,
      scale: levels.map((l) => ({ key: l.key, label: l.label, colour: l.colour, definition: l.definition })),
      periods: periodLabels,
      recommendations: recommendations.map((r) => ({
        label: r.label,
        text: r.text,
        linkedTo: linked.get(r.label) ?? [],
      })),
      totals: {
        sections: kept.length,
        actions: actionCount,
        periods: periodLabels.length,
        ratings: ratingCount,
        recommendations: recommendations.length,
      },
      warnings,
      indicators: kept.flatMap((s) =>
        s.indicators.map((i) => ({
          section: `${s.number ?? ''} ${s.title}`.trim(),
          name: i.name,
          unit: i.unit ?? 'other',
          polarity: i.polarity ?? 'higher-is-better',
          values: (i.values ?? []).filter((v) => v.value !== null).length,
          missing: (i.values ?? []).filter((v) => v.value === null).length,
        })),
      ),
    },
  };
}
