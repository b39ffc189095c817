/** Performance indicators alongside the plan (missing values stay null, never zero). */
import type { ParsedInputOf } from '../../shared/contract';
import type { Indicator } from '../../shared/model';
import { DomainError } from '../../shared/result';
import { toIndicator } from '../rows';
import { audit, auditChanges, mustLive, newId, prepare, write } from '../sql';
import { insertRow } from '../tables';
import type { Store } from '../store';
import { indicatorRow, livePlan, liveSection, placeAfter } from './common';

const load = (store: Store, id: string): Indicator => toIndicator(indicatorRow(store, id)!);

export function upsertIndicator(store: Store, input: ParsedInputOf<'indicators:upsert'>, actor: string): Indicator {
  return write(store, actor, (w) => {
    livePlan(store, input.planId);
    if (input.sectionId !== null && liveSection(store, input.sectionId).plan_id !== input.planId)
      throw new DomainError('not_found', 'That section belongs to another plan.');
    const fields = {
      sectionId: input.sectionId,
      name: input.name,
      unit: input.unit,
      polarity: input.polarity,
      baselineLabel: input.baselineLabel,
      baseline: input.baseline,
      snAverage: input.snAverage,
      target: input.target,
      yearToDate: input.yearToDate,
      values: input.values,
      notes: input.notes,
    };
    const columns = [
      fields.sectionId,
      fields.name,
      fields.unit,
      fields.polarity,
      fields.baselineLabel,
      fields.baseline,
      fields.snAverage,
      fields.target,
      fields.yearToDate,
      JSON.stringify(fields.values),
      fields.notes,
    ];
    if (input.id === undefined) {
      const id = newId();
      const position = placeAfter(w, 'indicators', 'plan_id', input.planId, undefined);
      insertRow(store, 'indicators', {
        id,
        plan_id: input.planId,
        section_id: fields.sectionId,
        position,
        name: fields.name,
        unit: fields.unit,
        polarity: fields.polarity,
        baseline_label: fields.baselineLabel,
        baseline: fields.baseline,
        sn_average: fields.snAverage,
        target: fields.target,
        year_to_date: fields.yearToDate,
        values_json: JSON.stringify(fields.values),
        notes: fields.notes,
        updated_at: w.at,
        deleted_at: null,
      });
      audit(w, input.planId, 'indicator', id, 'create', null, null, fields.name);
      return load(store, id);
    }
    const before = toIndicator(mustLive(indicatorRow(store, input.id), 'That indicator'));
    if (before.planId !== input.planId) throw new DomainError('not_found', 'That indicator belongs to another plan.');
    const changed = auditChanges(w, input.planId, 'indicator', before.id, before, fields);
    if (changed.length > 0)
      prepare(
        store.sqlite,
        'UPDATE indicators SET section_id = ?, name = ?, unit = ?, polarity = ?, baseline_label = ?, baseline = ?, sn_average = ?, target = ?, year_to_date = ?, values_json = ?, notes = ?, updated_at = ? WHERE id = ?',
      ).run(...columns, w.at, before.id);
    return load(store, before.id);
  });
}

export function deleteIndicator(store: Store, indicatorId: string, actor: string): { ok: true } {
  return write(store, actor, (w) => {
    const row = mustLive(indicatorRow(store, indicatorId), 'That indicator');
    prepare(store.sqlite, 'UPDATE indicators SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
      w.at,
      w.at,
      indicatorId,
    );
    audit(w, row.plan_id, 'indicator', indicatorId, 'delete', null, row.name, null);
    return { ok: true as const };
  });
}
