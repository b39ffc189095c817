// @vitest-environment jsdom
/** Word-level history (issue 11 point 7): what changed, word by word, never colour alone. */
import '@testing-library/jest-dom/vitest';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDiff } from '../../renderer/src/components/TextDiff';
import { LengthNote } from '../../renderer/src/components/LengthNote';

afterEach(cleanup);

describe('TextDiff', () => {
  it('marks removed and added words, in words as well as style', () => {
    const before = `Some progress. ${'Board reports issued monthly since September. '.repeat(6)}`;
    const after = before.replace('Some progress.', 'Good progress.');
    const { container } = render(<TextDiff before={before} after={after} />);
    expect(container.querySelector('del')).toHaveTextContent('[removed: Some]');
    expect(container.querySelector('ins')).toHaveTextContent('[added: Good]');
    // The long unchanged stretch is shortened, not shown twice in full.
    expect(container.textContent!.length).toBeLessThan(before.length + 40);
  });
});

describe('LengthNote', () => {
  it('warns with the count past 5,000 characters and explains the hard limit in words', () => {
    const { container, rerender } = render(<LengthNote length={4_000} />);
    expect(container).toBeEmptyDOMElement();
    rerender(<LengthNote length={5_234} />);
    expect(container).toHaveTextContent('This is 5,234 characters long.');
    rerender(<LengthNote length={100_512} />);
    expect(container).toHaveTextContent('a box can hold at most 100,000 characters');
    expect(container).toHaveTextContent('It has not been saved: shorten it by 512 characters');
  });
});
