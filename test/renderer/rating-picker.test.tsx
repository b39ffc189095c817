// @vitest-environment jsdom
/** The rating picker: the plan's own levels with definitions, keyboard radios, explanation requirement. */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RatingLevel } from '../../shared/model';
import { SCALE_PRESETS } from '../../shared/ratings';
import { RatingPicker, needsExplanation } from '../../renderer/src/action/RatingPicker';

afterEach(cleanup);

const levels: RatingLevel[] = SCALE_PRESETS['four-level-colour'].levels.map((l, i) => ({
  ...l,
  id: `00000000-0000-4000-8000-00000000000${i + 1}`,
  planId: '00000000-0000-4000-8000-000000000100',
  position: i,
  updatedAt: '2020-01-01T00:00:00.000Z',
  deletedAt: null,
}));

function Harness({ initial = null as string | null }) {
  const [levelId, setLevel] = useState<string | null>(initial);
  const [explanation, setExplanation] = useState('');
  const [corrective, setCorrective] = useState('');
  return (
    <RatingPicker
      levels={levels}
      levelId={levelId}
      explanation={explanation}
      correctiveAction={corrective}
      onLevel={setLevel}
      onExplanation={setExplanation}
      onCorrectiveAction={setCorrective}
      periodLabel="March 2020"
    />
  );
}

describe('RatingPicker', () => {
  it("lists the plan's own levels with their definitions, plus Not rated", () => {
    render(<Harness />);
    const group = screen.getByRole('radiogroup', { name: 'Rating for March 2020' });
    expect(group).toBeInTheDocument();
    expect(screen.getAllByRole('radio')).toHaveLength(5);
    expect(screen.getByText('Action has not started or progressed')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /Not rated/ })).toBeChecked();
  });

  it('holds a Red rating as "Needs explanation" until both explanation and corrective action are given', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole('radio', { name: /Red/ }));
    expect(screen.getByRole('radio', { name: /Red/ })).toBeChecked();
    expect(screen.getByTestId('explanation-block')).toHaveTextContent('Needs explanation');
    await user.type(screen.getByLabelText(/Explanation/), 'Posts vacant');
    expect(screen.getByTestId('explanation-block')).toHaveTextContent('Needs explanation');
    await user.type(screen.getByLabelText(/Corrective action/), 'Interim staff from April');
    expect(screen.getByTestId('explanation-block')).toHaveTextContent('Explained');
    expect(screen.getByTestId('explanation-block')).not.toHaveTextContent('Needs explanation');
  });

  it('asks nothing more for a level that needs no explanation', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole('radio', { name: /Green/ }));
    expect(screen.queryByTestId('explanation-block')).toBeNull();
  });

  it('is keyboard operable: arrow keys move between levels', async () => {
    const user = userEvent.setup();
    render(<Harness initial={levels[2]!.id} />);
    screen.getByRole('radio', { name: /Green/ }).focus();
    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('radio', { name: /Amber/ })).toBeChecked();
    expect(screen.getByTestId('explanation-block')).toBeInTheDocument();
  });

  it('needsExplanation treats blank text as missing', () => {
    expect(needsExplanation(levels[0], '  ', 'x')).toBe(true);
    expect(needsExplanation(levels[0], 'a', 'b')).toBe(false);
    expect(needsExplanation(levels[2], '', '')).toBe(false);
    expect(needsExplanation(undefined, '', '')).toBe(false);
  });

  it('is read-only for a locked period', () => {
    render(
      <RatingPicker
        levels={levels}
        levelId={levels[0]!.id}
        explanation=""
        correctiveAction=""
        onLevel={() => undefined}
        onExplanation={() => undefined}
        onCorrectiveAction={() => undefined}
        readOnly
      />,
    );
    expect(screen.getByRole('radio', { name: /Amber/ })).toBeDisabled();
    expect(screen.getByLabelText(/Explanation/)).toHaveAttribute('readonly');
  });
});
