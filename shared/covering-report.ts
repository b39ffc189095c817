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

export const CoveringReport = z.object({
  id: Id,
  planId: Id,
  periodId: Id,
  content: CoveringReportContent,
  updatedAt: IsoDateTime,
});
export type CoveringReport = z.infer<typeof CoveringReport>;
