/** Plain-text tables for the terminal. */

export type Align = 'left' | 'right';

/** Columns padded to their widest cell, separated by two spaces; a rule under the header. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (align[i] === 'right' ? pad(cell, widths[i]!, 'left') : pad(cell, widths[i]!, 'right')))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Shorten to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return width(oneLine) <= max ? oneLine : `${[...oneLine].slice(0, max - 1).join('')}…`;
}

function width(text: string): number {
  return [...text].length;
}

function pad(text: string, size: number, side: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return side === 'left' ? fill + text : text + fill;
}
