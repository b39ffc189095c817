// @vitest-environment jsdom
/**
 * useAutosave (the one autosave primitive): typing stays local, saves ~400 ms after the last key or at once on
 * blur, unmount or pagehide, never saves a value its check refuses (the message beside the field), never loses text.
 */
import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useMemo } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_DELAY_MS, useAutosave } from '../../renderer/src/state/autosave';
import { AppServicesContext, type AppServices } from '../../renderer/src/state/context';
import { SaveTracker, describeSaveState } from '../../renderer/src/state/saveStatus';
import { UndoStack } from '../../renderer/src/state/undo';

let tracker: SaveTracker;

function Field({ stored, save }: { stored: string; save(v: string): Promise<unknown> }) {
  const draft = useAutosave({ stored, save: (v) => tracker.track(() => save(v)) });
  return (
    <textarea
      aria-label="Progress"
      value={draft.value}
      onChange={(e) => draft.setValue(e.target.value)}
      onBlur={() => void draft.flush()}
    />
  );
}

function Wrapper({ stored, save }: { stored: string; save(v: string): Promise<unknown> }) {
  const services = useMemo<AppServices>(
    () => ({ saves: tracker, undo: new UndoStack(), toast: () => undefined, userName: 'Test' }),
    [],
  );
  return (
    <AppServicesContext.Provider value={services}>
      <Field stored={stored} save={save} />
    </AppServicesContext.Provider>
  );
}

beforeEach(() => {
  tracker = new SaveTracker();
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const type = (text: string) => fireEvent.change(screen.getByLabelText('Progress'), { target: { value: text } });

describe('useAutosave', () => {
  it('saves once, 400 ms after the last change, and shows Saving… meanwhile', async () => {
    const save = vi.fn(async () => undefined);
    render(<Wrapper stored="" save={save} />);
    type('On');
    type('On track');
    expect(describeSaveState(tracker.getState())).toBe('Saving…');
    await act(async () => void vi.advanceTimersByTime(399));
    expect(save).not.toHaveBeenCalled();
    await act(async () => void vi.advanceTimersByTime(1));
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('On track');
    expect(describeSaveState(tracker.getState())).toBe('All changes saved');
  });

  it('saves at once on blur', async () => {
    const save = vi.fn(async () => undefined);
    render(<Wrapper stored="" save={save} />);
    type('Completed.');
    await act(async () => void fireEvent.blur(screen.getByLabelText('Progress')));
    expect(save).toHaveBeenCalledWith('Completed.');
    await act(async () => void vi.advanceTimersByTime(1000));
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('saves on unmount (closing the form)', async () => {
    const save = vi.fn(async () => undefined);
    const { unmount } = render(<Wrapper stored="" save={save} />);
    type('Planned.');
    await act(async () => void unmount());
    expect(save).toHaveBeenCalledWith('Planned.');
  });

  it('keeps the typed text when a save fails, says so, and retries on the next flush', async () => {
    const save = vi.fn().mockRejectedValueOnce(new Error('The period is locked')).mockResolvedValue(undefined);
    render(<Wrapper stored="" save={save} />);
    type('Delayed.');
    await act(async () => void fireEvent.blur(screen.getByLabelText('Progress')));
    expect(describeSaveState(tracker.getState())).toBe("Couldn't save: The period is locked");
    expect(screen.getByLabelText('Progress')).toHaveValue('Delayed.');
    await act(async () => void fireEvent.blur(screen.getByLabelText('Progress')));
    expect(save).toHaveBeenCalledTimes(2);
    expect(describeSaveState(tracker.getState())).toBe('All changes saved');
  });

  it('follows the stored value (undo, reload) when nothing is being typed, but never over typing', async () => {
    const save = vi.fn(async () => undefined);
    const { rerender } = render(<Wrapper stored="First" save={save} />);
    rerender(<Wrapper stored="Second" save={save} />);
    expect(screen.getByLabelText('Progress')).toHaveValue('Second');
    type('Typing now');
    rerender(<Wrapper stored="Third" save={save} />);
    expect(screen.getByLabelText('Progress')).toHaveValue('Typing now');
  });

  it('does not save when the text ends up unchanged', async () => {
    const save = vi.fn(async () => undefined);
    render(<Wrapper stored="Same" save={save} />);
    type('Sam');
    type('Same');
    await act(async () => void vi.advanceTimersByTime(500));
    expect(save).not.toHaveBeenCalled();
    expect(describeSaveState(tracker.getState())).toBe('All changes saved');
  });
});

/** A field on the one primitive with a local check, its message beside it (as the settings fields show it). */
function CheckedField({ save }: { save(v: string): Promise<unknown> }) {
  const draft = useAutosave({
    stored: '1',
    save,
    validate: (v) => (/^\d{1,2}$/.test(v.trim()) ? null : 'The appendix number must be a whole number from 1 to 99'),
  });
  return (
    <>
      <input
        aria-label="Appendix number"
        value={draft.value}
        aria-invalid={draft.error ? true : undefined}
        onChange={(e) => draft.setValue(e.target.value)}
        onBlur={() => void draft.flush()}
      />
      {draft.error ? <p role="alert">{draft.error}</p> : null}
    </>
  );
}

describe('useAutosave with a check (one primitive for every autosaving field)', () => {
  const services = (): AppServices => ({
    saves: tracker,
    undo: new UndoStack(),
    toast: () => undefined,
    userName: 'Test',
  });
  const field = () => screen.getByLabelText('Appendix number');

  it('never saves a half-typed invalid value, after the pause, on blur or on unmount; the message sits beside the field', async () => {
    const save = vi.fn(async () => undefined);
    const { unmount } = render(
      <AppServicesContext.Provider value={services()}>
        <CheckedField save={save} />
      </AppServicesContext.Provider>,
    );
    fireEvent.change(field(), { target: { value: '1x' } });
    expect(screen.getByRole('alert')).toHaveTextContent('The appendix number must be a whole number from 1 to 99');
    expect(field()).toHaveAttribute('aria-invalid', 'true');
    // Not "Saving…" for a value that cannot be saved.
    expect(describeSaveState(tracker.getState())).not.toBe('Saving…');
    await act(async () => void vi.advanceTimersByTime(2000));
    await act(async () => void fireEvent.blur(field()));
    expect(save).not.toHaveBeenCalled();
    expect(field()).toHaveValue('1x');
    await act(async () => void unmount());
    expect(save).not.toHaveBeenCalled();
  });

  it('clears the message when the value is corrected, then saves it after the pause', async () => {
    const save = vi.fn(async () => undefined);
    render(
      <AppServicesContext.Provider value={services()}>
        <CheckedField save={save} />
      </AppServicesContext.Provider>,
    );
    fireEvent.change(field(), { target: { value: '1x' } });
    expect(screen.getByRole('alert')).toBeInTheDocument();
    fireEvent.change(field(), { target: { value: '12' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(field()).not.toHaveAttribute('aria-invalid');
    await act(async () => void vi.advanceTimersByTime(AUTOSAVE_DELAY_MS));
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('12');
  });

  it('shows the store’s refusal beside the field, keeps the text, and clears it when a corrected value saves', async () => {
    const save = vi
      .fn()
      .mockRejectedValueOnce(new Error('Appendix 7 is already used by another plan.'))
      .mockResolvedValue(undefined);
    render(
      <AppServicesContext.Provider value={services()}>
        <CheckedField save={save} />
      </AppServicesContext.Provider>,
    );
    fireEvent.change(field(), { target: { value: '7' } });
    await act(async () => void fireEvent.blur(field()));
    expect(screen.getByRole('alert')).toHaveTextContent('Appendix 7 is already used by another plan.');
    expect(field()).toHaveValue('7');
    fireEvent.change(field(), { target: { value: '8' } });
    await act(async () => void fireEvent.blur(field()));
    expect(save).toHaveBeenLastCalledWith('8');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('saves when the window goes away (pagehide)', async () => {
    const save = vi.fn(async () => undefined);
    render(<Wrapper stored="" save={save} />);
    type('Closing now.');
    await act(async () => void window.dispatchEvent(new Event('pagehide')));
    expect(save).toHaveBeenCalledWith('Closing now.');
  });

  it('saves on blur only when asked to (a date part-way typed, "13/02/20", is already a day in 2020)', async () => {
    const save = vi.fn(async () => undefined);
    function DateLike() {
      const draft = useAutosave({ stored: '', save, saveOnPause: false });
      return (
        <input
          aria-label="Start date"
          value={draft.value}
          onChange={(e) => draft.setValue(e.target.value)}
          onBlur={() => void draft.flush()}
        />
      );
    }
    render(
      <AppServicesContext.Provider value={services()}>
        <DateLike />
      </AppServicesContext.Provider>,
    );
    fireEvent.change(screen.getByLabelText('Start date'), { target: { value: '13/02/20' } });
    await act(async () => void vi.advanceTimersByTime(5000));
    expect(save).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Start date'), { target: { value: '13/02/2018' } });
    await act(async () => void fireEvent.blur(screen.getByLabelText('Start date')));
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('13/02/2018');
  });
});
