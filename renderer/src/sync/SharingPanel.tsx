/**
 * The "Sharing" tab: service leads' updates travelling as update packs (or through a shared folder).
 *
 * Owner: "Send to leads" (an invitation or an update pack per lead, or the shared folder), the returns board
 * for the period (who returned when, how many updates, what is outstanding), the import report of the last
 * pack opened (applied, conflicts, held back with reasons, accept / reject), and every field with 2 versions
 * (the common base, each value with who and when; keep one or combine). Lead: their actions for the period,
 * "Return my updates", and opening the owner's packs.
 * Every file is chosen with the main process's own dialogs; a slow step shows a busy bar.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, call } from '../api';
import type { OutputOf } from '../../../shared/contract';
import type {
  LeadUpdateStatus,
  OpenReport,
  ReturnsBoard,
  SyncConflict,
  SyncStatus,
} from '../../../shared/contract-sync';
import { UpdateStatusLine } from './UpdateStatus';
import { ledBy, personNamed, type LeadPerson } from '../../../shared/leads';
import type { Person, PlanTree } from '../../../shared/model';
import { longDateTime, plural } from '../components/format';
import { ConflictCard, fieldWords } from './ConflictCard';
import { useServices, useWorkspace } from '../state/context';
import './sync.css';

type Leads = OutputOf<'sync:leads'>;
type Conflicts = OutputOf<'sync:conflicts'>;
type Received = OutputOf<'sync:received'>;

export function SharingPanel({ tree, onOpenAction }: { tree: PlanTree; onOpenAction(actionId: string): void }) {
  const { toast } = useServices();
  const { store, periodId } = useWorkspace();
  const planId = tree.plan.id;
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [leads, setLeads] = useState<Leads>([]);
  const [board, setBoard] = useState<ReturnsBoard | null>(null);
  const [conflicts, setConflicts] = useState<Conflicts>({ conflicts: [], heldBack: [] });
  const [received, setReceived] = useState<Received>([]);
  const [report, setReport] = useState<OpenReport | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [mine, setMine] = useState<LeadUpdateStatus[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const s = await call('sync:status', { planId });
    setStatus(s);
    setLeads(await call('sync:leads', { planId }));
    if (s.role === 'lead') {
      setPeople(await call('people:list', {}));
      setMine(await call('sync:myUpdates', { planId }));
    }
    if (s.role !== null) {
      setConflicts(await call('sync:conflicts', { planId }));
      setReceived(await call('sync:received', { planId }));
      if (s.role === 'owner') setBoard(await call('sync:returns', { planId, ...(periodId ? { periodId } : {}) }));
    }
  }, [planId, periodId]);

  useEffect(() => {
    refresh().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [refresh]);

  /** Runs a step with the busy bar; a cancelled dialog is quiet, other failures are shown. */
  async function run(label: string, fn: () => Promise<void>) {
    setBusy(label);
    setError(null);
    try {
      await fn();
      await refresh();
      await store.load();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'cancelled') return;
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  const invite = (lead: string) =>
    run(`Writing the invitation for ${lead}…`, async () => {
      const r = await call('sync:invite', { planId, lead });
      toast(
        `Invitation for ${lead} saved (${plural(r.ops, 'change')}). Send the file to them by email or put it in the shared folder.`,
      );
    });
  const sendUpdate = (lead: string | null) =>
    run(lead ? `Writing the update for ${lead}…` : 'Writing the update for every lead…', async () => {
      const r = await call('sync:writePack', { planId, lead });
      toast(
        status?.role === 'lead'
          ? `Your updates are saved in the pack (${plural(r.ops, 'change')}). Send it to the plan's owner.`
          : `Update pack saved (${plural(r.ops, 'change')}).`,
      );
    });
  const openPack = () =>
    run('Opening the pack…', async () => {
      setReport(await call('sync:open', {}));
    });
  const syncWithFolder = (chooseAgain: boolean) =>
    run('Checking the shared folder…', async () => {
      const r = await call('sync:folder', { planId, chooseAgain });
      const opened = r.opened.filter((o) => !o.duplicatePack);
      if (opened.length) setReport(opened[opened.length - 1]!);
      toast(
        `Shared folder: ${plural(opened.length, 'new pack')} opened${r.written ? `, ${plural(r.written.ops, 'change')} sent` : ', nothing new to send'}.${r.notYet.length ? ` ${plural(r.notYet.length, 'file')} not downloaded yet.` : ''}`,
      );
      if (r.problems.length) setError(r.problems.map((p) => `${p.file}: ${p.message}`).join('\n'));
    });
  const resolve = (conflict: SyncConflict, how: { keep: string } | { text: string }) =>
    run('Saving your decision…', async () => {
      await call('sync:resolve', { planId, conflictId: conflict.id, ...how });
      toast(`${conflict.label}, ${fieldWords(conflict.field)}: resolved.`);
    });
  const decide = (heldId: string, accept: boolean) =>
    run(accept ? 'Applying the change…' : 'Rejecting the change…', async () => {
      await call('sync:decideHeld', { planId, heldId, accept });
      setReport((r) => (r ? { ...r, heldBack: r.heldBack.filter((h) => h.id !== heldId) } : r));
    });

  if (!status) {
    return (
      <div className="page sync-page" aria-busy="true">
        {error ? (
          <div className="notice notice-danger" role="alert">
            {error}
          </div>
        ) : (
          <p className="muted">Loading sharing…</p>
        )}
      </div>
    );
  }

  const period = tree.periods.find((p) => p.id === periodId) ?? null;
  const isLead = status.role === 'lead';

  return (
    <div className="page sync-page stack">
      <header className="stack">
        <h2>{isLead ? 'Your updates' : 'Sharing with service leads'}</h2>
        <p className="muted">
          {isLead
            ? `This copy of the plan is for ${status.person ?? 'you'} to update their own actions. The rest of the plan is here for context; changes to it come from the plan's owner.`
            : status.role === 'owner'
              ? 'Leads update their own actions on their laptops and send the changes back as an update pack (by email or a shared folder). Nothing they send is applied without the checks below.'
              : 'This plan is not shared yet. Invite a lead to send them their actions; their updates come back as a pack you open here.'}
        </p>
      </header>

      {busy ? (
        <div className="sync-busy" role="status" aria-live="polite">
          <span>{busy}</span>
          <progress aria-label={busy} />
        </div>
      ) : null}
      {error ? (
        <div className="notice notice-danger sync-error" role="alert">
          {error}
        </div>
      ) : null}

      <div className="hstack sync-actions">
        {isLead ? (
          <button type="button" className="btn btn-primary" disabled={!!busy} onClick={() => void sendUpdate(null)}>
            Return my updates…
          </button>
        ) : null}
        <button type="button" className="btn" disabled={!!busy} onClick={() => void openPack()}>
          Open an update pack…
        </button>
        {status.role ? (
          <button type="button" className="btn" disabled={!!busy} onClick={() => void syncWithFolder(false)}>
            Check the shared folder
          </button>
        ) : null}
        {status.role ? (
          <button type="button" className="btn btn-quiet" disabled={!!busy} onClick={() => void syncWithFolder(true)}>
            Choose the shared folder…
          </button>
        ) : null}
      </div>

      {report ? <ImportReport report={report} onDecide={decide} busy={!!busy} onClose={() => setReport(null)} /> : null}

      {conflicts.conflicts.length ? (
        <section className="stack" aria-labelledby="sync-conflicts">
          <h3 id="sync-conflicts">Fields with 2 versions ({conflicts.conflicts.length})</h3>
          {conflicts.conflicts.map((c) => (
            <ConflictCard key={c.id} tree={tree} conflict={c} busy={!!busy} onResolve={(how) => void resolve(c, how)} />
          ))}
        </section>
      ) : null}

      {!isLead && conflicts.heldBack.length ? (
        <section className="stack" aria-labelledby="sync-held">
          <h3 id="sync-held">Changes held back ({conflicts.heldBack.length})</h3>
          <ul className="sync-list">
            {conflicts.heldBack.map((h) => (
              <li key={h.id} className="sync-held">
                <span>{h.reason}</span>
                <span className="hstack">
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={!!busy}
                    onClick={() => void decide(h.id, true)}
                  >
                    Accept
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={!!busy}
                    onClick={() => void decide(h.id, false)}
                  >
                    Reject
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {isLead ? (
        <LeadActions
          tree={tree}
          person={personNamed(status.person ?? '', people)}
          statuses={mine}
          periodId={periodId}
          onOpenAction={onOpenAction}
        />
      ) : null}

      {!isLead ? (
        <section className="stack" aria-labelledby="sync-send">
          <h3 id="sync-send">Send to leads</h3>
          {leads.length === 0 ? (
            <p className="muted">No action has a lead yet. Add leads in the plan table first.</p>
          ) : (
            <table className="sync-table">
              <caption className="visually-hidden">Leads of this plan's actions</caption>
              <thead>
                <tr>
                  <th scope="col">Lead</th>
                  <th scope="col">Actions</th>
                  <th scope="col">Invited</th>
                  <th scope="col">
                    <span className="visually-hidden">Send</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {leads.map((l) => (
                  <tr key={l.lead}>
                    <th scope="row">{l.lead}</th>
                    <td>{l.actions}</td>
                    <td>{l.invitedAt ? longDateTime(l.invitedAt) : 'Not yet'}</td>
                    <td>
                      {l.invitedAt ? (
                        <button
                          type="button"
                          className="btn btn-small"
                          disabled={!!busy}
                          onClick={() => void sendUpdate(l.lead)}
                          aria-label={`Send an update pack to ${l.lead}`}
                        >
                          Send update…
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="btn btn-small"
                          disabled={!!busy}
                          onClick={() => void invite(l.lead)}
                          aria-label={`Invite ${l.lead}`}
                        >
                          Invite…
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {status.role === 'owner' ? (
            <div>
              <button type="button" className="btn" disabled={!!busy} onClick={() => void sendUpdate(null)}>
                Send an update to every lead…
              </button>
            </div>
          ) : null}
        </section>
      ) : null}

      {board && status.role === 'owner' ? (
        <ReturnsBoardTable board={board} period={period?.label ?? board.periodLabel} />
      ) : null}

      {received.length ? (
        <section className="stack" aria-labelledby="sync-received">
          <h3 id="sync-received">Packs opened</h3>
          <table className="sync-table">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Opened</th>
                <th scope="col">Applied</th>
                <th scope="col">Conflicts</th>
                <th scope="col">Held back</th>
              </tr>
            </thead>
            <tbody>
              {received.map((r) => (
                <tr key={r.packId}>
                  <th scope="row">
                    {r.lead ?? r.person}
                    {r.kind === 'invitation' ? ' (invitation)' : ''}
                  </th>
                  <td>{longDateTime(r.receivedAt)}</td>
                  <td>{r.applied}</td>
                  <td>{r.conflicts}</td>
                  <td>{r.heldBack}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}

function ImportReport({
  report,
  onDecide,
  busy,
  onClose,
}: {
  report: OpenReport;
  onDecide(id: string, accept: boolean): void;
  busy: boolean;
  onClose(): void;
}) {
  const who =
    report.from.lead && report.from.lead !== report.from.person
      ? `${report.from.person} (${report.from.lead})`
      : report.from.person;
  return (
    <section className="notice notice-info stack sync-report" aria-labelledby="sync-report" role="region">
      <div className="hstack">
        <h3 id="sync-report">{report.kind === 'invitation' ? `Invitation from ${who}` : `Pack from ${who}`}</h3>
        <span className="spacer" />
        <button type="button" className="btn btn-small btn-quiet" onClick={onClose} aria-label="Close the pack report">
          Close
        </button>
      </div>
      {report.duplicatePack ? (
        <p>This pack was opened before; nothing changed.</p>
      ) : (
        <dl className="sync-counts">
          <div>
            <dt>Applied</dt>
            <dd>{report.applied}</dd>
          </div>
          <div>
            <dt>Conflicts</dt>
            <dd>{report.conflicts}</dd>
          </div>
          <div>
            <dt>Held back</dt>
            <dd>{report.heldBack.length}</dd>
          </div>
          <div>
            <dt>Already here</dt>
            <dd>{report.duplicates}</dd>
          </div>
        </dl>
      )}
      {report.heldBack.length ? (
        <ul className="sync-list">
          {report.heldBack.map((h) => (
            <li key={h.id} className="sync-held">
              <span>{h.reason}</span>
              {report.from.role === 'lead' ? (
                <span className="hstack">
                  <button type="button" className="btn btn-small" disabled={busy} onClick={() => onDecide(h.id, true)}>
                    Accept
                  </button>
                  <button type="button" className="btn btn-small" disabled={busy} onClick={() => onDecide(h.id, false)}>
                    Reject
                  </button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ReturnsBoardTable({ board, period }: { board: ReturnsBoard; period: string | null }) {
  return (
    <section className="stack" aria-labelledby="sync-returns">
      <h3 id="sync-returns">Returns{period ? ` for ${period}` : ''}</h3>
      {board.rows.length === 0 ? (
        <p className="muted">No lead has been invited yet.</p>
      ) : (
        <table className="sync-table">
          <thead>
            <tr>
              <th scope="col">Lead</th>
              <th scope="col">Returned</th>
              <th scope="col">Updates</th>
              <th scope="col">Outstanding</th>
            </tr>
          </thead>
          <tbody>
            {board.rows.map((r) => (
              <tr key={r.lead}>
                <th scope="row">{r.lead}</th>
                <td>{r.lastReturnAt ? `${longDateTime(r.lastReturnAt)} (${plural(r.packs, 'pack')})` : 'Not yet'}</td>
                <td>{r.updates}</td>
                <td>
                  {r.outstanding.length === 0
                    ? r.actions
                      ? 'None'
                      : 'No actions'
                    : `${r.outstanding.length} of ${r.actions}: ${r.outstanding.map((o) => o.reference).join(', ')}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A lead's own actions for the period, with what they have written so far. */
function LeadActions({
  tree,
  person,
  statuses,
  periodId,
  onOpenAction,
}: {
  tree: PlanTree;
  /** The lead, with the other names this copy's People has for them (from the invitation). */
  person: Person | LeadPerson;
  /** What the owner made of each of the lead's updates (sync:myUpdates). */
  statuses: readonly LeadUpdateStatus[];
  periodId: string | null;
  onOpenAction(actionId: string): void;
}) {
  const id = 'id' in person ? person.id : null;
  const mine = tree.actions.filter((a) => a.deletedAt === null && ledBy(a.leads, person, id));
  const period = tree.periods.find((p) => p.id === periodId);
  const ownStatuses = (actionId: string) => statuses.filter((s) => s.actionId === actionId && s.periodId === periodId);
  return (
    <section className="stack" aria-labelledby="sync-mine">
      <h3 id="sync-mine">
        Your actions{period ? ` for ${period.label}` : ''} ({mine.length})
      </h3>
      <ul className="sync-list">
        {mine.map((a) => {
          const updates = tree.progress.filter(
            (p) => p.actionId === a.id && p.periodId === periodId && p.deletedAt === null,
          );
          return (
            <li key={a.id} className="sync-mine">
              <button type="button" className="btn-link" onClick={() => onOpenAction(a.id)}>
                {a.reference} {a.description.length > 120 ? `${a.description.slice(0, 119)}…` : a.description}
              </button>
              <span className={updates.length ? 'tag tag-ok' : 'tag tag-neutral'}>
                {updates.length ? plural(updates.length, 'update') : 'No update yet'}
              </span>
              {ownStatuses(a.id).length ? (
                <ul
                  className="plain-list update-statuses"
                  aria-label={`What the owner made of your updates to ${a.reference}`}
                >
                  {ownStatuses(a.id).map((s) => (
                    <UpdateStatusLine key={s.rowId} status={s} />
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
