/**
 * A rating shown the only acceptable way: colour swatch + shape glyph + text label, with black or white
 * text chosen for contrast. `level: null` shows "Not rated" (never a colour, never 0).
 */
import { LEVEL_SHAPES, SHAPE_NAMES, contrastingTextColour, levelShape, type ScaleLevel } from '../../../shared/ratings';

/** The parts of a level a badge needs (a stored RatingLevel fits). */
export type BadgeLevel = Pick<ScaleLevel, 'id' | 'position' | 'label' | 'colour'> & Partial<ScaleLevel>;

export interface RatingBadgeProps {
  level: BadgeLevel | null;
  size?: 'sm' | 'md' | 'lg';
  /** The whole scale, so the shape matches the level's order; defaults to the level's position. */
  levels?: readonly BadgeLevel[];
  /** Extra text for screen readers, e.g. the period ("in March 2020"). */
  context?: string;
  /** Dense tables: shape + the level's short key ("2", "R"); the full label stays in the title and for screen readers. */
  compact?: boolean;
}

/** The shape glyph of a level (by its order in the scale). */
export function shapeOf(level: BadgeLevel, levels?: readonly BadgeLevel[]): (typeof LEVEL_SHAPES)[number] {
  if (levels && levels.length > 0) return levelShape(level as ScaleLevel, levels as ScaleLevel[]);
  return LEVEL_SHAPES[Math.abs(level.position) % LEVEL_SHAPES.length] ?? '■';
}

function safeHex(colour: string): string {
  const hex = colour.replace('#', '');
  return /^[0-9a-fA-F]{6}$/.test(hex) ? hex.toUpperCase() : 'BFBFBF';
}

export function RatingBadge({ level, size = 'md', levels, context, compact }: RatingBadgeProps) {
  const sizeClass = size === 'md' ? '' : ` rating-badge-${size}`;
  if (level === null) {
    return (
      <span
        className={`rating-badge not-rated${sizeClass}`}
        data-rating="none"
        title={context ? `Not rated ${context}` : 'Not rated'}
      >
        <span className="shape" aria-hidden="true">
          –
        </span>
        {compact ? (
          <>
            <span aria-hidden="true">–</span>
            <span className="visually-hidden">Not rated</span>
          </>
        ) : (
          'Not rated'
        )}
      </span>
    );
  }
  const bg = safeHex(level.colour);
  const fg = contrastingTextColour(bg);
  const shape = shapeOf(level, levels);
  return (
    <span
      className={`rating-badge${sizeClass}`}
      style={{ backgroundColor: `#${bg}`, color: `#${fg}` }}
      data-rating={level.label}
      title={`${level.label}${context ? ` ${context}` : ''} (${SHAPE_NAMES[shape]})`}
    >
      <span className="shape" aria-hidden="true">
        {shape}
      </span>
      {compact && level.key && level.key.length <= 4 && level.key !== level.label ? (
        <>
          <span aria-hidden="true">{level.key}</span>
          <span className="visually-hidden">{level.label}</span>
        </>
      ) : (
        level.label
      )}
    </span>
  );
}
