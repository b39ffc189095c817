/**
 * The rating scale editor's working copy: levels as the user is typing them, checks on them, and the
 * conversion to the `scale:set` input. Pure (no React), so the rules are easy to test.
 */
import type { RatingLevel, RatingLevelInput } from '../../../shared/model';
import type { LevelInput } from '../../../shared/ratings';

export interface LevelDraft {
  /** Stable React key for the row (the stored id once saved). */
  uid: string;
  /** Stored id, absent for a level not saved yet. */
  id?: string;
  key: string;
  label: string;
  /** As typed in the hex field, with or without '#'. */
  colour: string;
  /** As typed: blank = no numeric value. */
  value: string;
  definition: string;
  countsAsComplete: boolean;
  canBeRemoved: boolean;
  requiresExplanation: boolean;
}

export interface LevelProblems {
  label?: string;
  colour?: string;
  value?: string;
}

export const MAX_LEVELS = 12;
export const LABEL_MESSAGE = 'Every rating level needs a text label';
export const COLOUR_MESSAGE = 'Colour must be six hex digits, for example FF0000';
export const VALUE_MESSAGE = 'The value must be a number, or blank';

const HEX = /^#?[0-9a-fA-F]{6}$/;

/** Six upper-case hex digits without '#', or null when the text is not a colour. */
export function normaliseHex(text: string): string | null {
  const t = text.trim();
  return HEX.test(t) ? t.replace('#', '').toUpperCase() : null;
}

/** Parses the value field: blank -> null, a finite number -> it, anything else -> undefined (invalid). */
export function parseValue(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Problems per level (by uid); an empty object means the scale can be saved. */
export function checkScale(levels: readonly LevelDraft[]): Record<string, LevelProblems> {
  const out: Record<string, LevelProblems> = {};
  for (const l of levels) {
    const p: LevelProblems = {};
    if (l.label.trim() === '') p.label = LABEL_MESSAGE;
    if (normaliseHex(l.colour) === null) p.colour = COLOUR_MESSAGE;
    if (parseValue(l.value) === undefined) p.value = VALUE_MESSAGE;
    if (p.label || p.colour || p.value) out[l.uid] = p;
  }
  return out;
}

export function hasProblems(problems: Record<string, LevelProblems>): boolean {
  return Object.keys(problems).length > 0;
}

/** A draft from a stored level. */
export function draftFromLevel(level: RatingLevel, uid: string = level.id): LevelDraft {
  return {
    uid,
    id: level.id,
    key: level.key,
    label: level.label,
    colour: level.colour,
    value: level.value === null ? '' : String(level.value),
    definition: level.definition,
    countsAsComplete: level.countsAsComplete,
    canBeRemoved: level.canBeRemoved,
    requiresExplanation: level.requiresExplanation,
  };
}

let counter = 0;
/** A fresh level for "Add level": grey, no value, unique key among `existing`. */
export function newLevel(existing: readonly LevelDraft[], from?: LevelInput): LevelDraft {
  counter += 1;
  const keys = new Set(existing.map((l) => l.key));
  let n = existing.length + 1;
  while (keys.has(`L${n}`)) n += 1;
  return {
    uid: `new-${Date.now().toString(36)}-${counter}`,
    key: from?.key && !keys.has(from.key) ? from.key : `L${n}`,
    label: from?.label ?? '',
    colour: from?.colour ?? 'BFBFBF',
    value: from?.value === null || from?.value === undefined ? '' : String(from.value),
    definition: from?.definition ?? '',
    countsAsComplete: from?.countsAsComplete ?? false,
    canBeRemoved: from?.canBeRemoved ?? false,
    requiresExplanation: from?.requiresExplanation ?? false,
  };
}

/** The `scale:set` input for valid drafts (call `checkScale` first). */
export function toLevelInputs(levels: readonly LevelDraft[]): RatingLevelInput[] {
  return levels.map((l) => ({
    ...(l.id ? { id: l.id } : {}),
    key: l.key,
    label: l.label.trim(),
    colour: normaliseHex(l.colour) ?? 'BFBFBF',
    value: parseValue(l.value) ?? null,
    definition: l.definition,
    countsAsComplete: l.countsAsComplete,
    canBeRemoved: l.canBeRemoved,
    requiresExplanation: l.requiresExplanation,
  }));
}

/** Moves the item at `from` by `delta` places (clamped); returns a new array. */
export function move<T>(items: readonly T[], from: number, delta: number): T[] {
  const to = Math.max(0, Math.min(items.length - 1, from + delta));
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}
