import { describe, expect, it } from 'vitest';
import { Line } from '../../shared/model';

describe('Line (single-line text)', () => {
  it('trims and accepts plain text with tabs', () => {
    expect(Line.parse('  J Tynan AD  ')).toBe('J Tynan AD');
    expect(Line.parse('Ref\tname')).toBe('Ref\tname');
  });

  it('refuses newlines and other C0 control characters, with a plain message', () => {
    for (const bad of ['two\nlines', 'carriage\rreturn', 'nul\u0000', 'bell\u0007', 'escape\u001b[31m', 'unit\u001f']) {
      const r = Line.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe(
        'This must be a single line of plain text: line breaks and control characters are not allowed.',
      );
    }
  });
});
