/**
 * The rating scale editor: the plan's own key, level by level (label, colour, numeric value, definition
 * and the three rules), with add, remove, reorder, presets and a live preview of each badge.
 *
 * The whole scale is written with `scale:set` (existing level ids keep their ratings) as soon as it is
 * valid: after a pause in typing, or at once for add / remove / reorder. Problems are shown next to the
 * control and nothing is saved until they are fixed; a removal the store refuses (the level is in use)
 * is put back with the store's message.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { call } from '../api';
import type { PlanTree, RatingLevel, ScalePresetId } from '../../../shared/model';
import { SCALE_PRESETS, levelShape, type ScaleLevel } from '../../../shared/ratings';
import { RatingBadge } from '../components/RatingBadge';
import { ConfirmDialog } from './ConfirmDialog';
import { useSaveTracker } from './saveStatus';
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

const DEBOUNCE_MS = 700;

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
  const planId = tree.plan.id;
  const { track } = useSaveTracker();
  const idToUid = useRef(new Map<string, string>());
  const build = useCallback(
    (levels: readonly RatingLevel[]) => sorted(levels).map((l) => draftFromLevel(l, idToUid.current.get(l.id) ?? l.id)),
    [],
  );

  const [levels, setLevels] = useState<LevelDraft[]>(() => build(tree.levels));
  const levelsRef = useRef(levels);
  const savedJson = useRef(JSON.stringify(toLevelInputs(levels)));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [rowError, setRowError] = useState<{ uid: string; message: string } | null>(null);
  const [scaleError, setScaleError] = useState<string | null>(null);
  const [preset, setPreset] = useState<ScalePresetId>('rag-blue');
  const [confirmPreset, setConfirmPreset] = useState(false);
  const [presetError, setPresetError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const statusId = useId();

  const problems = useMemo(() => checkScale(levels), [levels]);

  // Follow the stored scale (after a reload or a preset) unless there are unsaved edits.
  useEffect(() => {
    const next = build(tree.levels);
    // Our own save coming back: keep the drafts exactly as typed (a trailing space mid-word stays).
    if (JSON.stringify(toLevelInputs(next)) === savedJson.current) return;
    const dirty = JSON.stringify(toLevelInputs(levelsRef.current)) !== savedJson.current;
    if (dirty) return;
    levelsRef.current = next;
    savedJson.current = JSON.stringify(toLevelInputs(next));
    setLevels(next);
  }, [tree.levels, build]);

  const usage = useMemo(() => {
    const counts = new Map<string, number>();
    for (const r of tree.ratings) if (r.levelId) counts.set(r.levelId, (counts.get(r.levelId) ?? 0) + 1);
    return counts;
  }, [tree.ratings]);

  /** Writes the current drafts if they are valid and changed. Resolves the store's message when refused. */
  const save = useCallback(
    async (tracked = true): Promise<{ ok: true } | { ok: false; message: string | null }> => {
      const current = levelsRef.current;
      if (hasProblems(checkScale(current))) return { ok: false, message: null };
      const inputs = toLevelInputs(current);
      const json = JSON.stringify(inputs);
      if (json === savedJson.current) return { ok: true };
      try {
        // A refused removal is not a failed save (nothing changed): it is reported next to the level only.
        const write = () => call('scale:set', { planId, levels: inputs });
        const stored = sorted(await (tracked ? track(write) : write()));
        const uids = current.map((l) => l.uid);
        const idOf = new Map<string, string>();
        stored.forEach((s, i) => {
          const uid = uids[i];
          if (uid) {
            idToUid.current.set(s.id, uid);
            idOf.set(uid, s.id);
          }
        });
        const withIds = levelsRef.current.map((l) => (l.id || !idOf.has(l.uid) ? l : { ...l, id: idOf.get(l.uid) }));
        levelsRef.current = withIds;
        setLevels(withIds);
        savedJson.current = JSON.stringify(
          toLevelInputs(current.map((l) => (l.id ? l : { ...l, id: idOf.get(l.uid) }))),
        );
        setScaleError(null);
        onChanged();
        return { ok: true };
      } catch (e) {
        return { ok: false, message: errorText(e) };
      }
    },
    [planId, track, onChanged],
  );

  /** Saves after any save already under way; `report` shows a refusal above the levels. */
  const enqueueSave = useCallback(
    (report = true) => {
      const run = () => save(report);
      const next = queue.current.then(run, run).then((r) => {
        if (report && !r.ok && r.message) setScaleError(r.message);
        return r;
      });
      queue.current = next;
      return next;
    },
    [save],
  );

  // Leaving the tab mid-pause still saves what was typed.
  const enqueueRef = useRef(enqueueSave);
  enqueueRef.current = enqueueSave;
  useEffect(
    () => () => {
      if (!timer.current) return;
      clearTimeout(timer.current);
      void enqueueRef.current();
    },
    [],
  );

  const update = (next: LevelDraft[], immediate = false) => {
    levelsRef.current = next;
    setLevels(next);
    setRowError(null);
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (immediate) void enqueueSave();
    else timer.current = setTimeout(() => void enqueueSave(), DEBOUNCE_MS);
  };

  const edit = (uid: string, patch: Partial<LevelDraft>, immediate = false) =>
    update(
      levelsRef.current.map((l) => (l.uid === uid ? { ...l, ...patch } : l)),
      immediate,
    );

  const flush = () => {
    if (!timer.current) return;
    clearTimeout(timer.current);
    timer.current = null;
    void enqueueSave();
  };

  const add = () => {
    const level = newLevel(levelsRef.current);
    // A new level has no label yet, so it is not saved until one is typed.
    update([...levelsRef.current, level]);
    setTimeout(() => document.getElementById(`level-label-${level.uid}`)?.focus(), 0);
  };

  const remove = async (uid: string) => {
    const before = levelsRef.current;
    const removed = before.find((l) => l.uid === uid);
    if (!removed) return;
    const next = before.filter((l) => l.uid !== uid);
    if (!removed.id) {
      // Never saved: just drop it (other pending edits still save after the pause).
      update(next);
      return;
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    levelsRef.current = next;
    setLevels(next);
    setRowError(null);
    const result = await enqueueSave(false);
    if (!result.ok) {
      // Put it back where it was, with the store's message beside it.
      const restored = [...levelsRef.current];
      restored.splice(Math.min(before.indexOf(removed), restored.length), 0, removed);
      levelsRef.current = restored;
      setLevels(restored);
      setRowError({ uid, message: result.message ?? 'Fix the highlighted fields before removing a level.' });
    }
  };

  const reorder = (index: number, delta: number) => {
    const next = move(levelsRef.current, index, delta);
    update(next, true);
    const uid = next[Math.max(0, Math.min(next.length - 1, index + delta))]?.uid;
    setTimeout(() => document.getElementById(`level-${delta < 0 ? 'up' : 'down'}-${uid}`)?.focus(), 0);
  };

  const applyPreset = async () => {
    setBusy(true);
    setPresetError(null);
    try {
      const stored = await track(() => call('scale:applyPreset', { planId, preset }));
      const next = sorted(stored).map((l) => draftFromLevel(l));
      levelsRef.current = next;
      savedJson.current = JSON.stringify(toLevelInputs(next));
      setLevels(next);
      setConfirmPreset(false);
      setScaleError(null);
      onChanged();
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
