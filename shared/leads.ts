/**
 * The one rule for "who does this lead cell name?" (issue 11 point 3; the update round's "my actions",
 * the plan table's lead filter and sync's "a lead's actions" all use it).
 *
 * Real lead cells are free text: "Service Lead R Murdock", "DCS + AD, S Murphy J Tynan",
 * "J Tynan Assistant Director Childrens Les Billingham Assistant Director Adults",
 * "All Service Leads Janet Simon with overall lead". A person matches a cell when one of their names
 * (their name or an alias) appears in it: the surname must appear as a word, and the word before it must
 * fit the first name ("F Dunmore" fits "Fiona Dunmore" and "F. Dunmore"); an alias that is a role or a
 * single word ("DCS") must appear as a whole word or phrase. Case and punctuation never matter.
 */

/** A person as the rule needs them: their name and any other names they go by. */
export interface LeadPerson {
  readonly name: string;
  readonly aliases?: readonly string[];
}

/**
 * Words that end an organisation's name ("Northmoor Police", "Northmoor Borough Council", "Eastfield NHS
 * Trust"): the capitalised words just before one are the organisation's name, never a person's.
 */
const ORG_WORDS = new Set([
  'police',
  'constabulary',
  'council',
  'borough',
  'county',
  'nhs',
  'trust',
  'ccg',
  'icb',
  'hospital',
  'college',
  'university',
  'academy',
  'authority',
  'foundation',
  'probation',
  'fire',
  'ltd',
  'limited',
  'plc',
  'charity',
]);

/** Words that describe a role, team or joining phrase, never part of a person's name. */
const ROLE_WORDS = new Set([
  'all',
  'and',
  'with',
  'overall',
  'lead',
  'leads',
  'service',
  'services',
  'manager',
  'managers',
  'sms',
  'team',
  'teams',
  'ad',
  'dcs',
  'hr',
  'assistant',
  'director',
  'deputy',
  'head',
  'virtual',
  'data',
  'info',
  'information',
  'cla',
  'nurse',
  'childrens',
  "children's",
  'children',
  'adults',
  'adult',
  'officer',
  'responsible',
  'operational',
  'strategic',
  'the',
  'of',
  'for',
  'chief',
  'executive',
  'councillor',
  'cllr',
  'inspire',
  'partnership',
  'board',
  'senior',
  'principal',
  'social',
  'worker',
  'workers',
  'practice',
  'performance',
  'quality',
  'assurance',
  'commissioning',
  'school',
  'schools',
  'education',
  'health',
  'leader',
  'leaders',
  'governance',
  'business',
  'support',
  'unit',
  'group',
  'panel',
  'safeguarding',
  'lscb',
  'iro',
  'iros',
  'designated',
  'portfolio',
  'holder',
  'member',
  'members',
  'officers',
  'staff',
  // Job titles (police and health partners): "Detective Inspector, Northmoor Police" names a post, not a person.
  'detective',
  'inspector',
  'sergeant',
  'constable',
  'superintendent',
  'commander',
  'consultant',
  'paediatrician',
  'specialist',
  'practitioner',
  'coordinator',
  'co-ordinator',
  'adviser',
  'advisor',
  'headteacher',
  'named',
  'interim',
  'acting',
  ...ORG_WORDS,
]);

/** Lower-case words of a text, punctuation dropped ("F. Dunmore," -> ["f", "dunmore"]). */
function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .split(/[^a-z0-9'-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ''))
    .filter((w) => w.length > 0);
}

/** The cell's raw words, keeping their case, so capitals can tell a name from a role. */
function casedWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .replace(/[’]/g, "'")
    .split(/[^A-Za-z0-9'-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ''))
    .filter((w) => w.length > 0);
}

/** True when `given` (a word in a cell) fits `first` (a person's first name or initial). */
function firstNameFits(given: string, first: string): boolean {
  if (given.length === 0 || first.length === 0) return false;
  if (given.length === 1 || first.length === 1) return given[0] === first[0];
  return given === first;
}

/** Does one name form ("F Dunmore", "Fiona Dunmore", "Murdock", "DCS") appear in the cell's words? */
function nameInWords(cell: readonly string[], name: string): boolean {
  const parts = words(name);
  if (parts.length === 0) return false;
  // The whole name or phrase as written ("Head of Early Help", "DCS") always matches as a whole phrase.
  for (let i = 0; i + parts.length <= cell.length; i++) {
    if (parts.every((p, k) => cell[i + k] === p)) return true;
  }
  // A single word or a role phrase must appear as a whole word or phrase: done above.
  if (parts.length === 1 || parts.every((p) => ROLE_WORDS.has(p))) return false;
  const surname = parts[parts.length - 1]!;
  const first = parts[0]!;
  for (let i = 0; i < cell.length; i++) {
    if (cell[i] !== surname) continue;
    const before = i > 0 ? cell[i - 1]! : '';
    if (firstNameFits(before, first)) return true;
    // "Fiona Jane Dunmore" in the cell for "F Dunmore": look one further back past a middle name.
    const twoBefore = i > 1 ? cell[i - 2]! : '';
    if (before.length > 1 && !ROLE_WORDS.has(before) && firstNameFits(twoBefore, first)) return true;
  }
  return false;
}

/** True when the lead cell names this person (by their name or any alias), or a name in a plain string. */
export function leadMatches(cellText: string, who: LeadPerson | string): boolean {
  const cell = words(cellText);
  if (cell.length === 0) return false;
  if (typeof who === 'string') {
    // A string may be a whole lead cell ("Service Lead F Dunmore", as sync stores a lead): it matches when
    // any name it holds does; a string naming nobody ("DCS", "Murdock") is taken as a name itself.
    const names = namesInLeadCell(who);
    return (names.length > 0 ? names : [who]).some((name) => nameInWords(cell, name));
  }
  if (nameInWords(cell, who.name)) return true;
  return (who.aliases ?? []).some((alias) => nameInWords(cell, alias));
}

/**
 * Does one of an action's leads name this person: a lead linked to them in People (`personId`), or a lead
 * cell naming them by their name or an alias? The one rule for "my actions", the lead filter and a lead's
 * actions in sync (`pack invite --lead`, the owner's checks, the returns board).
 */
export function ledBy(
  leads: readonly { readonly name: string; readonly personId?: string | null }[],
  person: LeadPerson,
  personId: string | null = null,
  /** Lead cell text -> whether it names `person`, kept across calls for one person (a plan repeats its cells). */
  cache?: Map<string, boolean>,
): boolean {
  const names = (cell: string): boolean => {
    if (!cache) return leadMatches(cell, person);
    let hit = cache.get(cell);
    if (hit === undefined) cache.set(cell, (hit = leadMatches(cell, person)));
    return hit;
  };
  return leads.some((l) => (personId !== null && l.personId === personId) || names(l.name));
}

/**
 * The people a lead cell names, in order, as written ("DCS + AD, S Murphy J Tynan" -> ["S Murphy",
 * "J Tynan"]). Roles and teams ("DCS", "All Service Leads", "Data team") are not names. A name is an
 * initial or capitalised first name followed by a capitalised surname; each initial starts a new name. Job titles
 * and organisations are not names: "Detective Inspector, Northmoor Police" names no one (the whole cell is one
 * lead), and the comma before an organisation or a title never splits a person in two.
 */
export function namesInLeadCell(text: string): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  // Chunks split on joining punctuation and words, so "A Smith and B Jones" gives two runs.
  for (const chunk of text.split(/[\n,;+/&()]|\band\b|\bwith\b/u)) {
    let run: string[] = [];
    const flush = (): void => {
      // A run of capitalised non-role words: split at initials ("S Murphy J Tynan").
      let current: string[] = [];
      const emit = (): void => {
        const hasSurname = current.length >= 2 && current[current.length - 1]!.length > 1;
        if (hasSurname) {
          const name = current.join(' ');
          const key = name.toLowerCase();
          if (!seen.has(key)) {
            seen.add(key);
            names.push(name);
          }
        }
        current = [];
      };
      for (const w of run) {
        const initial = w.replace(/\.$/, '').length === 1;
        if (initial && current.length > 0) emit();
        current.push(w);
        // A first name (or initial) and a surname make a name; stop there so a following capitalised
        // word ("Keeley Pullen Inspire") is not taken as a third part.
        if (current.length >= 2 && !initial) emit();
      }
      emit();
      run = [];
    };
    for (const w of casedWords(chunk)) {
      const isCapitalised = /^[A-Z]/u.test(w) && !/^[A-Z]{2,}$/u.test(w);
      if (isCapitalised && !ROLE_WORDS.has(w.toLowerCase())) run.push(w);
      else {
        // "Northmoor Police", "Eastfield NHS Trust": the words before an organisation word are its name.
        if (ORG_WORDS.has(w.toLowerCase())) run = [];
        flush();
      }
    }
    flush();
  }
  return names;
}

/**
 * Who one lead cell stands for: the directory people it names (by their name or an alias), then each name it
 * holds that nobody in the directory (nor an earlier name of the cell) matches; a cell naming no one at all
 * ("Performance and Intelligence Team", "Detective Inspector, Northmoor Police", "All Service Leads") stands
 * for itself, a team or body (`body`, the cell's text). The one reading for "updates by lead" and the filter
 * bar's lead list, so a team's actions can be found by lead like a person's.
 */
export function leadsOfCell<P extends LeadPerson>(
  text: string,
  people: readonly P[],
): { people: P[]; names: string[]; body: string | null } {
  const directory = people.filter((p) => leadMatches(text, p));
  const names: string[] = [];
  for (const n of namesInLeadCell(text))
    if (!directory.some((p) => leadMatches(n, p)) && !names.some((m) => leadMatches(n, m))) names.push(n);
  const body = directory.length === 0 && names.length === 0 && text.trim() !== '' ? text.trim() : null;
  return { people: directory, names, body };
}

/** One lead of a plan: a directory person, a name read from lead cells, or a team or body (a cell naming no one). */
export interface PlanLead {
  name: string;
  /** A person in the People directory. */
  inDirectory: boolean;
  /** A lead cell naming no person ("Performance and Intelligence Team"), listed under its own text. */
  body: boolean;
}

/**
 * Every lead of a plan, read cell by cell (`leadsOfCell`): the directory people who lead something (by a name or
 * alias in a cell, or a lead linked to them), then the names read from cells that no one already listed matches
 * ("J Simon" joins "Janet Simon"), then the cells naming no one, as teams and bodies. Sorted by name, people
 * first. The one list for the filter bar's Lead choices and the Overview's updates by lead; each lead's actions
 * are then those `ledBy` gives for `personNamed(lead.name, people)`, so both always agree.
 */
export function leadsOfPlan<P extends LeadPerson & { readonly id?: string }>(
  actions: readonly { readonly leads: readonly { readonly name: string; readonly personId?: string | null }[] }[],
  people: readonly P[],
): PlanLead[] {
  const persons: PlanLead[] = [];
  for (const p of people)
    if (actions.some((a) => ledBy(a.leads, p, p.id ?? null)))
      persons.push({ name: p.name, inDirectory: true, body: false });
  const leading = people.filter((p) => persons.some((o) => o.name === p.name));
  const seen = new Set(persons.map((o) => o.name.toLowerCase()));
  const bodies: PlanLead[] = [];
  const read = new Set<string>();
  for (const a of actions)
    for (const l of a.leads) {
      // A plan repeats its lead cells ("Service Lead R Murdock" on eight actions): read each once.
      if (read.has(l.name)) continue;
      read.add(l.name);
      const cell = leadsOfCell(l.name, people);
      for (const n of cell.names) {
        if (
          seen.has(n.toLowerCase()) ||
          leading.some((p) => leadMatches(n, p)) ||
          persons.some((o) => leadMatches(n, o))
        )
          continue;
        seen.add(n.toLowerCase());
        persons.push({ name: n, inDirectory: false, body: false });
      }
      if (cell.body !== null && !bodies.some((b) => sameName(b.name, cell.body!)))
        bodies.push({ name: cell.body, inDirectory: false, body: true });
    }
  const byName = (a: PlanLead, b: PlanLead) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' });
  return [...persons.sort(byName), ...bodies.sort(byName)];
}

/** The names in a cell that no person in the directory matches (to offer "link to a person"). */
export function unmatchedNamesInLeadCell(text: string, people: readonly LeadPerson[]): string[] {
  return namesInLeadCell(text).filter((n) => !people.some((p) => leadMatches(n, p)));
}

/** The same name written another way ("F. Dunmore" and "f dunmore"): case, spaces and punctuation dropped. */
export function sameName(a: string, b: string): boolean {
  return words(a).join(' ') === words(b).join(' ');
}

/**
 * The directory person a name stands for (their name or one of their aliases, written any way), with
 * their aliases so lead cells match on every name they go by; the name alone when nobody has it.
 */
export function personNamed<P extends LeadPerson>(name: string, people: readonly P[]): P | LeadPerson {
  const person = people.find((p) => sameName(p.name, name) || (p.aliases ?? []).some((a) => sameName(a, name)));
  return person ?? { name: name.trim(), aliases: [] };
}

/** Adds `text` to a person's aliases unless one of their names already covers it (returns the new list). */
export function withAlias(person: LeadPerson, text: string): string[] {
  const aliases = [...(person.aliases ?? [])];
  const t = text.trim();
  if (t === '' || sameName(person.name, t) || aliases.some((a) => sameName(a, t))) return aliases;
  return [...aliases, t];
}
