/**
 * Columns: the plan's labels over the one model (label, visible, order, relative width), written with
 * `plans:update { columns }` as you go. A label cannot be blank; a width is 0.2 to 10.
 */
import { useMemo } from 'react';
import { COLUMNS } from '../../../shared/columns';
import type { ColumnConfig, ColumnField, PlanTree } from '../../../shared/model';
import { useSettingsEditor } from './useSettingsEditor';
import { move } from './scaleDraft';
import { useAutosave } from '../state/autosave';

interface ColumnDraft {
  field: ColumnField;
  label: string;
  visible: boolean;
  width: string;
}

const toDraft = (c: ColumnConfig): ColumnDraft => ({
  field: c.field,
  label: c.label,
  visible: c.visible,
  width: String(c.width),
});

function problemsOf(d: ColumnDraft): { label?: string; width?: string } {
  const out: { label?: string; width?: string } = {};
  if (d.label.trim() === '') out.label = 'Every column needs a label';
  const w = Number(d.width);
  if (d.width.trim() === '' || !Number.isFinite(w) || w < 0.2 || w > 10)
    out.width = 'Width must be a number from 0.2 to 10';
  return out;
}

const toConfig = (d: ColumnDraft): ColumnConfig => ({
  field: d.field,
  label: d.label.trim(),
  visible: d.visible,
  width: Number(d.width),
});

const sameColumns = (a: readonly ColumnDraft[], b: readonly ColumnDraft[]) =>
  JSON.stringify(a.map(toConfig)) === JSON.stringify(b.map(toConfig));

export function ColumnsTab({ tree, onChanged }: { tree: PlanTree; onChanged(): void }) {
  const editor = useSettingsEditor(tree, onChanged);
  const stored = useMemo(() => tree.plan.columns.map(toDraft), [tree.plan.columns]);
  // Nothing is saved while a label is blank or a width out of range; each message shows in its row.
  const draft = useAutosave({
    stored,
    equals: sameColumns,
    validate: (cols) =>
      cols.some((d) => Object.keys(problemsOf(d)).length > 0) ? 'Fix the highlighted columns to save them' : null,
    save: (cols) => editor.updatePlan({ columns: cols.map(toConfig) }),
  });
  const cols = draft.value;
  const error = draft.state.kind === 'error' ? draft.state.message : null;

  const update = (next: ColumnDraft[], immediate = false) => {
    draft.setValue(next);
    if (immediate) void draft.flush();
  };
  const edit = (field: ColumnField, patch: Partial<ColumnDraft>, immediate = false) =>
    update(
      cols.map((c) => (c.field === field ? { ...c, ...patch } : c)),
      immediate,
    );
  const flush = () => void draft.flush();
  const reorder = (index: number, delta: number) => {
    const next = move(cols, index, delta);
    update(next, true);
    const field = next[Math.max(0, Math.min(next.length - 1, index + delta))]?.field;
    setTimeout(() => document.getElementById(`col-${delta < 0 ? 'up' : 'down'}-${field}`)?.focus(), 0);
  };

  const visible = cols.filter((c) => c.visible);
  const totalWidth = useMemo(
    () => visible.reduce((s, c) => s + (Number(c.width) > 0 ? Number(c.width) : 0), 0),
    [visible],
  );
  const hasRatingColumn = tree.levels.some((l) => l.deletedAt === null);

  return (
    <section aria-labelledby="columns-heading" className="pw-settings-panel">
      <h3 id="columns-heading">Columns</h3>
      <p className="field-hint">
        The plan table and the Word appendix show the visible columns in this order. Width is relative: a column of
        width 2 is twice as wide as one of width 1.
      </p>
      {error ? (
        <p className="notice notice-danger" role="alert">
          Couldn&apos;t save the columns: {error}
        </p>
      ) : null}
      {!hasRatingColumn && cols.some((c) => c.visible && (c.field === 'rating' || c.field === 'ratingHistory')) ? (
        <p className="notice notice-warn">
          This plan has no rating scale yet, so its rating columns stay empty. Add one under Rating scale.
        </p>
      ) : null}

      <div className="pw-colpreview" aria-label="Preview of the column widths">
        {visible.map((c) => (
          <span
            key={c.field}
            style={{ flexGrow: Number(c.width) > 0 ? Number(c.width) : 0.2 }}
            title={`${c.label}: ${totalWidth ? Math.round((Number(c.width) / totalWidth) * 100) : 0}% of the width`}
          >
            {c.label || '(no label)'}
          </span>
        ))}
      </div>

      <table className="pw-table pw-columns">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Holds</th>
            <th scope="col">Label</th>
            <th scope="col">Visible</th>
            <th scope="col">Width</th>
          </tr>
        </thead>
        <tbody>
          {cols.map((c, i) => {
            const p = problemsOf(c);
            const name = c.label.trim() || COLUMNS[c.field].description;
            return (
              <tr key={c.field} className={c.visible ? undefined : 'pw-row-hidden'} data-testid={`column-${c.field}`}>
                <td className="nowrap">
                  <button
                    id={`col-up-${c.field}`}
                    type="button"
                    className="btn btn-small btn-icon"
                    aria-label={`Move ${name} column up`}
                    disabled={i === 0}
                    onClick={() => reorder(i, -1)}
                  >
                    ↑
                  </button>{' '}
                  <button
                    id={`col-down-${c.field}`}
                    type="button"
                    className="btn btn-small btn-icon"
                    aria-label={`Move ${name} column down`}
                    disabled={i === cols.length - 1}
                    onClick={() => reorder(i, 1)}
                  >
                    ↓
                  </button>
                </td>
                <td className="muted">{COLUMNS[c.field].description}</td>
                <td>
                  <input
                    type="text"
                    aria-label={`Label for ${COLUMNS[c.field].description}`}
                    value={c.label}
                    aria-invalid={p.label ? true : undefined}
                    aria-describedby={p.label ? `col-label-err-${c.field}` : undefined}
                    onChange={(e) => edit(c.field, { label: e.target.value })}
                    onBlur={flush}
                  />
                  {p.label ? (
                    <div id={`col-label-err-${c.field}`} className="field-error">
                      {p.label}
                    </div>
                  ) : null}
                </td>
                <td>
                  <label className="pw-check">
                    <input
                      type="checkbox"
                      checked={c.visible}
                      onChange={(e) => edit(c.field, { visible: e.target.checked }, true)}
                    />
                    <span className="visually-hidden">Show {name}</span>
                    <span aria-hidden="true">{c.visible ? 'Shown' : 'Hidden'}</span>
                  </label>
                </td>
                <td>
                  <input
                    type="number"
                    className="pw-narrow"
                    min={0.2}
                    max={10}
                    step={0.1}
                    aria-label={`Width of ${name}`}
                    value={c.width}
                    aria-invalid={p.width ? true : undefined}
                    aria-describedby={p.width ? `col-width-err-${c.field}` : undefined}
                    onChange={(e) => edit(c.field, { width: e.target.value })}
                    onBlur={flush}
                  />
                  {p.width ? (
                    <div id={`col-width-err-${c.field}`} className="field-error">
                      {p.width}
                    </div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
