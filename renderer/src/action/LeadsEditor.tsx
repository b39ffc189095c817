/**
 * Several leads for one action, each free text with a role (lead, strategic, operational, responsible
 * officer). Typing offers names already used in plans (`leads:suggest`) and people in the directory
 * (`people:list`) as an ARIA combobox; any text is accepted.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { LeadRole } from '../../../shared/model';
import { call } from '../api';
import type { LeadValue } from '../state/editor';

export const ROLE_LABELS: Record<LeadRole, string> = {
  lead: 'Lead',
  strategic: 'Strategic lead',
  operational: 'Operational lead',
  responsible: 'Responsible officer',
};

export type SuggestFn = (prefix: string) => Promise<string[]>;

/** Suggestions from the plan's leads and the people directory, de-duplicated, prefix or word matches first. */
export function makeSuggest(planId: string | undefined): SuggestFn {
  let people: Promise<string[]> | null = null;
  return async (prefix) => {
    people ??= call('people:list', {}).then(
      (list) => list.map((p) => p.name),
      () => [],
    );
    const [used, names] = await Promise.all([
      call('leads:suggest', { planId, prefix, limit: 12 }).catch((): string[] => []),
      people,
    ]);
    const q = prefix.trim().toLowerCase();
    const fromPeople = names.filter(
      (n) =>
        n
          .toLowerCase()
          .split(/\s+/)
          .some((w) => w.startsWith(q)) || n.toLowerCase().startsWith(q),
    );
    const seen = new Set<string>();
    const out: string[] = [];
    for (const n of [...used, ...fromPeople]) {
      const k = n.toLowerCase();
      if (!seen.has(k)) {
        seen.add(k);
        out.push(n);
      }
    }
    return out.slice(0, 12);
  };
}

export interface LeadsEditorProps {
  leads: LeadValue[];
  onChange(leads: LeadValue[]): void;
  suggest: SuggestFn;
  readOnly?: boolean;
  /** Role given to a newly added lead. */
  defaultRole?: LeadRole;
}

export function LeadsEditor({ leads, onChange, suggest, readOnly, defaultRole = 'lead' }: LeadsEditorProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  // The list closes a moment after the box loses focus (a click on a suggestion lands first); never after unmount.
  const closing = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(closing.current ?? undefined), []);
  const [active, setActive] = useState(-1);
  const seq = useRef(0);

  useEffect(() => {
    if (!open) return;
    const mine = ++seq.current;
    const t = setTimeout(() => {
      suggest(text).then(
        (list) => {
          if (mine !== seq.current) return;
          const taken = new Set(leads.map((l) => l.name.toLowerCase()));
          setOptions(list.filter((n) => !taken.has(n.toLowerCase())));
          setActive(-1);
        },
        () => setOptions([]),
      );
    }, 120);
    return () => clearTimeout(t);
  }, [text, open, suggest, leads]);

  const add = (name: string) => {
    const clean = name.trim();
    if (!clean) return;
    if (leads.some((l) => l.name.toLowerCase() === clean.toLowerCase())) {
      setText('');
      return;
    }
    onChange([...leads, { name: clean, personId: null, role: defaultRole }]);
    setText('');
    setOpen(false);
  };

  const listId = `${id}-list`;
  const showList = open && options.length > 0;
  return (
    <div className="leads-editor">
      <ul className="plain-list leads-list" aria-label="Leads">
        {leads.map((l, i) => (
          <li key={`${l.name}-${i}`} className="lead-item">
            <span className="lead-name">{l.name}</span>
            <label className="visually-hidden" htmlFor={`${id}-role-${i}`}>
              Role of {l.name}
            </label>
            <select
              id={`${id}-role-${i}`}
              value={l.role}
              disabled={readOnly}
              onChange={(e) =>
                onChange(leads.map((x, j) => (j === i ? { ...x, role: e.target.value as LeadRole } : x)))
              }
            >
              {(Object.keys(ROLE_LABELS) as LeadRole[]).map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn btn-small btn-quiet"
              disabled={readOnly}
              aria-label={`Remove ${l.name}`}
              onClick={() => onChange(leads.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
        {leads.length === 0 ? <li className="muted small">No lead yet.</li> : null}
      </ul>
      {readOnly ? null : (
        <div className="combo">
          <label htmlFor={`${id}-input`} className="visually-hidden">
            Add a lead
          </label>
          <input
            id={`${id}-input`}
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={showList}
            aria-controls={listId}
            aria-activedescendant={showList && active >= 0 ? `${id}-opt-${active}` : undefined}
            placeholder="Add a lead: type a name or role, then Enter"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => {
              closing.current = setTimeout(() => setOpen(false), 150);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setOpen(true);
                setActive((a) => Math.min(options.length - 1, a + 1));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setActive((a) => Math.max(-1, a - 1));
              } else if (e.key === 'Enter') {
                e.preventDefault();
                add(showList && active >= 0 ? options[active]! : text);
              } else if (e.key === 'Escape' && showList) {
                e.stopPropagation();
                setOpen(false);
              }
            }}
          />
          <ul id={listId} role="listbox" aria-label="Suggested leads" className="combo-list" hidden={!showList}>
            {options.map((o, i) => (
              <li
                key={o}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  add(o);
                }}
              >
                {o}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
