// @vitest-environment jsdom
/** RatingBadge: colour + shape + text label, contrasting text, "Not rated" for null. */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RatingBadge } from '../../renderer/src/components/RatingBadge';
import { SCALE_PRESETS, toScaleLevels } from '../../shared/ratings';

afterEach(cleanup);

const levels = toScaleLevels(SCALE_PRESETS['rag-blue'].levels);

describe('RatingBadge', () => {
  it('shows the text label, a shape and the colour, with contrasting text', () => {
    render(<RatingBadge level={levels[0]!} levels={levels} />);
    const badge = screen.getByText('Red');
    expect(badge).toHaveStyle({ backgroundColor: '#FF0000' });
    expect(badge.textContent).toBe('■Red');
    expect(badge.getAttribute('title')).toContain('square');
  });

  it('gives each level of a scale a different shape and readable text colour', () => {
    const { container } = render(
      <>
        {levels.map((l) => (
          <RatingBadge key={l.id} level={l} levels={levels} />
        ))}
      </>,
    );
    const shapes = [...container.querySelectorAll('.shape')].map((s) => s.textContent);
    expect(new Set(shapes).size).toBe(levels.length);
    // Amber (FFC000) gets black text; Blue (0070C0) gets white text.
    expect(screen.getByText('Amber')).toHaveStyle({ color: '#000000' });
    expect(screen.getByText('Blue')).toHaveStyle({ color: '#FFFFFF' });
  });

  it('shows "Not rated" (never a colour or 0) for null', () => {
    render(<RatingBadge level={null} />);
    const badge = screen.getByText('Not rated');
    expect(badge).toHaveAttribute('data-rating', 'none');
    expect(badge.textContent).not.toContain('0');
  });

  it('falls back to the level position for the shape when the scale is not given', () => {
    render(<RatingBadge level={levels[2]!} size="sm" />);
    expect(screen.getByText('Green').textContent).toBe('●Green');
  });
});

describe('RatingBadge compact', () => {
  it('shows shape + short key, with the full label for screen readers and in the title', () => {
    const five = toScaleLevels(SCALE_PRESETS['five-level'].levels);
    const { container } = render(
      <RatingBadge level={five[1]!} levels={five} compact size="sm" context="in RAG 03/18" />,
    );
    const badge = container.querySelector('.rating-badge')!;
    expect(badge.querySelector('.visually-hidden')?.textContent).toBe('2 Some delay');
    expect(badge.getAttribute('title')).toContain('2 Some delay in RAG 03/18');
    expect(badge.textContent).toContain('♦2');
  });
});
