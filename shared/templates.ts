/**
 * Plan templates: the three real layouts of domain.md ("Plan structure seen in real plans") plus a blank
 * one. A template gives a new plan its column labels (one model, council-specific labels), its rating
 * scale preset, the words for its levels ("Area for Improvement"), the recommendations heading and the
 * reporting periods to pre-create.
 *
 * Every `ColumnField` appears exactly once in each template's `columns`, in display order; the ones the
 * layout does not use are `visible: false`, so a user can switch them on. Widths are relative weights.
 *
 * Pure TypeScript: no Node, no DOM.
 */
import type { ColumnConfig, ColumnField, PlanTemplate } from './model';
import { COLUMNS } from './columns';
import { SCALE_PRESETS, type LevelInput, type ScalePresetId } from './ratings';

export interface TemplateInfo {
  id: PlanTemplate;
  /** Shown in the "new plan" picker. */
  name: string;
  description: string;
  /** What a level-1 group is called: "Theme", "Area for Improvement", "Priority". */
  sectionNoun: string;
  /** What a level-2 group (Objective) is called: "Objective", "Outcome". */
  objectiveNoun: string;
  /** Every ColumnField once, in display order; unused ones have visible: false. */
  columns: ColumnConfig[];
  /** The rating scale a new plan starts with; null = no rating column (progress text only). */
  scalePreset: ScalePresetId | null;
  recommendationsHeading: string;
  /** Reporting periods created with a new plan, in order (no dates; the author sets them). */
  periodLabels: string[];
}

/** Relative widths: narrow reference and rating, wide progress. */
const W = {
  reference: 0.6,
  rating: 0.8,
  narrow: 1,
  normal: 1.5,
  wide: 2,
  progress: 3,
} as const;

function col(field: ColumnField, label: string, width: number, visible = true): ColumnConfig {
  return { field, label, visible, width };
}

/** 2020 continuous development plan: Reference, Objective, Action, Outcome, Progress, By When, Lead, RAG. */
const CONTINUOUS: TemplateInfo = {
  id: 'continuous',
  name: 'Continuous development plan',
  description:
    'Themes numbered 1, 2, 3 with rated items 1.1, 1.2... Columns Objective, Action, Outcome, Progress, By When, Lead and RAG, with the four-level colour key (as the 2020 continuous development plan).',
  sectionNoun: 'Theme',
  objectiveNoun: 'Objective',
  columns: [
    col('reference', 'Reference', W.reference),
    col('objective', 'Objective', W.normal),
    col('description', 'Action', W.wide),
    col('outcome', 'Outcome', W.normal),
    col('progress', 'Progress', W.progress),
    col('dueDate', 'By When', W.narrow),
    col('lead', 'Lead', W.narrow),
    col('rating', 'RAG', W.rating),
    col('recommendations', 'Ofsted recommendation', W.narrow, false),
    col('strategicLead', 'Strategic Lead', W.narrow, false),
    col('operationalLead', 'Operational Lead', W.narrow, false),
    col('responsibleOfficer', 'Responsible Officer', W.narrow, false),
    col('ratingHistory', 'RAG history', W.rating, false),
  ],
  scalePreset: 'four-level-colour',
  recommendationsHeading: 'Summary of Ofsted recommendations',
  periodLabels: ['Initial'],
};

/** 2014 inspection action plan: Areas for Improvement, no rating column. */
const INSPECTION: TemplateInfo = {
  id: 'inspection',
  name: 'Inspection action plan',
  description:
    "One Area for Improvement per inspector's recommendation, with numbered actions. Columns Action, Description, Strategic Lead, Operational Lead, Timescale, Performance/Outcome and Progress to date. No rating column: progress opens with a status phrase.",
  sectionNoun: 'Area for Improvement',
  objectiveNoun: 'Objective',
  columns: [
    col('reference', 'Action', W.reference),
    col('description', 'Description', W.wide),
    col('strategicLead', 'Strategic Lead', W.narrow),
    col('operationalLead', 'Operational Lead', W.narrow),
    col('dueDate', 'Timescale (By When)', W.narrow),
    col('outcome', 'Performance/Outcome', W.normal),
    col('progress', 'Progress to date and evidence of improvement', W.progress),
    col('objective', 'Objective', W.normal, false),
    col('lead', 'Lead', W.narrow, false),
    col('responsibleOfficer', 'Responsible Officer', W.narrow, false),
    col('recommendations', 'Recommendation', W.narrow, false),
    col('rating', 'Status', W.rating, false),
    col('ratingHistory', 'Status history', W.rating, false),
  ],
  scalePreset: null,
  recommendationsHeading: 'Recommendations from the inspection',
  periodLabels: ['Initial'],
};

/** 2017-19 development plan: priorities, outcomes, a 1-5 rating per reporting period. */
const DEVELOPMENT: TemplateInfo = {
  id: 'development',
  name: 'Development plan (rated 1 to 5 each period)',
  description:
    'Priorities holding outcomes and actions, each with success measures rated 1 to 5 at every reporting point (RAG initial, RAG 01/18, ...). Columns Outcome, Action, Success measure(s), Lead, Responsible Officer, Time, a rating column per period and Progress update (as the 2017-19 development plan).',
  sectionNoun: 'Priority',
  objectiveNoun: 'Outcome',
  columns: [
    col('reference', 'Ref', W.reference, false),
    col('objective', 'Outcome', W.normal),
    col('description', 'Action', W.normal),
    col('outcome', 'Success measure(s)', W.normal),
    col('lead', 'Lead', W.narrow),
    col('responsibleOfficer', 'Responsible Officer', W.narrow),
    col('dueDate', 'Time', W.narrow),
    col('ratingHistory', 'RAG', W.rating),
    col('progress', 'Progress update', W.progress),
    col('rating', 'RAG', W.rating, false),
    col('strategicLead', 'Strategic Lead', W.narrow, false),
    col('operationalLead', 'Operational Lead', W.narrow, false),
    col('recommendations', 'Ofsted recommendation', W.narrow, false),
  ],
  scalePreset: 'five-level',
  recommendationsHeading: 'Ofsted recommendations',
  periodLabels: ['RAG initial'],
};

/** Sensible defaults with a plain RAG scale. */
const BLANK: TemplateInfo = {
  id: 'blank',
  name: 'Blank plan',
  description:
    'Sections with numbered actions, Red/Amber/Green ratings and the usual columns. Change labels and columns to suit.',
  sectionNoun: 'Section',
  objectiveNoun: 'Objective',
  columns: [
    col('reference', 'Ref', W.reference),
    col('description', 'Action', W.wide),
    col('outcome', 'Outcome', W.normal),
    col('progress', 'Progress', W.progress),
    col('dueDate', 'By When', W.narrow),
    col('lead', 'Lead', W.narrow),
    col('rating', 'RAG', W.rating),
    col('objective', 'Objective', W.normal, false),
    col('recommendations', 'Recommendation', W.narrow, false),
    col('strategicLead', 'Strategic Lead', W.narrow, false),
    col('operationalLead', 'Operational Lead', W.narrow, false),
    col('responsibleOfficer', 'Responsible Officer', W.narrow, false),
    col('ratingHistory', 'RAG history', W.rating, false),
  ],
  scalePreset: 'rag',
  recommendationsHeading: 'Recommendations',
  periodLabels: ['Initial'],
};

export const TEMPLATES: Record<PlanTemplate, TemplateInfo> = {
  continuous: CONTINUOUS,
  inspection: INSPECTION,
  development: DEVELOPMENT,
  blank: BLANK,
};

/** A fresh copy of a template's columns (safe to mutate). */
export function templateColumns(template: PlanTemplate): ColumnConfig[] {
  return TEMPLATES[template].columns.map((c) => ({ ...c }));
}

/** The level inputs a new plan from `template` starts with (a copy; [] when the template has no scale). */
export function templateScale(template: PlanTemplate, override?: ScalePresetId): LevelInput[] {
  const preset = override ?? TEMPLATES[template].scalePreset;
  return preset === null ? [] : SCALE_PRESETS[preset].levels.map((l) => ({ ...l }));
}

/**
 * The label of `field` in `columns` (visible or not), or the column registry's (the blank template's) label
 * when the plan's columns do not list it.
 */
export function columnLabel(columns: readonly ColumnConfig[], field: ColumnField): string {
  const found = columns.find((c) => c.field === field);
  return found ? found.label : COLUMNS[field].label;
}
