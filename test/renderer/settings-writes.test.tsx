// @vitest-environment jsdom
/** The settings tabs' shared write helpers: `useAddForm` (add forms) and `useRowWrites` (list rows). */
import '@testing-library/jest-dom/vitest';
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FormError, useAddForm } from '../../renderer/src/settings/addForm';
import { useRowWrites } from '../../renderer/src/settings/rowWrites';

afterEach(cleanup);

describe('useAddForm', () => {
  it('clears the message and calls onSaved after a write that succeeds', async () => {
    const { result } = renderHook(() => useAddForm());
    act(() => result.current.setError('Enter a label'));
    const onSaved = vi.fn();
    await act(() => result.current.save(async () => 'stored', onSaved));
    expect(onSaved).toHaveBeenCalledOnce();
    expect(result.current.error).toBeNull();
    expect(result.current.busy).toBe(false);
  });

  it('shows the refusal and does not call onSaved when the write fails', async () => {
    const { result } = renderHook(() => useAddForm());
    const onSaved = vi.fn();
    await act(() =>
      result.current.save(() => Promise.reject(new Error('A period with that label already exists')), onSaved),
    );
    expect(onSaved).not.toHaveBeenCalled();
    expect(result.current.error).toBe('A period with that label already exists');
    expect(result.current.busy).toBe(false);
  });

  it('renders the message as an alert with its id, and nothing without one', () => {
    const { rerender } = render(<FormError id="f-error" error="Enter the person’s name" />);
    expect(screen.getByRole('alert')).toHaveTextContent('Enter the person’s name');
    expect(screen.getByRole('alert')).toHaveAttribute('id', 'f-error');
    rerender(<FormError id="f-error" error={null} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('useRowWrites', () => {
  it('runs `after` and resolves true on success, clearing an earlier row message', async () => {
    const { result } = renderHook(() => useRowWrites());
    act(() => result.current.setRowError({ id: 'p1', message: 'old' }));
    const after = vi.fn(async () => undefined);
    let ok = false;
    await act(async () => {
      ok = await result.current.writeRow('p1', async () => undefined, after);
    });
    expect(ok).toBe(true);
    expect(after).toHaveBeenCalledOnce();
    expect(result.current.rowError).toBeNull();
  });

  it('keeps the message against the row and resolves false on failure, without running `after`', async () => {
    const { result } = renderHook(() => useRowWrites());
    const after = vi.fn();
    let ok = true;
    await act(async () => {
      ok = await result.current.writeRow('p2', () => Promise.reject(new Error('The period is locked')), after);
    });
    expect(ok).toBe(false);
    expect(after).not.toHaveBeenCalled();
    expect(result.current.rowError).toEqual({ id: 'p2', message: 'The period is locked' });
  });
});
