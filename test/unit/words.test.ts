import { describe, expect, it } from 'vitest';
import { plural, withArticle } from '../../shared/words';

describe('wording', () => {
  it('plurals', () => {
    expect(plural(1, 'period')).toBe('1 period');
    expect(plural(2, 'period')).toBe('2 periods');
    expect(plural(0, 'action')).toBe('0 actions');
    expect(plural(3, 'priority')).toBe('3 priorities');
    expect(plural(1200, 'action')).toBe('1,200 actions');
  });
  it('articles', () => {
    expect(withArticle('area for improvement')).toBe('an area for improvement');
    expect(withArticle('theme')).toBe('a theme');
    expect(withArticle('objective')).toBe('an objective');
    expect(withArticle('outcome')).toBe('an outcome');
    expect(withArticle('priority')).toBe('a priority');
  });
});
