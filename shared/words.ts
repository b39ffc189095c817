/** Plurals and articles, one rule for the app and the command line (issue 11 point 11). */

/** "1 period", "2 periods", "1 priority", "3 priorities", "0 actions". */
export function plural(n: number, noun: string, pluralForm?: string): string {
  const many =
    pluralForm ??
    (/[^aeiou]y$/i.test(noun) ? `${noun.slice(0, -1)}ies` : /(s|x|ch|sh)$/i.test(noun) ? `${noun}es` : `${noun}s`);
  return `${n.toLocaleString('en-GB')} ${n === 1 ? noun : many}`;
}

/** "an area for improvement", "a theme", "an objective", "a priority" (by the first letter's sound, simply). */
export function withArticle(noun: string): string {
  const first = noun.trim().toLowerCase();
  const an = /^[aeio]/.test(first) || /^u(?!ni|se|su|ro)/.test(first) || /^(hour|honour|heir)/.test(first);
  return `${an ? 'an' : 'a'} ${noun}`;
}
