// @vitest-environment jsdom
/** useAutosave: typing stays local, saves ~400 ms after the last key or at once on blur, never loses text. */
import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useMemo } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAutosave } from '../../renderer/src/state/autosave';
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
