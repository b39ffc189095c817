/**
 * Plan settings: details, rating scale, columns, reporting periods, inspection recommendations and the
 * people directory, as tabs. Every control saves as you go, through the Editor (undoable); the header shows
 * the saved state. Inside a workspace the Editor's store reloads the plan once after each write; shown on its
 * own, `onChanged` is that reload (called once per write).
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { PlanTree } from '../../../shared/model';
import { ColumnsTab } from './ColumnsTab';
import { DetailsTab } from './DetailsTab';
import { PeopleTab } from './PeopleTab';
import { PeriodsTab } from './PeriodsTab';
import { RecommendationsTab } from './RecommendationsTab';
import { SaveProvider, SaveStatus } from './saveStatus';
import { ScaleEditor } from './ScaleEditor';
import './settings.css';

export const SETTINGS_TABS = [
  { id: 'details', label: 'Details' },
  { id: 'scale', label: 'Rating scale' },
  { id: 'columns', label: 'Columns' },
  { id: 'periods', label: 'Reporting periods' },
  { id: 'recommendations', label: 'Recommendations' },
  { id: 'people', label: 'People' },
] as const;
export type SettingsTabId = (typeof SETTINGS_TABS)[number]['id'];

export interface PlanSettingsProps {
  tree: PlanTree;
  onChanged(): void;
  /** Tab to show first (default: details). */
  initialTab?: SettingsTabId;
}

export function PlanSettings({ tree, onChanged, initialTab = 'details' }: PlanSettingsProps) {
  const [tab, setTab] = useState<SettingsTabId>(initialTab);
  const tabRefs = useRef(new Map<SettingsTabId, HTMLButtonElement>());

  const onTabKey = (e: KeyboardEvent, index: number) => {
    let next: number | null = null;
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') next = (index + 1) % SETTINGS_TABS.length;
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft')
      next = (index - 1 + SETTINGS_TABS.length) % SETTINGS_TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = SETTINGS_TABS.length - 1;
    if (next === null) return;
    e.preventDefault();
    const id = SETTINGS_TABS[next]?.id;
    if (!id) return;
    setTab(id);
    tabRefs.current.get(id)?.focus();
  };

  const counts: Partial<Record<SettingsTabId, number>> = {
    scale: tree.levels.filter((l) => l.deletedAt === null).length,
    periods: tree.periods.filter((p) => p.deletedAt === null).length,
    recommendations: tree.recommendations.filter((r) => r.deletedAt === null).length,
  };

  return (
    <SaveProvider>
      <section className="pw-settings" aria-labelledby="settings-heading">
        <header className="pw-settings__head">
          <h2 id="settings-heading">Plan settings</h2>
          <SaveStatus />
        </header>
        <div className="pw-settings__body">
          <div role="tablist" aria-label="Settings sections" aria-orientation="vertical" className="pw-settings__tabs">
            {SETTINGS_TABS.map((t, i) => (
              <button
                key={t.id}
                ref={(el) => {
                  if (el) tabRefs.current.set(t.id, el);
                }}
                id={`settings-tab-${t.id}`}
                role="tab"
                type="button"
                aria-selected={tab === t.id}
                aria-controls={`settings-panel-${t.id}`}
                tabIndex={tab === t.id ? 0 : -1}
                className="pw-settings__tab"
                onClick={() => setTab(t.id)}
                onKeyDown={(e) => onTabKey(e, i)}
              >
                {t.label}
                {counts[t.id] !== undefined ? <span className="pw-count">{counts[t.id]}</span> : null}
              </button>
            ))}
          </div>
          <div
            role="tabpanel"
            id={`settings-panel-${tab}`}
            aria-labelledby={`settings-tab-${tab}`}
            className="pw-settings__panel"
            tabIndex={-1}
          >
            {tab === 'details' ? <DetailsTab key={tree.plan.id} tree={tree} onChanged={onChanged} /> : null}
            {tab === 'scale' ? <ScaleEditor key={tree.plan.id} tree={tree} onChanged={onChanged} /> : null}
            {tab === 'columns' ? <ColumnsTab key={tree.plan.id} tree={tree} onChanged={onChanged} /> : null}
            {tab === 'periods' ? <PeriodsTab key={tree.plan.id} tree={tree} onChanged={onChanged} /> : null}
            {tab === 'recommendations' ? (
              <RecommendationsTab key={tree.plan.id} tree={tree} onChanged={onChanged} />
            ) : null}
            {tab === 'people' ? <PeopleTab tree={tree} onChanged={onChanged} /> : null}
          </div>
        </div>
      </section>
    </SaveProvider>
  );
}
