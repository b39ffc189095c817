// @vitest-environment jsdom
/** The due date field keeps the author's text and shows the app's reading beside it. */
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DueDateField, dueReading } from '../../renderer/src/action/DueDateField';

afterEach(cleanup);

function Harness({ initial }: { initial: string }) {
  const [v, setV] = useState(initial);
  return <DueDateField label="By When" value={v} onChange={setV} />;
}

describe('DueDateField', () => {
  it.each([
    ['October 31st 2017', 'read as: 31 October 2017'],
    ['Quarterly', 'read as: quarterly'],
    ['Ongoing', 'read as: ongoing'],
    ['Whenever we can', 'read as: not a date'],
  ])('reads %s as "%s"', (text, reading) => {
    render(<Harness initial={text} />);
    expect(screen.getByTestId('due-reading')).toHaveTextContent(reading);
    expect(screen.getByLabelText('By When')).toHaveValue(text);
  });

  it('updates the reading as the author types, keeping the text exactly', async () => {
    const user = userEvent.setup();
    render(<Harness initial="" />);
    expect(screen.queryByTestId('due-reading')).toBeNull();
    await user.type(screen.getByLabelText('By When'), 'Jan-18');
    expect(screen.getByLabelText('By When')).toHaveValue('Jan-18');
    expect(screen.getByTestId('due-reading')).toHaveTextContent(/read as: .*2018/);
  });

  it('the reading is announced with the field (aria-describedby)', () => {
    render(<Harness initial="May 2014 to March 2016" />);
    const input = screen.getByLabelText('By When');
    const describedBy = input.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toContain('read as: May 2014 to March 2016');
  });

  it('dueReading is null for blank text', () => {
    expect(dueReading('  ')).toBeNull();
  });
});
