// @vitest-environment jsdom
/** The rating scale editor: validation (labels, hex colours, values), saving, refused removal, presets. */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { ScaleEditor } from '../../renderer/src/settings/ScaleEditor';
import {
  checkScale,
  COLOUR_MESSAGE,
  LABEL_MESSAGE,
  normaliseHex,
  parseValue,
  VALUE_MESSAGE,
  type LevelDraft,
} from '../../renderer/src/settings/scaleDraft';
import { callsOf, fakeTree, installFakeApi, presetLevels, storedFromInput } from './settings-fixtures';

afterEach(cleanup);

const levelRows = () => screen.getAllByTestId('scale-level');
const scaleSets = (invoke: ReturnType<typeof installFakeApi>) => callsOf(invoke, 'scale:set') as InputOf<'scale:set'>[];

describe('scale draft rules', () => {
  const base: LevelDraft = {
    uid: 'a',
    key: 'R',
    label: 'Red',
    colour: 'FF0000',
    value: '',
    definition: '',
    countsAsComplete: false,
    canBeRemoved: false,
    requiresExplanation: true,
  };
  it('needs a label, a six-digit hex colour and a numeric or blank value', () => {
    expect(checkScale([base])).toEqual({});
    expect(checkScale([{ ...base, label: '   ' }])).toEqual({ a: { label: LABEL_MESSAGE } });
    expect(checkScale([{ ...base, colour: 'F00' }])).toEqual({ a: { colour: COLOUR_MESSAGE } });
    expect(checkScale([{ ...base, colour: 'GG0000' }])).toEqual({ a: { colour: COLOUR_MESSAGE } });
    expect(checkScale([{ ...base, value: 'three' }])).toEqual({ a: { value: VALUE_MESSAGE } });
  });
  it('normalises colours and values', () => {
    expect(normaliseHex('#ffc000')).toBe('FFC000');
    expect(normaliseHex('ffc00')).toBeNull();
    expect(parseValue(' ')).toBeNull();
    expect(parseValue('2.5')).toBe(2.5);
    expect(parseValue('x')).toBeUndefined();
  });
});

describe('ScaleEditor', () => {
  it('shows every level with its label, colour and a live preview badge', () => {
    installFakeApi({});
    render(<ScaleEditor tree={fakeTree()} onChanged={() => undefined} />);
    expect(levelRows()).toHaveLength(3);
    expect(screen.getAllByLabelText('Label').map((i) => (i as HTMLInputElement).value)).toEqual([
      'Red',
      'Amber',
      'Green',
    ]);
    expect(screen.getAllByLabelText('Colour (hex)').map((i) => (i as HTMLInputElement).value)).toEqual([
      'FF0000',
      'FFC000',
      '00B050',
    ]);
    const preview = screen.getByLabelText('Preview of the key');
    expect(within(preview).getByText('Red')).toBeInTheDocument();
    expect(within(preview).getByText('Amber')).toBeInTheDocument();
    // Used levels say so (why removing them may be refused).
    expect(within(levelRows()[0]!).getByText(/used by 1 rating/)).toBeInTheDocument();
  });

  it('refuses a blank label with a message next to it and saves nothing until it is fixed', async () => {
    const user = userEvent.setup();
    const invoke = installFakeApi({ 'scale:set': (input) => storedFromInput(input) });
    let changed = 0;
    render(<ScaleEditor tree={fakeTree()} onChanged={() => changed++} />);
    const label = screen.getAllByLabelText('Label')[1]!;
    await user.clear(label);
    await user.tab();
    expect(screen.getByText(LABEL_MESSAGE)).toBeInTheDocument();
    expect(label).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/Not saved yet/)).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 800));
    expect(scaleSets(invoke)).toHaveLength(0);

    await user.type(label, 'Amber – at risk');
    await user.tab();
    await waitFor(() => expect(scaleSets(invoke)).toHaveLength(1));
    expect(scaleSets(invoke)[0]!.levels.map((l) => l.label)).toEqual(['Red', 'Amber – at risk', 'Green']);
    // Existing ids are sent so ratings keep their levels.
    expect(scaleSets(invoke)[0]!.levels.every((l) => typeof l.id === 'string')).toBe(true);
    expect(screen.queryByText(LABEL_MESSAGE)).not.toBeInTheDocument();
    await waitFor(() => expect(changed).toBe(1));
  });

  it('refuses a colour that is not six hex digits, and saves it upper-case without # when fixed', async () => {
    const user = userEvent.setup();
    const invoke = installFakeApi({ 'scale:set': (input) => storedFromInput(input) });
    render(<ScaleEditor tree={fakeTree()} onChanged={() => undefined} />);
    const hex = screen.getAllByLabelText('Colour (hex)')[2]!;
    await user.clear(hex);
    await user.type(hex, '00B05');
    await user.tab();
    expect(screen.getByText(COLOUR_MESSAGE)).toBeInTheDocument();
    expect(hex).toHaveValue('00B05');
    expect(scaleSets(invoke)).toHaveLength(0);

    await user.clear(hex);
    await user.type(hex, '#92d050');
    await user.tab();
    await waitFor(() => expect(scaleSets(invoke)).toHaveLength(1));
    expect(scaleSets(invoke)[0]!.levels[2]!.colour).toBe('92D050');
    expect(screen.queryByText(COLOUR_MESSAGE)).not.toBeInTheDocument();
  });

  it('adds a level (saved once it has a label) and reorders levels', async () => {
    const user = userEvent.setup();
    const invoke = installFakeApi({ 'scale:set': (input) => storedFromInput(input) });
    render(<ScaleEditor tree={fakeTree()} onChanged={() => undefined} />);
    await user.click(screen.getByRole('button', { name: '+ Add level' }));
    expect(levelRows()).toHaveLength(4);
    const newLabel = screen.getAllByLabelText('Label')[3]!;
    await waitFor(() => expect(newLabel).toHaveFocus());
    await user.tab();
    expect(screen.getByText(LABEL_MESSAGE)).toBeInTheDocument();
    expect(scaleSets(invoke)).toHaveLength(0);
    await user.type(newLabel, 'Blue');
    await user.click(screen.getAllByRole('checkbox', { name: 'Counts as complete' })[3]!);
    await waitFor(() => expect(scaleSets(invoke).length).toBeGreaterThanOrEqual(1));
    const last = scaleSets(invoke).at(-1)!;
    expect(last.levels.map((l) => l.label)).toEqual(['Red', 'Amber', 'Green', 'Blue']);
    expect(last.levels[3]).toMatchObject({ label: 'Blue', countsAsComplete: true, value: null });
    expect(scaleSets(invoke)[0]!.levels[3]!.id).toBeUndefined(); // new until stored; later saves carry its new id

    const before = scaleSets(invoke).length;
    await user.click(screen.getByRole('button', { name: 'Move Green up' }));
    await waitFor(() => expect(scaleSets(invoke).length).toBe(before + 1));
    expect(
      scaleSets(invoke)
        .at(-1)!
        .levels.map((l) => l.label),
    ).toEqual(['Red', 'Green', 'Amber', 'Blue']);
  });

  it('puts a removed level back with the store’s message when ratings use it', async () => {
    const user = userEvent.setup();
    const message = 'Red is used by 1 rating. Re-rate those actions before removing it.';
    installFakeApi({ 'scale:set': () => ({ ok: false, error: { code: 'in_use', message } }) });
    render(<ScaleEditor tree={fakeTree()} onChanged={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Remove Red' }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(levelRows()).toHaveLength(3);
    expect(within(levelRows()[0]!).getByDisplayValue('Red')).toBeInTheDocument();
  });

  it('applies a preset only after confirmation', async () => {
    const user = userEvent.setup();
    const invoke = installFakeApi({ 'scale:applyPreset': ({ preset }) => presetLevels(preset, 300) });
    let changed = 0;
    render(<ScaleEditor tree={fakeTree()} onChanged={() => changed++} />);
    await user.selectOptions(screen.getByLabelText('Preset'), 'five-level');
    await user.click(screen.getByRole('button', { name: 'Apply preset…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Replace the rating scale?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(callsOf(invoke, 'scale:applyPreset')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Apply preset…' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: /^Apply Five-level/ }));
    await waitFor(() => expect(levelRows()).toHaveLength(5));
    expect(callsOf(invoke, 'scale:applyPreset')).toEqual([{ planId: fakeTree().plan.id, preset: 'five-level' }]);
    expect(screen.getAllByLabelText('Value').map((i) => (i as HTMLInputElement).value)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(changed).toBe(1);
  });

  it('offers presets to a plan without a scale', () => {
    installFakeApi({});
    render(<ScaleEditor tree={fakeTree([])} onChanged={() => undefined} />);
    expect(screen.getByText(/no rating scale yet/)).toBeInTheDocument();
  });
});
