// @vitest-environment jsdom
/** Several leads with a typeahead offering people already used; any text accepted. */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LeadsEditor, type SuggestFn } from '../../renderer/src/action/LeadsEditor';
import type { LeadValue } from '../../renderer/src/state/editor';

afterEach(cleanup);

const people = ['J Tynan AD', 'Janet Simon', 'Service Lead R Murdock', 'All Service Leads'];
const suggest: SuggestFn = vi.fn(async (prefix: string) =>
  people.filter((p) => p.toLowerCase().includes(prefix.toLowerCase())),
);

function Harness({ onChange }: { onChange?(l: LeadValue[]): void }) {
  const [leads, setLeads] = useState<LeadValue[]>([{ name: 'J Tynan AD', personId: null, role: 'lead' }]);
  return (
    <LeadsEditor
      leads={leads}
      suggest={suggest}
      onChange={(l) => {
        setLeads(l);
        onChange?.(l);
      }}
    />
  );
}

describe('LeadsEditor', () => {
  it('offers matching names as a listbox and adds the chosen one with the keyboard', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const input = screen.getByRole('combobox', { name: 'Add a lead' });
    await user.type(input, 'jan');
    const list = await screen.findByRole('listbox', { name: 'Suggested leads' });
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Janet Simon']),
    );
    expect(input).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{ArrowDown}');
    expect(input).toHaveAttribute('aria-activedescendant', within(list).getByRole('option').id);
    await user.keyboard('{Enter}');
    expect(onChange).toHaveBeenLastCalledWith([
      { name: 'J Tynan AD', personId: null, role: 'lead' },
      { name: 'Janet Simon', personId: null, role: 'lead' },
    ]);
    expect(within(screen.getByRole('list', { name: 'Leads' })).getAllByRole('listitem')).toHaveLength(2);
  });

  it('does not offer a name already on the action', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.type(screen.getByRole('combobox', { name: 'Add a lead' }), 'J');
    const list = await screen.findByRole('listbox', { hidden: true });
    await waitFor(() => expect(within(list).queryAllByRole('option', { hidden: true }).length).toBeGreaterThan(0));
    expect(
      within(list)
        .queryAllByRole('option', { hidden: true })
        .map((o) => o.textContent),
    ).not.toContain('J Tynan AD');
  });

  it('accepts any free text (a team, several people) and lets a role be set or the lead removed', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await user.type(
      screen.getByRole('combobox', { name: 'Add a lead' }),
      'Councillor Smith and the Corporate Parenting Panel{Enter}',
    );
    expect(onChange).toHaveBeenLastCalledWith(
      expect.arrayContaining([
        { name: 'Councillor Smith and the Corporate Parenting Panel', personId: null, role: 'lead' },
      ]),
    );
    await user.selectOptions(screen.getByLabelText('Role of J Tynan AD'), 'strategic');
    expect(onChange).toHaveBeenLastCalledWith(
      expect.arrayContaining([{ name: 'J Tynan AD', personId: null, role: 'strategic' }]),
    );
    await user.click(screen.getByRole('button', { name: 'Remove J Tynan AD' }));
    expect(onChange.mock.lastCall?.[0].map((l: LeadValue) => l.name)).toEqual([
      'Councillor Smith and the Corporate Parenting Panel',
    ]);
  });

  it('ignores a blank entry', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await user.type(screen.getByRole('combobox', { name: 'Add a lead' }), '   {Enter}');
    expect(onChange).not.toHaveBeenCalled();
  });
});
