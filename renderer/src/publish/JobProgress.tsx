/**
 * Progress of a long main-process job (export, import) from `job:progress` events: a labelled progress
 * bar with the phase in words, announced politely to screen readers.
 */
import { useEffect, useRef, useState } from 'react';
import { onEvent } from '../api';
import type { EventPayload } from '../../../shared/events';

export type JobProgressEvent = EventPayload<'job:progress'>;

/**
 * The latest `job:progress` event while `active`, for events that `accept` (e.g. this job's id, or any
 * import). Resets when `active` turns false.
 */
export function useJobProgress(active: boolean, accept: (e: JobProgressEvent) => boolean): JobProgressEvent | null {
  const [latest, setLatest] = useState<JobProgressEvent | null>(null);
  const acceptRef = useRef(accept);
  acceptRef.current = accept;
  useEffect(() => {
    if (!active) {
      setLatest(null);
      return;
    }
    return onEvent('job:progress', (e) => {
      if (acceptRef.current(e)) setLatest(e);
    });
  }, [active]);
  return latest;
}

const PHASES: Record<string, string> = {
  reading: 'Reading the file',
  unzipping: 'Opening the document',
  parsing: 'Reading the tables',
  'reading tables': 'Reading the tables',
  analysing: 'Working out the columns',
  building: 'Building the document',
  summary: 'Working out the summary',
  sections: 'Writing the sections',
  packing: 'Packing the document',
  writing: 'Saving the file',
  done: 'Finished',
};

/** The phase in words ("writing" -> "Saving the file"); unknown phases are shown capitalised. */
export function phaseLabel(phase: string): string {
  return PHASES[phase] ?? (phase ? phase.charAt(0).toUpperCase() + phase.slice(1) : 'Working');
}

export interface JobProgressProps {
  /** What is happening before any event arrives ("Waiting for you to choose where to save…"). */
  idle: string;
  event: JobProgressEvent | null;
}

export function JobProgress({ idle, event }: JobProgressProps) {
  const total = event && event.total > 0 ? event.total : 0;
  const done = event ? Math.min(event.done, total) : 0;
  const percent = total > 0 ? Math.round((done / total) * 100) : null;
  const text = event ? `${phaseLabel(event.phase)}${percent !== null ? ` (${percent}%)` : '…'}` : idle;
  return (
    <div className="job-progress" role="status" aria-live="polite">
      <div className="job-progress-text">{text}</div>
      {/* An indeterminate bar (no value) until there is a measure. */}
      {percent !== null ? <progress max={100} value={percent} aria-label={text} /> : <progress aria-label={text} />}
    </div>
  );
}
