/** The covering report's executive summary names the areas needing explanations in plain English (issue 11.11). */
import { describe, expect, it } from 'vitest';
import { coveringDrafts } from '../../shared/covering-drafts';
import { samplePlanDraft } from '../../shared/samples/sample-plan';
import { treeFromDraft } from '../../shared/samples/tree-from-draft';
import { computeSummary } from '../../shared/summary';

describe('covering report: areas needing an explanation', () => {
  it('lists four areas then counts the rest: "in A, B, C, D and 1 other area", never "and D and other areas"', () => {
    const tree = treeFromDraft(samplePlanDraft);
    const summary = computeSummary(tree, { periodId: tree.plan.currentPeriodId });
    const text = coveringDrafts(tree, summary).executiveSummary;
    const sentence = text.split('\n').find((l) => l.includes('needs an explanation and corrective action'))!;
    expect(sentence).toBeDefined();
    expect(sentence).not.toMatch(/ and [^,]+ and other areas/);
    const areas = summary.sections.filter((s) =>
      summary.actions.some(
        (a) =>
          a.sectionId === s.sectionId &&
          a.currentLevelId &&
          tree.levels.find((l) => l.id === a.currentLevelId)?.requiresExplanation,
      ),
    );
    if (areas.length > 4) expect(sentence).toMatch(/, \d Children[^;]* and \d+ other areas?;/);
    else expect(sentence).not.toContain('other area');
  });
});
