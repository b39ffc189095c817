/**
 * Test-only entry (built by test/e2e/publish*.test.ts and importer*.test.ts, never by the app): mounts
 * one of the export / covering report / import components on its own, chosen by the URL hash:
 * `#export/<planId>`, `#covering/<planId>` or `#import`. `#dev-status` reports what the component did.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { call } from '../api';
import type { PlanTree } from '../../../shared/model';
import { ImportWizard } from '../importer/ImportWizard';
import { CoveringReportEditor } from './CoveringReportEditor';
import { ExportDialog } from './ExportDialog';
import '../styles.css';

type Route = { kind: 'export' | 'covering'; planId: string } | { kind: 'import' };

function routeOf(hash: string): Route | null {
  const m = /^#(export|covering)\/([0-9a-fA-F-]{36})$/.exec(hash);
  if (m) return { kind: m[1] as 'export' | 'covering', planId: m[2]! };
  return hash === '#import' ? { kind: 'import' } : null;
}

function DevHost() {
  const route = routeOf(window.location.hash);
  const [tree, setTree] = useState<PlanTree | null>(null);
  const [status, setStatus] = useState('open');
  const [error, setError] = useState<string | null>(null);
  const planId = route && route.kind !== 'import' ? route.planId : null;
  useEffect(() => {
    if (planId) call('plans:get', { planId }).then(setTree, (e: unknown) => setError(String(e)));
  }, [planId]);
  const report = <output id="dev-status">{status}</output>;
  if (!route) return <p>Unknown route {window.location.hash}</p>;
  if (error) return <p role="alert">{error}</p>;
  if (status !== 'open') return <main className="page">{report}</main>;
  if (route.kind === 'import') {
    return (
      <main className="page">
        {report}
        <ImportWizard onDone={(id) => setStatus(`imported ${id}`)} onCancel={() => setStatus('cancelled')} />
      </main>
    );
  }
  if (!tree) return <p>Loading…</p>;
  const Component = route.kind === 'export' ? ExportDialog : CoveringReportEditor;
  return (
    <main className="page">
      <h1>{tree.plan.title}</h1>
      {report}
      <Component tree={tree} onClose={() => setStatus('closed')} />
    </main>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <DevHost />
  </StrictMode>,
);
