/** The header rows of the plan table: a section's and an objective's, with their tools. */
import { Button } from '../components/Button';
import type { Section } from '../../../shared/model';
import type { Row } from './rows';

export function SectionHeader({
  section,
  noun,
  count,
  onAdd,
  objectiveNoun,
  onAddObjective,
  onEdit,
  onMove,
  onArchive,
  onDelete,
}: {
  section: Section;
  noun: string;
  count: number;
  onAdd(): void;
  objectiveNoun: string;
  onAddObjective(): void;
  onEdit(): void;
  onMove(delta: number): void;
  onArchive(): void;
  onDelete(): void;
}) {
  const label = `${noun.toLowerCase()} ${section.number}`;
  return (
    <div role="cell" className="pt-section-cell">
      <span className="drag-handle" aria-hidden="true" title="Drag to reorder">
        ⠿
      </span>
      <span className="section-number">
        {noun} {section.number}
        {section.numberManual ? (
          <span className="manual-mark" title="Number typed by hand: it is not renumbered automatically">
            {' '}
            ✎<span className="visually-hidden"> (typed by hand)</span>
          </span>
        ) : null}
      </span>
      <span className="section-title">{section.title || <em className="muted">Untitled</em>}</span>
      {section.archived ? <span className="tag tag-neutral">Archived</span> : null}
      <span className="muted small nowrap">{count === 1 ? '1 action' : `${count} actions`}</span>
      <span className="spacer" />
      <span className="section-tools hstack" onClick={(e) => e.stopPropagation()}>
        <Button small onClick={onAdd} aria-label={`Add an action to ${label}`}>
          + Action
        </Button>
        <Button small onClick={onAddObjective} aria-label={`Add an ${objectiveNoun.toLowerCase()} to ${label}`}>
          + {objectiveNoun}
        </Button>
        <Button small variant="quiet" onClick={onEdit} aria-label={`Edit ${label}`}>
          Edit
        </Button>
        <MoveArchiveDeleteTools
          label={label}
          archived={section.archived}
          onMove={onMove}
          onArchive={onArchive}
          onDelete={onDelete}
        />
      </span>
    </div>
  );
}

/** The tools a section and an objective header share: move up / down, archive or unarchive, delete. */
function MoveArchiveDeleteTools({
  label,
  archived,
  onMove,
  onArchive,
  onDelete,
}: {
  label: string;
  archived: boolean;
  onMove(delta: number): void;
  onArchive(): void;
  onDelete(): void;
}) {
  return (
    <>
      <Button small variant="quiet" onClick={() => onMove(-1)} aria-label={`Move ${label} up`} title="Move up (Alt+↑)">
        ↑
      </Button>
      <Button
        small
        variant="quiet"
        onClick={() => onMove(1)}
        aria-label={`Move ${label} down`}
        title="Move down (Alt+↓)"
      >
        ↓
      </Button>
      <Button small variant="quiet" onClick={onArchive} aria-label={`${archived ? 'Unarchive' : 'Archive'} ${label}`}>
        {archived ? 'Unarchive' : 'Archive'}
      </Button>
      <Button small variant="quiet" className="btn-danger" onClick={onDelete} aria-label={`Delete ${label}`}>
        Delete
      </Button>
    </>
  );
}

/** The header row of an objective / outcome inside a section, with its tools. */
export function ObjectiveHeader({
  row,
  noun,
  onAdd,
  onRename,
  onMove,
  onArchive,
  onDelete,
}: {
  row: Extract<Row, { kind: 'objective' }>;
  noun: string;
  onAdd(): void;
  onRename(): void;
  onMove(delta: number): void;
  onArchive(): void;
  onDelete(): void;
}) {
  const o = row.objective;
  const label = `${noun.toLowerCase()} “${o.title.length > 40 ? `${o.title.slice(0, 40)}…` : o.title || 'Untitled'}”`;
  return (
    <div role="cell" className="pt-objective-cell">
      <span className="drag-handle" aria-hidden="true" title="Drag to reorder">
        ⠿
      </span>
      <span className="objective-noun">{noun}</span>
      <span className="objective-title" title={o.title}>
        {o.title || <em className="muted">Untitled</em>}
        {row.continued ? <span className="muted"> (continued)</span> : null}
      </span>
      {o.archived ? <span className="tag tag-neutral">Archived</span> : null}
      <span className="muted small nowrap">{row.count === 1 ? '1 action' : `${row.count} actions`}</span>
      <span className="spacer" />
      <span className="section-tools hstack" onClick={(e) => e.stopPropagation()}>
        <Button small variant="quiet" onClick={onAdd} aria-label={`Add an action to ${label}`}>
          + Action
        </Button>
        <Button small variant="quiet" onClick={onRename} aria-label={`Rename ${label}`}>
          Rename
        </Button>
        <MoveArchiveDeleteTools
          label={label}
          archived={o.archived}
          onMove={onMove}
          onArchive={onArchive}
          onDelete={onDelete}
        />
      </span>
    </div>
  );
}
