/**
 * "New plan": pick one of the real layouts (or blank), give it a title (required), organisation,
 * service and plan period, and optionally another rating scale. The store's refusal is shown in the
 * dialog and nothing typed is lost.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { call } from '../api';
import { ApiError } from '../api';
import type { Plan, PlanTemplate, ScalePresetId } from '../../../shared/model';
import { SCALE_PRESETS, toScaleLevels } from '../../../shared/ratings';
import { TEMPLATES, templateScale } from '../../../shared/templates';
import { Dialog } from '../components/Dialog';
import { RatingBadge } from '../components/RatingBadge';
import { errorText } from '../errors';

export const TEMPLATE_ORDER: PlanTemplate[] = ['continuous', 'inspection', 'development', 'blank'];
export const TITLE_REQUIRED = 'Enter a title for the plan';

export interface CreatePlanDialogProps {
  onCreated(plan: Plan): void;
  onCancel(): void;
}

export function CreatePlanDialog({ onCreated, onCancel }: CreatePlanDialogProps) {
  const ids = useId();
  const titleRef = useRef<HTMLInputElement>(null);
  const [template, setTemplate] = useState<PlanTemplate>('continuous');
  const [title, setTitle] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [service, setService] = useState('');
  const [planPeriod, setPlanPeriod] = useState('');
  const [scale, setScale] = useState<'' | ScalePresetId>('');
  const [titleError, setTitleError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const info = TEMPLATES[template];
  const levels = toScaleLevels(templateScale(template, scale || undefined));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (title.trim() === '') {
      setTitleError(TITLE_REQUIRED);
      titleRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const plan = await call('plans:create', {
        title: title.trim(),
        organisation: organisation.trim(),
        service: service.trim(),
        planPeriod: planPeriod.trim(),
        template,
        ...(scale ? { scalePreset: scale } : {}),
      });
      onCreated(plan);
    } catch (err) {
      const titleIssue = err instanceof ApiError ? err.issues?.find((i) => i.path === 'title') : undefined;
      if (titleIssue) {
        setTitleError(titleIssue.message);
        titleRef.current?.focus();
      } else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="New plan" onClose={onCancel} width={820}>
      <form
        onSubmit={(e) => void submit(e)}
        noValidate
        className="pw-create"
        aria-describedby={error ? `${ids}-error` : undefined}
      >
        <fieldset className="pw-create__templates">
          <legend>Layout</legend>
          <div className="pw-create__grid">
            {TEMPLATE_ORDER.map((id) => {
              const t = TEMPLATES[id];
              return (
                <label key={id} className={`pw-template${template === id ? ' pw-template--on' : ''}`}>
                  <input
                    type="radio"
                    name={`${ids}-template`}
                    value={id}
                    checked={template === id}
                    onChange={() => setTemplate(id)}
                    aria-describedby={`${ids}-${id}-desc`}
                  />
                  <span className="pw-template__name">{t.name}</span>
                  <span id={`${ids}-${id}-desc`} className="pw-template__desc">
                    {t.description}
                  </span>
                </label>
              );
            })}
          </div>
          <div className="pw-create__summary" aria-live="polite">
            <p className="pw-create__desc">{info.description}</p>
            <p>
              <span className="field-label">Columns: </span>
              {info.columns
                .filter((c) => c.visible)
                .map((c) => c.label)
                .join(' · ')}
            </p>
            <p className="hstack pw-create__scale">
              <span className="field-label">Ratings: </span>
              {levels.length === 0 ? (
                <span className="muted">No rating column until you add a scale in the plan’s settings</span>
              ) : (
                <>
                  {levels.map((l) => (
                    <RatingBadge key={l.id} level={l} levels={levels} size="sm" />
                  ))}
                  <span className="muted">({SCALE_PRESETS[scale || info.scalePreset || 'rag'].name})</span>
                </>
              )}
            </p>
            <p className="muted small">
              Sections are called “{info.sectionNoun}”; the first reporting period is “
              {info.periodLabels[0] ?? 'Initial'}”.
            </p>
          </div>
        </fieldset>

        <div className="field">
          <label htmlFor={`${ids}-title`}>
            Title <span className="pw-required">(required)</span>
          </label>
          <input
            ref={titleRef}
            id={`${ids}-title`}
            type="text"
            value={title}
            data-autofocus
            placeholder="Children’s Social Care Development Plan"
            aria-invalid={titleError ? true : undefined}
            aria-describedby={titleError ? `${ids}-title-error` : undefined}
            onChange={(e) => {
              setTitle(e.target.value);
              if (titleError && e.target.value.trim() !== '') setTitleError(null);
            }}
          />
          {titleError ? (
            <span id={`${ids}-title-error`} className="field-error" role="alert">
              {titleError}
            </span>
          ) : null}
        </div>
        <div className="pw-create__row">
          <div className="field">
            <label htmlFor={`${ids}-org`}>Organisation</label>
            <input
              id={`${ids}-org`}
              type="text"
              value={organisation}
              placeholder="Thurrock Council"
              onChange={(e) => setOrganisation(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-service`}>Service</label>
            <input
              id={`${ids}-service`}
              type="text"
              value={service}
              placeholder="Children’s Services"
              onChange={(e) => setService(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-period`}>Plan period</label>
            <input
              id={`${ids}-period`}
              type="text"
              value={planPeriod}
              placeholder="2017-19"
              onChange={(e) => setPlanPeriod(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-scale`}>Rating scale</label>
            <select id={`${ids}-scale`} value={scale} onChange={(e) => setScale(e.target.value as '' | ScalePresetId)}>
              <option value="">{info.scalePreset ? 'The layout’s own' : 'None for now'}</option>
              {Object.values(SCALE_PRESETS).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        {error ? (
          <p id={`${ids}-error`} className="notice notice-danger" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create plan'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
