// @vitest-environment jsdom
/** Issue 11 point 5: errors in plain English beside their field; the one error helper; the header banner. */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { PlanSettings } from '../../renderer/src/settings/PlanSettings';
import { dateMessage } from '../../renderer/src/settings/DateField';
import { ApiError } from '../../renderer/src/api';
import { errorText, fieldErrors } from '../../renderer/src/errors';
import { SaveTracker, describeSaveState } from '../../renderer/src/state/saveStatus';
import { callsOf, fakeTree, installFakeApi } from './settings-fixtures';

afterEach(cleanup);

describe('the one error helper', () => {
  it('gives a sentence for anything thrown, and the refusal’s messages by field', () => {
    const refusal = new ApiError('sections:update', {
      code: 'invalid_input',
      message: 'The title can be at most 500 characters long. Shorten it and try again.',
      issues: [
        { path: 'patch.title', message: 'The title can be at most 500 characters long. Shorten it and try again.' },
      ],
    });
    expect(errorText(refusal)).toBe('The title can be at most 500 characters long. Shorten it and try again.');
    expect(fieldErrors(refusal)).toEqual({
      title: 'The title can be at most 500 characters long. Shorten it and try again.',
    });
    expect(errorText(new Error(''))).toBe('Something went wrong. Nothing was changed.');
    expect(errorText(undefined)).toBe('Something went wrong. Nothing was changed.');
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});

describe('dates', () => {
  it('gives a year out of range a message about the year', () => {
    expect(dateMessage('13/02/9999')).toMatch(
      /^The year 9999 is not one Planwright can use: enter a year from 1950 to 2150/,
    );
    expect(dateMessage('31/13/2018')).toBe('Enter a date such as 13/02/2018 or 13 February 2018');
  });
});

describe('the add-period form', () => {
  it('marks the date field (not the label) and clears the message when corrected', async () => {
    const user = userEvent.setup();
    const tree = fakeTree();
    const invoke = installFakeApi({
      'periods:create': ({ label }) => ({ ...tree.periods[0]!, id: crypto.randomUUID(), label }),
    });
    render(<PlanSettings tree={tree} onChanged={() => undefined} initialTab="periods" />);
    const label = screen.getByRole('textbox', { name: 'Label' });
    const start = screen.getByRole('textbox', { name: 'Start date' });
    await user.type(label, 'RAG 03/18');
    await user.type(start, '13/02/9999');
    await user.click(screen.getByRole('button', { name: 'Add period' }));
    expect(start).toHaveAttribute('aria-invalid', 'true');
    expect(label).not.toHaveAttribute('aria-invalid');
    expect(start).toHaveAccessibleDescription(/The year 9999 is not one Planwright can use/);
    expect(callsOf(invoke, 'periods:create')).toEqual([]);
    await user.clear(start);
    expect(start).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText(/The year 9999/)).not.toBeInTheDocument();
    await user.type(start, '13/02/2018');
    await user.click(screen.getByRole('button', { name: 'Add period' }));
    await waitFor(() => expect(callsOf(invoke, 'periods:create')).toHaveLength(1));
  });

  it('puts the store’s refusal beside the field it is about', async () => {
    const user = userEvent.setup();
    installFakeApi({
      'periods:create': () => ({
        ok: false,
        error: {
          code: 'invalid_input',
          message: 'The name can be at most 2,000 characters long.',
          issues: [{ path: 'label', message: 'The name can be at most 2,000 characters long.' }],
        },
      }),
    });
    render(<PlanSettings tree={fakeTree()} onChanged={() => undefined} initialTab="periods" />);
    const label = screen.getByRole('textbox', { name: 'Label' });
    await user.type(label, 'Long');
    await user.click(screen.getByRole('button', { name: 'Add period' }));
    await waitFor(() => expect(label).toHaveAttribute('aria-invalid', 'true'));
    expect(label).toHaveAccessibleDescription('The name can be at most 2,000 characters long.');
  });
});

describe('the header’s save state', () => {
  it('gives way to a short note once the user leaves the field, and clears on the next good save', async () => {
    const t = new SaveTracker();
    await expect(
      t.track(() => Promise.reject(new Error('The title can be at most 500 characters long.'))),
    ).rejects.toThrow();
    expect(describeSaveState(t.getState())).toMatch(/^Couldn't save/);
    t.dismiss();
    expect(describeSaveState(t.getState())).toBe('A change is not saved: see the field marked in red');
    await t.track(async () => 1);
    expect(describeSaveState(t.getState())).toBe('All changes saved');
  });
});
