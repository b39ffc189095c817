/**
 * Whether a plan's lead cell names a person: the one rule behind "my actions" for service leads (the
 * update round, invitation packs, and the checks on a lead's returned updates).
 *
 * A lead cell often carries a job title before the name ("Service Lead F Dunmore") and can name several
 * people ("F Dunmore; J Patel", "F Dunmore and J Patel", "F Dunmore / Head of Service"). A person
 * matches one of those parts when their name is the end of the part, word for word, ignoring case and
 * punctuation; an initial matches a whole first name ("F Dunmore" ~ "Fiona Dunmore").
 */

const words = (s: string): string[] =>
  s
    .toLowerCase()
    .replace(/[.'’()[\]"]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

/** The people a lead cell names (split on ; , / & + new lines and the word "and"). */
export function leadParts(cell: string): string[][] {
  return cell
    .split(/[;,/&+\n]|\band\b/i)
    .map(words)
    .filter((w) => w.length > 0);
}

const sameWord = (a: string, b: string): boolean => a === b || ((a.length === 1 || b.length === 1) && a[0] === b[0]);

function partMatches(part: string[], name: string[]): boolean {
  if (name.length === 0 || part.length < name.length) return false;
  const offset = part.length - name.length;
  if (part[part.length - 1] !== name[name.length - 1]) return false; // the surname must be the same word
  for (let i = 0; i < name.length - 1; i++) if (!sameWord(part[offset + i]!, name[i]!)) return false;
  return true;
}

/** True when `leadCell` names `name` (a person's name from the people directory or a lead cell). */
export function leadMatches(leadCell: string, name: string): boolean {
  const n = words(name);
  if (n.length === 0) return false;
  return leadParts(leadCell).some((part) => partMatches(part, n));
}
