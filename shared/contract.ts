/**
 * The IPC contract: one map naming every channel with a zod schema for its input and its output.
 * The main process registers a handler for each channel from this map (see `createDispatcher`), the
 * preload exposes one typed `invoke`, and the renderer gets full type inference from the same map
 * (after Actual Budget's single typed handler map). Every answer is a `Result` envelope.
 */
import { z } from 'zod';
import { CoveringReport, CoveringReportContent } from './covering-report';
import { PlanDraft } from './draft';
import {
  Action,
  ACTION_PATCH_SHAPE,
  AuditEntry,
  ColumnConfig,
  DueChange,
  Id,
  Indicator,
  IndicatorUnit,
  IndicatorYearToDate,
  IsoDate,
  Lead,
  LeadRole,
  Line,
  Objective,
  Person,
  Plan,
  PlanListItem,
  PlanTemplate,
  PlanTree,
  Polarity,
  ProgressUpdate,
  Rating,
  RatingLevel,
  RatingLevelInput,
  Recommendation,
  ReportingPeriod,
  ScalePresetId,
  Section,
  Text,
} from './model';
import { PlanSummary } from './summary-schema';
import { exportChannels } from './contract-export';
import { importChannels } from './contract-import';
import { syncChannels } from './contract-sync';

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}
const ch = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> => ({ input, output });

const PlanRef = z.object({ planId: Id });
const Done = z.object({ ok: z.literal(true) });
/** An indicator's figure: a finite number with a plain message otherwise. */
const IndicatorNumber = z
  .number({ error: 'An indicator value must be a number (leave it empty when it is missing)' })
  .finite('An indicator value must be a finite number');
const Reorder = z.object({ parentId: Id, orderedIds: z.array(Id).min(1).max(100_000) });
/** `{ [key]: Id, archived }`, typed on its key: `{ actoinId: 'x' }` does not compile where `actionId` is asked. */
const ArchiveInput = <K extends string>(key: K) => {
  const shape = { [key]: Id, archived: z.boolean() } as { [P in K]: typeof Id } & { archived: z.ZodBoolean };
  return z.object(shape);
};

const PlanPatch = z
  .object({
    title: z.string().trim().min(1, 'A plan needs a title').max(500),
    organisation: z.string().max(500),
    service: z.string().max(500),
    planPeriod: z.string().max(100),
    introduction: Text,
    governance: Text,
    recommendationsHeading: z.string().max(2000),
    columns: z.array(ColumnConfig).min(1),
    appendixNumber: z.number().int().min(1).max(99),
  })
  .partial()
  .strict();

const SectionPatch = z
  .object({ title: z.string().max(2000), number: z.string().trim().max(40), description: Text })
  .partial()
  .strict();

// Every field ACTION_EDITS (shared/model.ts) marks editable, with its validator.
const ActionPatch = z.object(ACTION_PATCH_SHAPE).partial().strict();

const LeadInput = z.object({
  name: Line.pipe(z.string().min(1, 'A lead needs a name')),
  personId: Id.nullable().default(null),
  role: LeadRole.default('lead'),
});

/** Lead text as written in a lead cell ("F. Dunmore"), to link to a person. */
const LeadText = z.string().trim().min(1, 'Enter the name as the lead cell writes it').max(300);
/** A person's other names: at most 50, each 1-300 characters once trimmed. */
const PersonAliases = z
  .array(z.string().trim().min(1, 'An alias can’t be empty').max(300, 'An alias can be at most 300 characters'))
  .max(50, 'A person can have at most 50 other names');

export const SearchHit = z.object({
  kind: z.enum(['action', 'progress']),
  planId: Id,
  actionId: Id,
  sectionId: Id,
  progressId: Id.nullable(),
  reference: z.string(),
  /** Text around the match; matched words wrapped in [[ ]]. */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const AppInfo = z.object({
  version: z.string(),
  dbPath: z.string(),
  schemaVersion: z.number().int(),
  userName: z.string(),
  /** Set when the plan store is inside a synced folder (OneDrive, SharePoint, Teams, Dropbox…): why to move it. */
  storeWarning: z.string().nullable().optional(),
});

export const BackupInfo = z.object({
  path: z.string(),
  /** upgrade: taken before a schema upgrade; daily: the daily rotation (or "back up now"); restore: the file a restore replaced. */
  kind: z.enum(['upgrade', 'daily', 'restore']),
  at: z.string(),
  bytes: z.number().int().nonnegative(),
  version: z.number().int().nullable(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

/** The full integrity check run in the background after open. */
export const IntegrityStatus = z.object({
  state: z.enum(['unchecked', 'checking', 'ok', 'damaged']),
  detail: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type IntegrityStatus = z.infer<typeof IntegrityStatus>;

export const contract = {
  'app:info': ch(z.object({}), AppInfo),
  'settings:setUserName': ch(z.object({ userName: Line.pipe(z.string().min(1)) }), AppInfo),

  // Plans
  'plans:list': ch(
    z.object({ includeArchived: z.boolean().default(false), trash: z.boolean().default(false) }),
    z.array(PlanListItem),
  ),
  'plans:create': ch(
    z.object({
      title: z.string().trim().min(1, 'A plan needs a title').max(500),
      organisation: z.string().max(500).default(''),
      service: z.string().max(500).default(''),
      planPeriod: z.string().max(100).default(''),
      template: PlanTemplate,
      /** Override the template's rating scale. */
      scalePreset: ScalePresetId.optional(),
    }),
    Plan,
  ),
  'plans:createFromDraft': ch(PlanDraft, Plan),
  /**
   * The built-in sample plan, dated so its current period is the latest one ending on or before `today`
   * (default: the store's today); `today: null` keeps the dates it was written with (January 2026 current).
   */
  'plans:createSample': ch(z.object({ today: IsoDate.nullable().optional() }), Plan),
  'plans:get': ch(PlanRef, PlanTree),
  /**
   * A plan's first screen, first (issue 11.12): every section, and the rows (objectives, actions) of the first
   * sections only (`pendingSectionIds` names the sections whose rows are still to come), with ratings and
   * progress only for the actions `detailedActionIds` names (the first in plan order); with `summary`, every
   * row and the
   * Overview's `summary:get` answer for the default periods as well; with `summary` and `overview`, only the
   * Overview's first screen (the first actions of each of its lists, the summary's actions only those the lists
   * count, no ratings or progress). `plans:get` follows.
   */
  'plans:getFirstScreen': ch(
    z.object({ planId: Id, summary: z.boolean().optional(), overview: z.boolean().optional() }),
    z.object({
      tree: PlanTree,
      detailedActionIds: z.array(Id),
      pendingSectionIds: z.array(Id),
      summary: PlanSummary.optional(),
    }),
  ),
  'plans:update': ch(z.object({ planId: Id, patch: PlanPatch }), Plan),
  'plans:duplicate': ch(z.object({ planId: Id, title: z.string().trim().min(1).max(500).optional() }), Plan),
  'plans:archive': ch(ArchiveInput('planId'), Plan),
  'plans:delete': ch(PlanRef, Done),
  'plans:restore': ch(PlanRef, Plan),
  'plans:purge': ch(PlanRef, Done),

  // Rating scale (replaces the plan's levels; existing ids keep their ratings)
  'scale:set': ch(z.object({ planId: Id, levels: z.array(RatingLevelInput).max(12) }), z.array(RatingLevel)),
  'scale:applyPreset': ch(z.object({ planId: Id, preset: ScalePresetId }), z.array(RatingLevel)),

  // Reporting periods
  'periods:create': ch(
    z.object({
      planId: Id,
      label: z.string().trim().min(1).max(200),
      startDate: IsoDate.nullable().default(null),
      endDate: IsoDate.nullable().default(null),
    }),
    ReportingPeriod,
  ),
  'periods:update': ch(
    z.object({
      periodId: Id,
      patch: z
        .object({
          label: z.string().trim().min(1).max(200),
          startDate: IsoDate.nullable(),
          endDate: IsoDate.nullable(),
        })
        .partial()
        .strict(),
    }),
    ReportingPeriod,
  ),
  'periods:reorder': ch(Reorder, z.array(ReportingPeriod)),
  'periods:setCurrent': ch(
    z.object({ planId: Id, currentPeriodId: Id.nullable(), comparePeriodId: Id.nullable() }),
    Plan,
  ),
  'periods:lock': ch(z.object({ periodId: Id, locked: z.boolean() }), ReportingPeriod),
  'periods:delete': ch(z.object({ periodId: Id }), Done),
  'periods:restore': ch(z.object({ periodId: Id }), ReportingPeriod),

  // Inspection recommendations
  'recommendations:create': ch(
    z.object({
      planId: Id,
      number: z.number().int().nullable().default(null),
      label: z.string().trim().min(1).max(200),
      text: Text,
    }),
    Recommendation,
  ),
  'recommendations:update': ch(
    z.object({
      recommendationId: Id,
      patch: z
        .object({ number: z.number().int().nullable(), label: z.string().trim().min(1).max(200), text: Text })
        .partial()
        .strict(),
    }),
    Recommendation,
  ),
  'recommendations:delete': ch(z.object({ recommendationId: Id }), Done),
  'recommendations:restore': ch(z.object({ recommendationId: Id }), Recommendation),
  'recommendations:link': ch(z.object({ actionId: Id, recommendationIds: z.array(Id).max(200) }), Action),

  // Sections
  'sections:create': ch(
    z.object({
      planId: Id,
      title: z.string().max(2000).default(''),
      number: z.string().trim().max(40).optional(),
      afterSectionId: Id.nullable().optional(),
    }),
    Section,
  ),
  'sections:update': ch(z.object({ sectionId: Id, patch: SectionPatch }), Section),
  'sections:reorder': ch(Reorder, z.array(Section)),
  'sections:renumber': ch(PlanRef, PlanTree),
  'sections:archive': ch(ArchiveInput('sectionId'), Section),
  'sections:delete': ch(z.object({ sectionId: Id }), Done),
  'sections:restore': ch(z.object({ sectionId: Id }), Section),

  // Objectives / outcomes
  'objectives:create': ch(
    z.object({ sectionId: Id, title: Text, afterObjectiveId: Id.nullable().optional() }),
    Objective,
  ),
  'objectives:update': ch(z.object({ objectiveId: Id, patch: z.object({ title: Text }).strict() }), Objective),
  'objectives:reorder': ch(Reorder, z.array(Objective)),
  'objectives:archive': ch(ArchiveInput('objectiveId'), Objective),
  'objectives:delete': ch(z.object({ objectiveId: Id }), Done),
  'objectives:restore': ch(z.object({ objectiveId: Id }), Objective),

  // Actions (the rated unit)
  'actions:create': ch(
    z.object({
      sectionId: Id,
      objectiveId: Id.nullable().default(null),
      afterActionId: Id.nullable().optional(),
      reference: z.string().trim().max(100).optional(),
      description: Text.default(''),
      outcome: Text.default(''),
      dueText: z.string().max(500).default(''),
    }),
    Action,
  ),
  'actions:update': ch(z.object({ actionId: Id, patch: ActionPatch }), Action),
  'actions:move': ch(
    z.object({
      actionId: Id,
      sectionId: Id,
      objectiveId: Id.nullable().default(null),
      index: z.number().int().min(0).optional(),
    }),
    Action,
  ),
  'actions:reorder': ch(Reorder, z.array(Action)),
  'actions:archive': ch(ArchiveInput('actionId'), Action),
  'actions:delete': ch(z.object({ actionId: Id }), Done),
  'actions:restore': ch(z.object({ actionId: Id }), Action),
  'actions:setLeads': ch(z.object({ actionId: Id, leads: z.array(LeadInput).max(50) }), z.array(Lead)),
  'actions:dueHistory': ch(z.object({ actionId: Id }), z.array(DueChange)),

  // People directory and lead suggestions
  'people:list': ch(z.object({ signatoriesOnly: z.boolean().default(false) }), z.array(Person)),
  'people:upsert': ch(
    z.object({
      id: Id.optional(),
      name: z.string().trim().min(1, 'A person needs a name').max(300),
      jobTitle: z.string().max(300).default(''),
      service: z.string().max(300).default(''),
      email: z.string().max(300).default(''),
      signatory: z.boolean().default(false),
      /** Other names the person goes by in lead cells; left out = keep the ones stored. */
      aliases: PersonAliases.optional(),
    }),
    Person,
  ),
  'people:delete': ch(z.object({ personId: Id }), Done),
  'people:restore': ch(z.object({ personId: Id }), Person),
  /**
   * "Link 'F. Dunmore' to a person…": lead text that names nobody in People becomes an alias of an existing
   * person (`personId`), or a new person is added (`newName`, with the text as an alias when it differs).
   */
  'people:link': ch(
    z.union([
      z.object({ text: LeadText, personId: Id }),
      z.object({ text: LeadText, newName: z.string().trim().min(1, 'Enter the person’s name').max(300) }),
    ]),
    Person,
  ),
  'leads:suggest': ch(
    z.object({
      planId: Id.optional(),
      prefix: z.string().max(200).default(''),
      limit: z.number().int().min(1).max(100).default(20),
    }),
    z.array(z.string()),
  ),

  // Ratings and progress, per action and reporting period
  'ratings:set': ch(
    z.object({
      actionId: Id,
      periodId: Id,
      /** null = not rated (never 0). */
      levelId: Id.nullable(),
      explanation: Text.default(''),
      correctiveAction: Text.default(''),
    }),
    Rating.nullable(),
  ),
  'progress:add': ch(
    z.object({ actionId: Id, periodId: Id, body: Text, internal: z.boolean().default(false) }),
    ProgressUpdate,
  ),
  'progress:update': ch(
    z.object({ progressId: Id, patch: z.object({ body: Text, internal: z.boolean() }).partial().strict() }),
    ProgressUpdate,
  ),
  'progress:delete': ch(z.object({ progressId: Id }), Done),
  'progress:restore': ch(z.object({ progressId: Id }), ProgressUpdate),

  // Indicators
  'indicators:upsert': ch(
    z
      .object({
        id: Id.optional(),
        planId: Id,
        sectionId: Id.nullable().default(null),
        name: z
          .string()
          .trim()
          .min(1, 'An indicator needs a name')
          .max(500, 'An indicator name can be at most 500 characters'),
        unit: IndicatorUnit.default('other'),
        polarity: Polarity.default('higher-is-better'),
        baselineLabel: z.string().trim().max(100, 'The baseline year can be at most 100 characters').default(''),
        baseline: IndicatorNumber.nullable().default(null),
        snAverage: IndicatorNumber.nullable().default(null),
        target: IndicatorNumber.nullable().default(null),
        yearToDate: IndicatorYearToDate.default('latest'),
        values: z
          .array(
            z.object({
              label: z
                .string()
                .trim()
                .min(1, 'Each value needs a month or period label')
                .max(100, 'A month label can be at most 100 characters'),
              value: IndicatorNumber.nullable(),
              note: z.string().trim().max(2000, 'A value note can be at most 2,000 characters').default(''),
            }),
          )
          .max(60, 'An indicator can hold at most 60 values')
          .default([]),
        notes: Text.default(''),
      })
      .superRefine((input, ctx) => {
        const seen = new Set<string>();
        input.values.forEach((v, i) => {
          const key = v.label.toLowerCase();
          if (seen.has(key))
            ctx.addIssue({
              code: 'custom',
              path: ['values', i, 'label'],
              message: `The month "${v.label}" appears twice; each month can have one value`,
            });
          seen.add(key);
        });
        if (input.unit === 'percent')
          for (const [field, v] of [
            ['baseline', input.baseline],
            ['snAverage', input.snAverage],
            ['target', input.target],
            ...input.values.map((x, i) => [`values.${i}.value`, x.value] as const),
          ] as const)
            if (v !== null && (v < 0 || v > 100))
              ctx.addIssue({
                code: 'custom',
                path: String(field).split('.'),
                message: `A percentage must be between 0 and 100 (${v} was given)`,
              });
      }),
    Indicator,
  ),
  'indicators:delete': ch(z.object({ indicatorId: Id }), Done),

  // Read models
  'summary:get': ch(
    z.object({ planId: Id, periodId: Id.optional(), compareId: Id.nullable().optional(), today: IsoDate.optional() }),
    PlanSummary,
  ),
  'history:get': ch(
    z.object({ entityId: Id, limit: z.number().int().min(1).max(5000).default(500) }),
    z.array(AuditEntry),
  ),
  'history:plan': ch(
    z.object({
      planId: Id,
      /** Only changes made by this person (as the log names them: see `history:actors`). */
      person: z.string().trim().min(1, 'Choose a person to filter by.').max(200).optional(),
      /** Only changes made during this period's dates, or to its ratings and progress updates. */
      periodId: Id.optional(),
      /** The next page: entries older than this one (the last entry of the page before). */
      before: Id.optional(),
      limit: z
        .number()
        .int('The number of changes to show must be a whole number.')
        .min(1, 'Show at least one change.')
        .max(500, 'At most 500 changes can be shown at once.')
        .default(100),
    }),
    z.array(AuditEntry),
  ),
  'history:actors': ch(z.object({ planId: Id }), z.array(z.string())),
  'search:query': ch(
    z.object({
      planId: Id.optional(),
      query: z.string().trim().min(1).max(500),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    z.array(SearchHit),
  ),

  // Covering report, saved per plan and period
  'coveringReport:get': ch(z.object({ planId: Id, periodId: Id }), CoveringReport),
  'coveringReport:save': ch(z.object({ planId: Id, periodId: Id, content: CoveringReportContent }), CoveringReport),

  // Backups and repair of the plan store (Help › Restore a backup)
  'backups:list': ch(z.object({}), z.array(BackupInfo)),
  'backups:create': ch(z.object({}), BackupInfo),
  'backups:restore': ch(
    z.object({ path: z.string().min(1).max(4096) }),
    z.object({ restored: z.string(), previous: z.string() }),
  ),
  'store:status': ch(z.object({}), IntegrityStatus),
  'store:repair': ch(z.object({}), IntegrityStatus),

  ...exportChannels,
  ...importChannels,
  ...syncChannels,
} as const satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller passes (before defaults and transforms). */
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;

export type ExportChannel = keyof typeof exportChannels;
export type ImportChannel = keyof typeof importChannels;
export type SyncChannel = keyof typeof syncChannels;
/** Channels implemented by the store's service layer (db/). */
export type CoreChannel = Exclude<Channel, ExportChannel | ImportChannel | SyncChannel>;

export const channels = Object.keys(contract) as Channel[];
export const isChannel = (name: unknown): name is Channel => typeof name === 'string' && Object.hasOwn(contract, name);
