/**
 * The plan store's health (issue 8): the background integrity check's result (`store:status`, then the
 * `store:integrity` event) as a quiet "checked" note, or on damage a banner with "Repair (rebuild
 * indexes)" (`store:repair`) and "Restore a backup"; and Help › Restore a backup: the verified backups
 * (`backups:list`) with their date, size and schema version, a confirmation, the restore, and a reload.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BackupInfo, IntegrityStatus } from '../../../shared/contract';
import { call, onEvent } from '../api';
import { errorText } from '../errors';
import { Button } from './Button';
import { ConfirmDialog } from './ConfirmDialog';
import { Dialog } from './Dialog';
import { longDateTime } from './format';

/** "2.4 MB", "812 KB". */
function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const KIND: Record<BackupInfo['kind'], string> = {
  upgrade: 'Before an upgrade',
  daily: 'Daily',
  restore: 'Replaced by a restore',
};

/** The integrity check's latest result: `store:status` at first, then each `store:integrity` event. */
export function useStoreIntegrity(): [IntegrityStatus | null, (status: IntegrityStatus) => void] {
  const [status, setStatus] = useState<IntegrityStatus | null>(null);
  useEffect(() => {
    let live = true;
    call('store:status', {}).then(
      (s) => live && setStatus(s),
      () => undefined,
    );
    const off = onEvent('store:integrity', (s) => setStatus(s));
    return () => {
      live = false;
      off();
    };
  }, []);
  return [status, setStatus];
}

/** The quiet state in the header: "Store checked" once the full check found nothing wrong. */
export function StoreChecked({ status }: { status: IntegrityStatus | null }) {
  if (status?.state !== 'ok') return null;
  return (
    <span
      className="store-checked"
      role="status"
      title={status.checkedAt ? `The plan store was checked in full ${longDateTime(status.checkedAt)}` : undefined}
    >
      ✓ Store checked
    </span>
  );
}

/** The banner shown while the store is damaged: repair, or restore a backup. */
export function IntegrityBanner({
  status,
  onStatus,
  onRestore,
}: {
  status: IntegrityStatus;
  onStatus(status: IntegrityStatus): void;
  onRestore(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="notice notice-danger store-damaged" role="alert">
      <p>
        <strong>The plan store is damaged.</strong> The full check found a problem
        {status.detail ? `: ${status.detail}` : ''}. Counts and searches may be wrong until it is repaired. Rebuilding
        the indexes usually fixes this; if it does not, restore a backup.
      </p>
      {problem ? <p>{problem}</p> : null}
      <div className="hstack">
        <Button
          variant="primary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setProblem(null);
            try {
              const next = await call('store:repair', {});
              onStatus(next);
              if (next.state === 'damaged')
                setProblem('Rebuilding the indexes did not fix it. Restore a backup to get a sound plan store back.');
            } catch (error) {
              setProblem(errorText(error));
            } finally {
              setBusy(false);
            }
          }}
        >
          {busy ? 'Repairing…' : 'Repair (rebuild indexes)'}
        </Button>
        <Button onClick={onRestore}>Restore a backup…</Button>
      </div>
    </div>
  );
}

export function RestoreBackupDialog({ onClose, reload }: { onClose(): void; reload(): void }) {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [chosen, setChosen] = useState<BackupInfo | null>(null);
  const load = useCallback(() => {
    call('backups:list', {}).then(
      (list) => setBackups([...list].sort((a, b) => b.at.localeCompare(a.at))),
      (error: unknown) => {
        setBackups([]);
        setProblem(errorText(error));
      },
    );
  }, []);
  useEffect(load, [load]);
  return (
    <>
      <Dialog
        title="Restore a backup"
        onClose={onClose}
        width={760}
        actions={
          <>
            <Button
              onClick={async () => {
                setProblem(null);
                try {
                  await call('backups:create', {});
                  load();
                } catch (error) {
                  setProblem(errorText(error));
                }
              }}
            >
              Back up now
            </Button>
            <Button onClick={onClose} data-autofocus>
              Close
            </Button>
          </>
        }
      >
        <p>
          Planwright keeps verified copies of the plan store: one a day (the last seven) and one before each upgrade.
          Restoring one replaces every plan with the plans as they were then; the current store is kept as a backup
          first.
        </p>
        {problem ? (
          <p className="notice notice-danger" role="alert">
            {problem}
          </p>
        ) : null}
        {backups === null ? (
          <p role="status">Looking for backups…</p>
        ) : backups.length === 0 ? (
          <p>There are no backups yet. “Back up now” makes one.</p>
        ) : (
          <table className="backups-table">
            <caption className="visually-hidden">Verified backups of the plan store, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Taken</th>
                <th scope="col">Kind</th>
                <th scope="col">Size</th>
                <th scope="col">Schema version</th>
                <th scope="col">
                  <span className="visually-hidden">Restore</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.path}>
                  <td>{longDateTime(b.at)}</td>
                  <td>{KIND[b.kind]}</td>
                  <td>{size(b.bytes)}</td>
                  <td>{b.version ?? 'unknown'}</td>
                  <td>
                    <Button
                      small
                      onClick={() => setChosen(b)}
                      aria-label={`Restore the backup taken ${longDateTime(b.at)}`}
                    >
                      Restore…
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Dialog>
      {chosen ? (
        <ConfirmDialog
          title="Restore this backup?"
          confirmLabel="Restore and reload"
          danger
          onCancel={() => setChosen(null)}
          onConfirm={async () => {
            try {
              await call('backups:restore', { path: chosen.path });
              reload();
            } catch (error) {
              setChosen(null);
              setProblem(errorText(error));
            }
          }}
        >
          <p>
            Every plan goes back to how it was on {longDateTime(chosen.at)}. Changes made since then are not in this
            backup; the current plan store is kept as a backup first, so you can go back to it.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
