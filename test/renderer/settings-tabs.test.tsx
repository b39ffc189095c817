// @vitest-environment jsdom
/** Plan settings: keyboard tabs, details saving (and refusals), dates in British form, period locking. */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { AutosaveField } from '../../renderer/src/settings/AutosaveField';
import { PlanSettings } from '../../renderer/src/settings/PlanSettings';
import { DATE_MESSAGE, parseDay } from '../../renderer/src/settings/DateField';
import { callsOf, fakeTree, installFakeApi } from './settings-fixtures';

afterEach(cleanup);

describe('parseDay', () => {
  it('reads British dates and refuses anything that is not one day', () => {
    expect(parseDay('')).toBeNull();
    expect(parseDay('13/02/2018')).toBe('2018-02-13');
    expect(parseDay('13 February 2018')).toBe('2018-02-13');
    expect(parseDay('2018-02-13')).toBe('2018-02-13');
    expect(parseDay('February 2018')).toBeUndefined();
    expect(parseDay('soon')).toBeUndefined();
  });
});

describe('AutosaveField', () => {
  it('keeps what was typed when the store hands back the trimmed text mid-typing', async () => {
    const user = userEvent.setup();
    const saved: string[] = [];
    const save = async (v: string) => {
      saved.push(v);
    };
    const { rerender } = render(<AutosaveField label="Organisation" value="" onSave={save} />);
    const input = screen.getByLabelText('Organisation');
    await user.type(input, 'Thurrock {Enter}');
    await waitFor(() => expect(saved).toEqual(['Thurrock ']));
    rerender(<AutosaveField label="Organisation" value="Thurrock" onSave={save} />);
    expect(input).toHaveValue('Thurrock ');
    await user.type(input, 'Council{Enter}');
    await waitFor(() => expect(saved).toEqual(['Thurrock ', 'Thurrock Council']));
    // A change made elsewhere (not being edited here) is shown.
    rerender(<AutosaveField label="Organisation" value="Thurrock Council" onSave={save} />);
    rerender(<AutosaveField label="Organisation" value="Northmoor Borough Council" onSave={save} />);
    expect(input).toHaveValue('Northmoor Borough Council');
  });
});

describe('PlanSettings', () => {
  it('moves between sections with the arrow keys', async () => {
    const user = userEvent.setup();
    installFakeApi({ 'people:list': () => [] });
    render(<PlanSettings tree={fakeTree()} onChanged={() => undefined} />);
    const details = screen.getByRole('tab', { name: 'Details' });
    expect(details).toHaveAttribute('aria-selected', 'true');
    details.focus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('tab', { name: /Rating scale/ })).toHaveFocus();
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName(/Rating scale/);
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'People' })).toHaveAttribute('aria-selected', 'true');
  });

  it('saves a detail as you go and shows the saved state', async () => {
    const user = userEvent.setup();
    const tree = fakeTree();
    const invoke = installFakeApi({
      'plans:update': ({ patch }) => ({ ...tree.plan, organisation: patch.organisation ?? tree.plan.organisation }),
    });
    let changed = 0;
    render(<PlanSettings tree={tree} onChanged={() => changed++} />);
    const org = screen.getByLabelText('Organisation');
    await user.clear(org);
    await user.type(org, 'Northmoor Borough Council');
    await user.tab();
    await waitFor(() =>
      expect(callsOf(invoke, 'plans:update')).toEqual([
        { planId: tree.plan.id, patch: { organisation: 'Northmoor Borough Council' } },
      ]),
    );
    expect(await screen.findByText(/All changes saved/)).toBeInTheDocument();
    expect(changed).toBe(1);
  });

  it('refuses a blank title locally, and shows a store refusal next to the field keeping the text', async () => {
    const user = userEvent.setup();
    const invoke = installFakeApi({
      'plans:update': () => ({
        ok: false,
        error: { code: 'conflict', message: 'Another plan already has that title.' },
      }),
    });
    render(<PlanSettings tree={fakeTree()} onChanged={() => undefined} />);
    const title = screen.getByLabelText(/^Title/);
    await user.clear(title);
    await user.tab();
    expect(screen.getByText('A plan needs a title')).toBeInTheDocument();
    expect(callsOf(invoke, 'plans:update')).toHaveLength(0);

    await user.type(title, 'Duplicate Title');
    await user.tab();
    expect(await screen.findAllByText(/Another plan already has that title\./)).not.toHaveLength(0);
    expect(title).toHaveValue('Duplicate Title');
    expect(title).toHaveAttribute('aria-invalid', 'true');
  });

  it('locks a period and shows it as read-only; dates are shown and typed the British way', async () => {
    const user = userEvent.setup();
    const tree = fakeTree();
    const period = tree.periods[0]!;
    const invoke = installFakeApi({
      'periods:lock': ({ locked }) => ({ ...period, locked, lockedAt: '2018-02-13T10:00:00.000Z' }),
      'periods:update': ({ patch }) => ({ ...period, ...patch }),
    });
    const { rerender } = render(<PlanSettings tree={tree} onChanged={() => undefined} initialTab="periods" />);
    const start = screen.getByLabelText('Start date of Initial');
    await user.type(start, '31/13/2018');
    await user.tab();
    expect(screen.getByText(DATE_MESSAGE)).toBeInTheDocument();
    await user.clear(start);
    await user.type(start, '1/2/2018');
    await user.tab();
    await waitFor(() =>
      expect(callsOf(invoke, 'periods:update')).toEqual([{ periodId: period.id, patch: { startDate: '2018-02-01' } }]),
    );

    await user.click(screen.getByRole('button', { name: 'Lock Initial' }));
    await waitFor(() => expect(callsOf(invoke, 'periods:lock')).toEqual([{ periodId: period.id, locked: true }]));
    const locked = {
      ...tree,
      periods: [{ ...period, startDate: '2018-02-01', locked: true, lockedAt: '2018-02-13T10:00:00.000Z' }],
    };
    rerender(<PlanSettings tree={locked} onChanged={() => undefined} initialTab="periods" />);
    const row = screen.getByTestId('period-row');
    expect(within(row).getByText(/Locked: read-only/)).toBeInTheDocument();
    expect(within(row).getByText(/since 13 February 2018/)).toBeInTheDocument();
    expect(screen.getByLabelText('Start date of Initial')).toHaveValue('1 February 2018');
    expect(screen.getByLabelText('Start date of Initial')).toBeDisabled();
    expect(within(row).getByRole('button', { name: 'Unlock Initial' })).toBeInTheDocument();
  });
});
