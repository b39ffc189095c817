/**
 * The rating scale editor: the plan's own key, level by level (label, colour, numeric value, definition
 * and the three rules), with add, remove, reorder, presets and a live preview of each badge.
 *
 * The whole scale is written through the Editor (`scale:set`, undoable; existing level ids keep their
 * ratings) as soon as it is valid, on the one autosave primitive: after a pause in typing, or at once for
 * add / remove / reorder. Problems are shown next to the control and nothing is saved until they are fixed;
 * a removal the store refuses (the level is in use) is put back with the store's message.
 */
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { PlanTree, RatingLevel, ScalePresetId } from '../../../shared/model';
import { SCALE_PRESETS, levelShape, type ScaleLevel } from '../../../shared/ratings';
import { RatingBadge } from '../components/RatingBadge';
import { ConfirmDialog } from './ConfirmDialog';
import { useSettingsEditor } from './useSettingsEditor';
import { useAutosave, useTracker } from '../state/autosave';
import {
  MAX_LEVELS,
  checkScale,
  draftFromLevel,
  hasProblems,
  move,
  newLevel,
  normaliseHex,
  parseValue,
  toLevelInputs,
  type LevelDraft,
} from './scaleDraft';
import { errorText } from '../errors';

export interface ScaleEditorProps {
  tree: PlanTree;
  onChanged(): void;
}

/** Stored levels, in position order. */
function sorted(levels: readonly RatingLevel[]): RatingLevel[] {
  return levels.filter((l) => l.deletedAt === null).sort((a, b) => a.position - b.position);
}

/** The drafts as ScaleLevels for the preview (an invalid colour previews as grey). */
function previewLevels(drafts: readonly LevelDraft[]): ScaleLevel[] {
  return drafts.map((d, position) => ({
    id: d.uid,
    position,
    key: d.key,
    label: d.label.trim() || '(no label)',
    colour: normaliseHex(d.colour) ?? 'BFBFBF',
    value: parseValue(d.value) ?? null,
    definition: d.definition,
    countsAsComplete: d.countsAsComplete,
    canBeRemoved: d.canBeRemoved,
    requiresExplanation: d.requiresExplanation,
  }));
}

export function ScaleEditor({ tree, onChanged }: ScaleEditorProps) {
  const editor = useSettingsEditor(tree, onChanged);
  const saves = useTracker();
  // A level's row keeps its React key (uid) once saved: stored id -> uid, and uid -> the id the store gave it.
  const idToUid = useRef(new Map<string, string>());
  const uidToId = useRef(new Map<string, string>());
  const stored = useMemo(
    () => sorted(tree.levels).map((l) => draftFromLevel(l, idToUid.current.get(l.id) ?? l.id)),
    [tree.levels],
  );
  const inputsOf = useCallback(
    (drafts: readonly LevelDraft[]) =>
      toLevelInputs(
        drafts.map((d) => (d.id || !uidToId.current.has(d.uid) ? d : { ...d, id: uidToId.current.get(d.uid) })),
      ),
    [],
  );
  /** Remembers the ids the store gave to levels typed here, so later saves carry them. */
  const learnIds = useCallback((drafts: readonly LevelDraft[], levels: readonly RatingLevel[]) => {
    levels.forEach((s, i) => {
      const uid = drafts[i]?.uid;
      if (uid) {
        idToUid.current.set(s.id, uid);
        uidToId.current.set(uid, s.id);
      }
    });
  }, []);
  // The whole scale is written once valid, after a pause or at once (add, remove, reorder, tick boxes).
  const draft = useAutosave<LevelDraft[]>({
    stored,
    equals: (a, b) => JSON.stringify(inputsOf(a)) === JSON.stringify(inputsOf(b)),
    validate: (drafts) => (hasProblems(checkScale(drafts)) ? 'Not saved yet: fix the highlighted fields.' : null),
    save: async (drafts) => learnIds(drafts, await editor.setScale(inputsOf(drafts))),
  });
  const levels = draft.value;
  const [rowError, setRowError] = useState<{ uid: string; message: string } | null>(null);
  const [preset, setPreset] = useState<ScalePresetId>('rag-blue');
  const [confirmPreset, setConfirmPreset] = useState(false);
  const [presetError, setPresetError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const statusId = useId();
  const scaleError = draft.state.kind === 'error' ? draft.state.message : null;

  const problems = useMemo(() => checkScale(levels), [levels]);

  const usage = useMemo(() => {
    const counts = new Map<string, number>();
    for (const r of tree.ratings) if (r.levelId) counts.set(r.levelId, (counts.get(r.levelId) ?? 0) + 1);
    return counts;
  }, [tree.ratings]);

  const update = (next: LevelDraft[], immediate = false) => {
    draft.setValue(next);
    setRowError(null);
    if (immediate) void draft.flush();
  };

  const edit = (uid: string, patch: Partial<LevelDraft>, immediate = false) =>
    update(
      levels.map((l) => (l.uid === uid ? { ...l, ...patch } : l)),
      immediate,
    );

  const flush = () => void draft.flush();

  const add = () => {
    const level = newLevel(levels);
    // A new level has no label yet, so it is not saved until one is typed.
    update([...levels, level]);
    setTimeout(() => document.getElementById(`level-label-${level.uid}`)?.focus(), 0);
  };

  const remove = async (uid: string) => {
    const removed = levels.find((l) => l.uid === uid);
    if (!removed) return;
    const next = levels.filter((l) => l.uid !== uid);
    if (!removed.id && !uidToId.current.has(uid)) {
      // Never saved: just drop it (other pending edits still save after the pause).
      update(next);
      return;
    }
    setRowError(null);
    if (hasProblems(checkScale(next))) {
      setRowError({ uid, message: 'Fix the highlighted fields before removing a level.' });
      return;
    }
    // Written at once, on its own: a removal the store refuses (ratings use the level) leaves the level
    // where it was, with the store's message beside it, and is not tried again.
    await draft.flush();
    try {
      const saved = await editor.setScale(inputsOf(next));
      learnIds(next, saved);
      draft.reset(next);
    } catch (e) {
      setRowError({ uid, message: errorText(e) });
      // Nothing changed and the level is back: not a failed save (the message is beside the level).
      saves.refused();
    }
  };

  const reorder = (index: number, delta: number) => {
    const next = move(levels, index, delta);
    update(next, true);
    const uid = next[Math.max(0, Math.min(next.length - 1, index + delta))]?.uid;
    setTimeout(() => document.getElementById(`level-${delta < 0 ? 'up' : 'down'}-${uid}`)?.focus(), 0);
  };

  const applyPreset = async () => {
    setBusy(true);
    setPresetError(null);
    try {
      await draft.flush();
      const saved = await editor.applyScalePreset(preset);
      draft.reset(saved.map((l) => draftFromLevel(l, idToUid.current.get(l.id) ?? l.id)));
      setConfirmPreset(false);
    } catch (e) {
      setPresetError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const preview = previewLevels(levels);
  const invalid = hasProblems(problems);

  return (
    <section className="pw-scale" aria-labelledby="scale-heading">
      <div className="pw-section-head">
        <h3 id="scale-heading">Rating scale</h3>
        <p className="field-hint">
          The plan&apos;s key, printed in the appendix. Lowest level first. Every rating shows its colour, shape and
          text label. Numeric values are used for averages; leave them blank to average by the order of the levels.
        </p>
      </div>

      <div className="pw-scale__toolbar">
        <div className="pw-inline-field">
          <label htmlFor="scale-preset">Preset</label>
          <select id="scale-preset" value={preset} onChange={(e) => setPreset(e.target.value as ScalePresetId)}>
            {Object.values(SCALE_PRESETS).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <button type="button" className="btn" onClick={() => setConfirmPreset(true)}>
            Apply preset…
          </button>
        </div>
        <div className="pw-scale__preview" aria-label="Preview of the key">
          <span className="field-label">Preview</span>
          {preview.length === 0 ? <span className="muted">No levels</span> : null}
          {preview.map((l) => (
            <RatingBadge key={l.id} level={l} levels={preview} />
          ))}
        </div>
      </div>

      {scaleError ? (
        <p className="notice notice-danger" role="alert">
          Couldn&apos;t save the scale: {scaleError}
        </p>
      ) : null}
      {invalid ? (
        <p id={statusId} className="notice notice-warn" role="status">
          Not saved yet: fix the highlighted fields.
        </p>
      ) : null}

      {levels.length === 0 ? (
        <p className="notice notice-info">
          This plan has no rating scale yet, so it has no rating column. Add a level or apply a preset to start rating
          actions.
        </p>
      ) : null}

      <ol className="pw-levels">
        {levels.map((l, index) => {
          const p = problems[l.uid] ?? {};
          const used = l.id ? (usage.get(l.id) ?? 0) : 0;
          const hex = normaliseHex(l.colour);
          const name = l.label.trim() || `level ${index + 1}`;
          const pv = preview[index];
          return (
            <li key={l.uid} className="pw-level" data-testid="scale-level">
              <fieldset>
                <legend>
                  Level {index + 1}
                  {pv ? (
                    <span className="pw-level__badge">
                      <RatingBadge level={pv} levels={preview} size="sm" />
                    </span>
                  ) : null}
                  {used > 0 ? (
                    <span className="muted small">
                      {' '}
                      · used by {used} rating{used === 1 ? '' : 's'}
                    </span>
                  ) : null}
                  {pv ? <span className="visually-hidden"> shape {levelShape(pv, preview)}</span> : null}
                </legend>
                <div className="pw-level__grid">
                  <div className="field pw-level__label">
                    <label htmlFor={`level-label-${l.uid}`}>Label</label>
                    <input
                      id={`level-label-${l.uid}`}
                      type="text"
                      value={l.label}
                      aria-invalid={p.label ? true : undefined}
                      aria-describedby={p.label ? `level-label-err-${l.uid}` : undefined}
                      onChange={(e) => edit(l.uid, { label: e.target.value })}
                      onBlur={flush}
                    />
                    {p.label ? (
                      <span id={`level-label-err-${l.uid}`} className="field-error">
                        {p.label}
                      </span>
                    ) : null}
                  </div>
                  <div className="field pw-level__colour">
                    <label htmlFor={`level-hex-${l.uid}`}>Colour (hex)</label>
                    <div className="hstack pw-colour">
                      <input
                        type="color"
                        aria-label={`Colour picker for ${name}`}
                        value={`#${hex ?? 'BFBFBF'}`}
                        onChange={(e) => edit(l.uid, { colour: e.target.value.replace('#', '').toUpperCase() })}
                        onBlur={flush}
                      />
                      <input
                        id={`level-hex-${l.uid}`}
                        type="text"
                        className="pw-hex"
                        value={l.colour}
                        maxLength={7}
                        spellCheck={false}
                        aria-invalid={p.colour ? true : undefined}
                        aria-describedby={p.colour ? `level-hex-err-${l.uid}` : undefined}
                        onChange={(e) => edit(l.uid, { colour: e.target.value })}
                        onBlur={flush}
                      />
                    </div>
                    {p.colour ? (
                      <span id={`level-hex-err-${l.uid}`} className="field-error">
                        {p.colour}
                      </span>
                    ) : null}
                  </div>
                  <div className="field pw-level__value">
                    <label htmlFor={`level-value-${l.uid}`}>Value</label>
                    <input
                      id={`level-value-${l.uid}`}
                      type="text"
                      inputMode="decimal"
                      className="pw-narrow"
                      value={l.value}
                      placeholder="blank"
                      aria-invalid={p.value ? true : undefined}
                      aria-describedby={p.value ? `level-value-err-${l.uid}` : `level-value-hint-${l.uid}`}
                      onChange={(e) => edit(l.uid, { value: e.target.value })}
                      onBlur={flush}
                    />
                    {p.value ? (
                      <span id={`level-value-err-${l.uid}`} className="field-error">
                        {p.value}
                      </span>
                    ) : (
                      <span id={`level-value-hint-${l.uid}`} className="visually-hidden">
                        Number used for averages, or blank
                      </span>
                    )}
                  </div>
                  <div className="field pw-level__definition">
                    <label htmlFor={`level-def-${l.uid}`}>Definition</label>
                    <textarea
                      id={`level-def-${l.uid}`}
                      rows={2}
                      value={l.definition}
                      onChange={(e) => edit(l.uid, { definition: e.target.value })}
                      onBlur={flush}
                    />
                  </div>
                  <div className="pw-level__flags">
                    <label className="pw-check">
                      <input
                        type="checkbox"
                        checked={l.countsAsComplete}
                        onChange={(e) => edit(l.uid, { countsAsComplete: e.target.checked }, true)}
                      />{' '}
                      Counts as complete
                    </label>
                    <label className="pw-check">
                      <input
                        type="checkbox"
                        checked={l.canBeRemoved}
                        onChange={(e) => edit(l.uid, { canBeRemoved: e.target.checked }, true)}
                      />{' '}
                      Can be removed from the plan
                    </label>
                    <label className="pw-check">
                      <input
                        type="checkbox"
                        checked={l.requiresExplanation}
                        onChange={(e) => edit(l.uid, { requiresExplanation: e.target.checked }, true)}
                      />{' '}
                      Needs an explanation (red/amber)
                    </label>
                  </div>
                  <div className="pw-level__buttons">
                    <button
                      id={`level-up-${l.uid}`}
                      type="button"
                      className="btn btn-small btn-icon"
                      aria-label={`Move ${name} up`}
                      title="Move up"
                      disabled={index === 0 || invalid}
                      onClick={() => reorder(index, -1)}
                    >
                      ↑
                    </button>
                    <button
                      id={`level-down-${l.uid}`}
                      type="button"
                      className="btn btn-small btn-icon"
                      aria-label={`Move ${name} down`}
                      title="Move down"
                      disabled={index === levels.length - 1 || invalid}
                      onClick={() => reorder(index, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="btn btn-small btn-danger"
                      aria-label={`Remove ${name}`}
                      onClick={() => void remove(l.uid)}
                    >
                      Remove
                    </button>
                  </div>
                </div>
                {rowError?.uid === l.uid ? (
                  <p className="field-error" role="alert">
                    {rowError.message}
                  </p>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn" onClick={add} disabled={levels.length >= MAX_LEVELS}>
        + Add level
      </button>
      {levels.length >= MAX_LEVELS ? (
        <span className="field-hint"> A scale can have at most {MAX_LEVELS} levels.</span>
      ) : null}

      {confirmPreset ? (
        <ConfirmDialog
          title="Replace the rating scale?"
          confirmLabel={`Apply ${SCALE_PRESETS[preset].name}`}
          busy={busy}
          error={presetError}
          onConfirm={() => void applyPreset()}
          onCancel={() => {
            setConfirmPreset(false);
            setPresetError(null);
          }}
        >
          <p>
            This replaces the levels of &ldquo;{tree.plan.title}&rdquo; with{' '}
            <strong>{SCALE_PRESETS[preset].name}</strong>: {SCALE_PRESETS[preset].description}
          </p>
          <p className="muted">
            If actions are already rated with levels that would disappear, the scale is left as it is and you are told
            why.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
