/**
 * Round trip: the Word appendix the exporter writes, imported again, gives the same plan (sections,
 * actions, every field the appendix shows, ratings per period, the current progress text, explanations).
 *
 * What the appendix does not carry, and so cannot come back (compared only where it can):
 * - progress updates of earlier periods, internal notes and action notes (the appendix shows the latest
 *   published update of the reported period, and leaves internal text out);
 * - explanations and corrective actions of earlier periods (shown only for the reported period);
 * - reporting periods after the reported one and period dates (the test asks for the whole rating history);
 * - lead roles where the layout has no column for them (they are shown in the Lead column);
 * - references when the layout has no reference column (the store numbers actions itself);
 * - the exporter adds the plan period to the title when it is not in it already.
 */
import { describe, expect, it } from 'vitest';
import { buildAppendix } from '../../electron/export/appendix';
import { PlanDraft, type PlanDraftParsed } from '../../shared/draft';
import { ExportOptions } from '../../shared/export-options';
import { largePlanDraft } from '../../shared/samples/large-plan';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { treeFromDraft } from '../../shared/samples/tree-from-draft';
import { importBytes } from './helpers';

interface Comparable {
  sections: {
    number: string | undefined;
    title: string;
    description: string;
    actions: {
      reference: string | undefined;
      objective: string;
      description: string;
      outcome: string;
      dueText: string;
      leads: string[];
      recommendations: string[];
      ratings: string[];
      progress: string;
      explanation: string;
      correctiveAction: string;
    }[];
  }[];
  recommendations: { label: string; text: string }[];
  periods: string[];
  scale: { key: string; label: string; colour: string; definition: string }[];
}

/** What of a draft the appendix shows, in one comparable shape. `refs`: compare references. */
function comparable(d: PlanDraftParsed, refs: boolean): Comparable {
  const current = d.currentPeriod ?? d.periods.at(-1)?.label ?? '';
  const shown = d.periods.slice(0, d.periods.findIndex((p) => p.label === current) + 1).map((p) => p.label);
  const needs = new Set(d.scale.filter((l) => l.requiresExplanation).map((l) => l.key));
  const keyOf = (level: string): string => d.scale.find((l) => l.key === level || l.label === level)?.key ?? level;
  return {
    sections: d.sections.map((s) => ({
      number: s.number,
      title: s.title,
      description: s.description,
      actions: s.actions
        .filter((a) => !a.archived)
        .map((a) => {
          const rating = a.ratings.find((r) => r.period === current);
          const explained = rating !== undefined && needs.has(keyOf(rating.level));
          return {
            reference: refs ? a.reference : undefined,
            objective: a.objective ?? '',
            description: a.description,
            outcome: a.outcome,
            dueText: a.dueText,
            leads: a.leads.map((l) => l.name),
            recommendations: [...a.recommendations].sort(),
            ratings: a.ratings.filter((r) => shown.includes(r.period)).map((r) => `${r.period}=${keyOf(r.level)}`),
            progress: a.progress.filter((p) => p.period === current && !p.internal).at(-1)?.body ?? '',
            explanation: explained ? rating.explanation : '',
            correctiveAction: explained ? rating.correctiveAction : '',
          };
        }),
    })),
    recommendations: d.recommendations.map((r) => ({ label: r.label, text: r.text })),
    periods: shown,
    scale: d.scale.map((l) => ({ key: l.key, label: l.label, colour: l.colour, definition: l.definition })),
  };
}

async function roundTrip(draft: PlanDraftParsed): Promise<PlanDraftParsed> {
  const docx = await buildAppendix(
    treeFromDraft(draft),
    ExportOptions.parse({ ratingHistory: true, historyPeriods: 24 }),
  );
  const { draft: back, preview } = await importBytes(new Uint8Array(docx), 'appendix.docx');
  // The appendix's own summary of all areas agrees with its rows; its recommendations table names real actions.
  expect(preview.warnings.filter((w) => w.code !== 'not-a-date')).toEqual([]);
  return back;
}

describe('export then import gives the same plan', () => {
  it('the sample plan', async () => {
    const draft = PlanDraft.parse(samplePlanDraft);
    const back = await roundTrip(draft);
    expect(back.title).toBe(draft.title);
    expect([back.organisation, back.service, back.introduction, back.governance, back.recommendationsHeading]).toEqual([
      draft.organisation,
      draft.service,
      draft.introduction,
      draft.governance,
      draft.recommendationsHeading,
    ]);
    expect(back.currentPeriod).toBe(draft.currentPeriod);
    const got = comparable(back, true);
    const want = comparable(draft, true);
    for (let s = 0; s < want.sections.length; s++)
      for (let a = 0; a < want.sections[s]!.actions.length; a++)
        expect(got.sections[s]?.actions[a], `${want.sections[s]!.actions[a]!.reference}`).toEqual(
          want.sections[s]!.actions[a],
        );
    expect(got).toEqual(want);
  });

  it('the large benchmark plan (1200 actions, 8 periods)', async () => {
    const draft = PlanDraft.parse(largePlanDraft());
    const back = await roundTrip(draft);
    expect(back.title.startsWith(draft.title)).toBe(true);
    const got = comparable(back, false);
    const want = comparable(draft, false);
    expect(got.sections.map((s) => s.actions.length)).toEqual(want.sections.map((s) => s.actions.length));
    for (let s = 0; s < want.sections.length; s++)
      for (let a = 0; a < want.sections[s]!.actions.length; a++)
        expect(got.sections[s]?.actions[a], `section ${s + 1} action ${a + 1}`).toEqual(want.sections[s]!.actions[a]);
    expect(got).toEqual(want);
    // Lead roles survive where the layout has a column for them (Lead, Responsible Officer).
    expect(back.sections.flatMap((s) => s.actions.flatMap((a) => a.leads))).toEqual(
      draft.sections.flatMap((s) => s.actions.flatMap((a) => a.leads)),
    );
  });
});

/** Issue 12 point 13: re-importing an exported appendix keeps the reporting period's label and the title. */
describe('re-importing an exported appendix', () => {
  const base = PlanDraft.parse(samplePlanDraft);
  const twoPeriods = PlanDraft.parse({
    ...samplePlanDraft,
    title: 'Northmoor Improvement Plan',
    periods: base.periods.slice(0, 2),
    sections: base.sections.map((s) => ({
      ...s,
      actions: s.actions.map((a) => ({
        ...a,
        ratings: a.ratings.filter((r) => r.period !== 'March 2026'),
        progress: a.progress.filter((p) => p.period !== 'March 2026'),
      })),
    })),
  });
  const cycle = async (draft: PlanDraftParsed, history: boolean) => {
    const options = ExportOptions.parse(history ? { ratingHistory: true } : {});
    const docx = await buildAppendix(treeFromDraft(draft), options);
    return (await importBytes(new Uint8Array(docx), 'appendix.docx')).draft;
  };

  for (const [name, draft, title] of [
    ['the sample plan', base, base.title],
    // The appendix prints the plan period after a title without it, and records the plan's own title in a
    // custom document property: the title comes back as typed, never grown by the printed plan period.
    ['a two-period plan whose title has no years', twoPeriods, 'Northmoor Improvement Plan'],
  ] as const)
    for (const history of [false, true])
      it(`${name}, ${history ? 'with' : 'without'} the rating history`, async () => {
        const back = await cycle(draft, history);
        // Without the history the appendix has one "Rating" column: the period it reports, never "2025-27".
        expect(back.periods.map((p) => p.label)).toEqual(
          history ? ['November 2025', 'January 2026'] : ['January 2026'],
        );
        expect(back.currentPeriod).toBe('January 2026');
        expect(back.planPeriod).toBe('2025-27');
        expect(back.title).toBe(title);
        // A second export and import changes nothing: the title does not grow, the period keeps its label.
        const again = await cycle(back, history);
        expect(again.title).toBe(title);
        expect(again.periods.map((p) => p.label)).toEqual(back.periods.map((p) => p.label));
        expect(again.currentPeriod).toBe('January 2026');
      });
});
