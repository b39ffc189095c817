/**
 * Text hygiene for Word output: XML 1.0 cannot hold most C0 control characters or unpaired UTF-16
 * surrogates, and one such character (often pasted from another document) makes Word refuse the file.
 */

/** C0 controls other than tab, line feed and carriage return; U+FFFE/U+FFFF; unpaired surrogates. */
const ILLEGAL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters XML cannot hold and normalises line ends to "\n". */
export function cleanText(text: string): string {
  return text.replace(ILLEGAL, '').replace(/\r\n?/g, '\n');
}

/** A deep copy of `value` with every string cleaned (objects, arrays and primitives). */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v) => cleanDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cleanDeep(v);
    return out as T;
  }
  return value;
}

/** The paragraphs of a narrative text: one per line, blank lines and trailing spaces dropped. */
export function paragraphsOf(text: string): string[] {
  return cleanText(text)
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
}

/** True when the text holds a character Word cannot open. */
export function hasIllegalCharacters(text: string): boolean {
  ILLEGAL.lastIndex = 0;
  const found = ILLEGAL.test(text);
  ILLEGAL.lastIndex = 0;
  return found;
}
