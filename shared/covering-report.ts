/** The covering report (Thurrock-style committee template), saved per plan and reporting period. */
import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, Text } from './model';

const Signatory = z.object({ name: z.string().max(300).default(''), jobTitle: z.string().max(300).default('') });
const Implication = z.object({ text: Text.default(''), verifiedBy: Signatory.default({ name: '', jobTitle: '' }) });

export const CoveringReportContent = z.object({
  meetingDate: IsoDate.nullable().default(null),
  itemNumber: z.string().max(20).default(''),
  committee: z.string().max(300).default(''),
  title: z.string().max(500).default(''),
  wards: z.string().max(500).default('All'),
  keyDecision: z.enum(['key', 'non-key']).default('non-key'),
  reportOf: Signatory.default({ name: '', jobTitle: '' }),
  accountableAssistantDirector: Signatory.default({ name: '', jobTitle: '' }),
  accountableDirector: Signatory.default({ name: '', jobTitle: '' }),
  publicStatus: z.enum(['public', 'exempt']).default('public'),
  exemptReason: z.string().max(1000).default(''),
  executiveSummary: Text.default(''),
  recommendations: z.array(Text).default([]),
  introduction: Text.default(''),
  /** Pre-filled from the plan ("Of 41 actions, 12 improved since March 2020 ..."), editable. */
  progressParagraph: Text.default(''),
  issuesAndOptions: Text.default(''),
  reasons: Text.default(''),
  consultation: Text.default(''),
  impact: Text.default(''),
  implications: z
    .object({
      financial: Implication.default({ text: '', verifiedBy: { name: '', jobTitle: '' } }),
      legal: Implication.default({ text: '', verifiedBy: { name: '', jobTitle: '' } }),
      diversity: Implication.default({ text: '', verifiedBy: { name: '', jobTitle: '' } }),
      other: Text.default(''),
    })
    .default({
      financial: { text: '', verifiedBy: { name: '', jobTitle: '' } },
      legal: { text: '', verifiedBy: { name: '', jobTitle: '' } },
      diversity: { text: '', verifiedBy: { name: '', jobTitle: '' } },
      other: '',
    }),
  backgroundPapers: z.array(z.string().max(1000)).default([]),
  appendices: z.array(z.string().max(1000)).default([]),
  author: z
    .object({
      name: z.string().max(300).default(''),
      jobTitle: z.string().max(300).default(''),
      service: z.string().max(300).default(''),
    })
    .default({ name: '', jobTitle: '', service: '' }),
});
export type CoveringReportContent = z.output<typeof CoveringReportContent>;
export type CoveringReportInput = z.input<typeof CoveringReportContent>;

/**
 * The header fields every covering report needs (issue 12.11), in the template's order: the editor marks
 * them required, and the document shows a visible "[... to be added]" in place of each one left empty.
 */
export const REQUIRED_HEADER_FIELDS = [
  { key: 'meetingDate', label: 'meeting date', missing: (c: CoveringReportContent) => !c.meetingDate },
  { key: 'itemNumber', label: 'item number', missing: (c: CoveringReportContent) => !c.itemNumber.trim() },
  { key: 'committee', label: 'committee', missing: (c: CoveringReportContent) => !c.committee.trim() },
  { key: 'reportOf', label: 'report of', missing: (c: CoveringReportContent) => !c.reportOf.name.trim() },
  {
    key: 'accountableAssistantDirector',
    label: 'accountable assistant director',
    missing: (c: CoveringReportContent) => !c.accountableAssistantDirector.name.trim(),
  },
  {
    key: 'accountableDirector',
    label: 'accountable director',
    missing: (c: CoveringReportContent) => !c.accountableDirector.name.trim(),
  },
  { key: 'author', label: 'report author', missing: (c: CoveringReportContent) => !c.author.name.trim() },
] as const;
export type RequiredHeaderField = (typeof REQUIRED_HEADER_FIELDS)[number]['key'];

/** The required header fields still empty, by key. */
export function missingHeaderFields(c: CoveringReportContent): RequiredHeaderField[] {
  return REQUIRED_HEADER_FIELDS.filter((f) => f.missing(c)).map((f) => f.key);
}

/** What the document prints for an empty required field: "[Meeting date to be added]". */
export function headerPlaceholder(key: RequiredHeaderField): string {
  const label = REQUIRED_HEADER_FIELDS.find((f) => f.key === key)!.label;
  return `[${label[0]!.toUpperCase()}${label.slice(1)} to be added]`;
}

export const CoveringReport = z.object({
  id: Id,
  planId: Id,
  periodId: Id,
  content: CoveringReportContent,
  updatedAt: IsoDateTime,
});
export type CoveringReport = z.infer<typeof CoveringReport>;
