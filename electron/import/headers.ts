/**
 * Recognising column headers in the forms real plans use ("By When", "Timescale (By When)", "Time",
 * "Progress to date and evidence of improvement", "Success measure(s)", "Strategic Lead", "RAG 01/18" ...).
 */
import type { MappedField } from '../../shared/import-schema';

/** Lower-case, punctuation to spaces, collapsed. */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/\s*\/\s*/g, '/')
    .replace(/[^a-z0-9/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Rule {
  field: MappedField;
  /** Whole-header matches (confidence 1). */
  exact: RegExp;
  /** Partial matches (confidence 0.7). */
  partial?: RegExp;
}

const RULES: Rule[] = [
  {
    field: 'reference',
    exact: /^(ref|refs|reference|ref no|no|number|item|item no|action no|action ref|#|id)$/,
    partial: /\b(ref|reference)\b/,
  },
  { field: 'strategicLead', exact: /^strategic (lead|owner|officer)s?$/, partial: /\bstrategic\b/ },
  { field: 'operationalLead', exact: /^operational (lead|owner|officer)s?$/, partial: /\boperational\b/ },
  {
    field: 'responsibleOfficer',
    exact: /^(responsible officers?|responsible|officer responsible|accountable officer)$/,
    partial: /\bresponsib/,
  },
  {
    field: 'lead',
    exact: /^(leads?|lead officers?|owners?|lead person|who|lead s|action owner|lead responsibility)$/,
    partial: /\b(lead|owner)s?\b/,
  },
  {
    field: 'dueDate',
    exact:
      /^(by when|timescales?|timescale by when|time|times|deadline|due|due date|target date|date|when|completion date|by|target)$/,
    partial: /\b(by when|timescale|deadline|due|target date|completion)\b/,
  },
  {
    field: 'progress',
    exact:
      /^(progress|progress update|update|progress to date|progress to date and evidence of improvement|commentary|comments|progress and evidence|evidence|current position)$/,
    partial: /\b(progress|update|commentary|evidence of improvement)\b/,
  },
  {
    field: 'outcome',
    exact:
      /^(outcomes?|success measures?|success measure s|success criteria|performance outcome|performance|performance\/outcome|measures?|impact|expected outcomes?|what success looks like|measures of success)$/,
    partial: /\b(success|measure|outcome|impact|performance)\b/,
  },
  {
    field: 'objective',
    exact: /^(objectives?|aims?|goals?|priority outcome|area for improvement|issue)$/,
    partial: /\b(objective|aim|goal)\b/,
  },
  {
    field: 'description',
    exact:
      /^(actions?|description|action description|actions to be taken|what we will do|tasks?|activity|activities|key actions?|how)$/,
    partial: /\b(action|description|task|activit)/,
  },
  {
    field: 'recommendations',
    exact: /^(recommendations?|ofsted recommendations?|inspection recommendations?|recommendation ref|ofsted ref)$/,
    partial: /\brecommend/,
  },
  { field: 'section', exact: /^(priority|theme|section|area|priority area|strategic priority)$/ },
  {
    field: 'rating',
    exact:
      /^(rag|rag rating|rating|status|rag status|bragg?|rag initial|rag \S+|(rag|rating|status) history .+|rating \S+|status \S+|rag at \S+|rag [a-z]+ \d{2,4}|[a-z]+ \d{2,4} rag)$/,
    partial: /\b(rag|rating)\b/,
  },
];

export interface HeaderGuess {
  field: MappedField;
  confidence: number;
}

/** Candidate fields for a header, best first (empty when nothing fits). */
export function guessHeader(header: string): HeaderGuess[] {
  const h = normaliseHeader(header);
  if (h === '') return [];
  const out: HeaderGuess[] = [];
  for (const r of RULES) {
    if (r.exact.test(h)) out.push({ field: r.field, confidence: 1 });
    else if (r.partial?.test(h)) out.push({ field: r.field, confidence: 0.7 });
  }
  // "Action" over "Objective" etc. is decided by rule order among equal confidences; a number alone is a section number.
  if (/^\d+$/.test(h)) out.push({ field: 'reference', confidence: 0.8 });
  return out.sort((a, b) => b.confidence - a.confidence);
}

/** The period a rating header names: "RAG 01/18" -> "RAG 01/18"; a bare "RAG" / "Rating" / "Status" -> null. */
export function periodOfHeader(header: string): string | null {
  const h = normaliseHeader(header);
  if (/^(rag|rag rating|rating|status|rag status|bragg?|current rag|rag current)$/.test(h)) return null;
  const label = header.replace(/\s+/g, ' ').trim();
  // "RAG history November 2025" (the Planwright appendix) -> "November 2025".
  const history = /^.{0,40}?\bhistory\s+(.+)$/i.exec(label);
  return history ? (history[1] ?? label) : label;
}

/** How many cells of a row read as known headers with full confidence. */
export function headerScore(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (guessHeader(c).some((g) => g.confidence >= 1)) n++;
  return n;
}
