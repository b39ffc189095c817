import { describe, expect, it } from 'vitest';
import { ColumnConfig, ColumnField, PlanTemplate, RatingLevelInput } from '../../shared/model';
import { PlanDraft } from '../../shared/draft';
import { TEMPLATES, columnLabel, templateColumns, templateScale } from '../../shared/templates';

const visibleLabels = (t: PlanTemplate): string[] => TEMPLATES[t].columns.filter((c) => c.visible).map((c) => c.label);

describe('TEMPLATES', () => {
  it('has one entry per PlanTemplate, keyed by its id', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...PlanTemplate.options].sort());
    for (const t of PlanTemplate.options) expect(TEMPLATES[t].id).toBe(t);
  });

  it.each(PlanTemplate.options)(
    '%s: every column is a valid ColumnConfig and every field appears exactly once',
    (t) => {
      const cols = TEMPLATES[t].columns;
      for (const c of cols) expect(ColumnConfig.parse(c)).toEqual(c);
      expect(cols.map((c) => c.field).sort()).toEqual([...ColumnField.options].sort());
    },
  );

  it.each(PlanTemplate.options)('%s: a draft using the template columns and scale parses', (t) => {
    const draft = PlanDraft.parse({
      title: 'Test',
      template: t,
      columns: templateColumns(t),
      scale: templateScale(t),
      periods: TEMPLATES[t].periodLabels.map((label) => ({ label })),
    });
    expect(draft.columns).toHaveLength(ColumnField.options.length);
    for (const l of templateScale(t)) expect(() => RatingLevelInput.parse(l)).not.toThrow();
  });

  it('continuous reproduces the 2020 plan', () => {
    expect(visibleLabels('continuous')).toEqual([
      'Reference',
      'Objective',
      'Action',
      'Outcome',
      'Progress',
      'By When',
      'Lead',
      'RAG',
    ]);
    expect(TEMPLATES.continuous.scalePreset).toBe('four-level-colour');
    expect(templateScale('continuous').map((l) => l.label)).toEqual(['Red', 'Amber', 'Green', 'Blue']);
  });

  it('inspection reproduces the 2014 plan, with no rating scale', () => {
    expect(visibleLabels('inspection')).toEqual([
      'Action',
      'Description',
      'Strategic Lead',
      'Operational Lead',
      'Timescale (By When)',
      'Performance/Outcome',
      'Progress to date and evidence of improvement',
    ]);
    expect(TEMPLATES.inspection.scalePreset).toBeNull();
    expect(TEMPLATES.inspection.sectionNoun).toBe('Area for Improvement');
    expect(templateScale('inspection')).toEqual([]);
    const shown = TEMPLATES.inspection.columns.filter((c) => c.visible).map((c) => c.field);
    expect(shown).not.toContain('rating');
    expect(shown).not.toContain('ratingHistory');
  });

  it('development reproduces the 2017-19 plan, with a rating column per period', () => {
    expect(visibleLabels('development')).toEqual([
      'Outcome',
      'Action',
      'Success measure(s)',
      'Lead',
      'Responsible Officer',
      'Time',
      'RAG',
      'Progress update',
    ]);
    const shown = TEMPLATES.development.columns.filter((c) => c.visible).map((c) => c.field);
    expect(shown).toContain('ratingHistory');
    expect(shown).not.toContain('rating');
    expect(TEMPLATES.development.scalePreset).toBe('five-level');
    expect(TEMPLATES.development.periodLabels[0]).toBe('RAG initial');
    expect(TEMPLATES.development.objectiveNoun).toBe('Outcome');
  });

  it('blank uses a RAG scale', () => {
    expect(TEMPLATES.blank.scalePreset).toBe('rag');
  });

  it('widths: reference and rating narrow, progress widest', () => {
    for (const t of PlanTemplate.options) {
      const w = (f: string): number => TEMPLATES[t].columns.find((c) => c.field === f)?.width ?? 0;
      const max = Math.max(...TEMPLATES[t].columns.map((c) => c.width));
      expect(w('progress')).toBe(max);
      expect(w('reference')).toBeLessThan(w('description'));
      expect(w('rating')).toBeLessThan(w('progress'));
    }
  });

  it('templateColumns returns a copy', () => {
    const cols = templateColumns('blank');
    cols[0]!.label = 'Changed';
    expect(TEMPLATES.blank.columns[0]!.label).not.toBe('Changed');
  });
});

describe('columnLabel', () => {
  it('finds the label of a field, visible or not', () => {
    expect(columnLabel(TEMPLATES.inspection.columns, 'dueDate')).toBe('Timescale (By When)');
    expect(columnLabel(TEMPLATES.inspection.columns, 'rating')).toBe('Status');
    expect(columnLabel(TEMPLATES.development.columns, 'outcome')).toBe('Success measure(s)');
  });

  it('falls back to the blank template label when the field is missing', () => {
    expect(columnLabel([], 'progress')).toBe('Progress');
  });
});
