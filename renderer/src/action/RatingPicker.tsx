/**
 * The rating picker for one action in one period: the plan's own levels as a compact radio group (arrow
 * keys move, as native radios do), each with its badge (colour + shape + label) and its full definition in
 * its accessible name, plus "Not rated"; the chosen level's definition shows under the row. A level that requires an explanation shows the explanation and corrective action fields,
 * and the rating is marked "Needs explanation" until both are filled.
 */
import { useId } from 'react';
import type { RatingLevel } from '../../../shared/model';
import { RatingBadge } from '../components/RatingBadge';
import { TextArea } from '../components/TextArea';

export interface RatingPickerProps {
  levels: RatingLevel[];
  levelId: string | null;
  explanation: string;
  correctiveAction: string;
  onLevel(levelId: string | null): void;
  onExplanation(text: string): void;
  onCorrectiveAction(text: string): void;
  onBlurText?(): void;
  readOnly?: boolean;
  /** For the group's accessible name, e.g. "March 2020". */
  periodLabel?: string;
}

/** True when the chosen level needs an explanation and either text is blank. */
export function needsExplanation(
  level: RatingLevel | undefined,
  explanation: string,
  correctiveAction: string,
): boolean {
  return !!level?.requiresExplanation && (explanation.trim() === '' || correctiveAction.trim() === '');
}

export function RatingPicker(props: RatingPickerProps) {
  const { levels, levelId, explanation, correctiveAction, readOnly, periodLabel } = props;
  const name = useId();
  const level = levels.find((l) => l.id === levelId);
  const missing = needsExplanation(level, explanation, correctiveAction);
  const legend = `Rating${periodLabel ? ` for ${periodLabel}` : ''}`;
  return (
    <div className="rating-picker">
      <fieldset disabled={readOnly}>
        <legend>{legend}</legend>
        <div className="rating-options" role="radiogroup" aria-label={legend}>
          {levels.map((l) => (
            <label key={l.id} className={`rating-option${l.id === levelId ? ' checked' : ''}`}>
              <input
                type="radio"
                name={name}
                value={l.id}
                checked={l.id === levelId}
                onChange={() => props.onLevel(l.id)}
              />
              <span className="rating-option-body">
                <RatingBadge level={l} levels={levels} />
                {l.requiresExplanation ? <span className="tag tag-neutral">Needs explanation</span> : null}
                {/* Every definition stays in its option's label for screen readers; on screen only the chosen
                    level's shows (below the row), so the update and the rating share the first screen (11.6). */}
                <span className="rating-definition visually-hidden">{l.definition}</span>
              </span>
            </label>
          ))}
          <label className={`rating-option${levelId === null ? ' checked' : ''}`}>
            <input type="radio" name={name} value="" checked={levelId === null} onChange={() => props.onLevel(null)} />
            <span className="rating-option-body">
              <RatingBadge level={null} />
              <span className="rating-definition visually-hidden">
                No rating for this period yet (never counted as 0).
              </span>
            </span>
          </label>
        </div>
        <p className="rating-chosen-definition" aria-hidden="true">
          {level ? level.definition : 'No rating for this period yet (never counted as 0).'}
        </p>
      </fieldset>
      {level?.requiresExplanation ? <ExplanationFields {...props} missing={missing} levelLabel={level.label} /> : null}
    </div>
  );
}

function ExplanationFields({
  explanation,
  correctiveAction,
  onExplanation,
  onCorrectiveAction,
  onBlurText,
  readOnly,
  missing,
  levelLabel,
}: RatingPickerProps & { missing: boolean; levelLabel: string }) {
  const id = useId();
  return (
    <div className={`explanation-block${missing ? ' missing' : ''}`} data-testid="explanation-block">
      <p className="explanation-status" role="status">
        {missing ? (
          <>
            <span className="tag tag-warn">⚠ Needs explanation</span> A “{levelLabel}” rating needs an explanation and a
            corrective action before this action counts as done.
          </>
        ) : (
          <>
            <span className="tag tag-ok">✓ Explained</span> Explanation and corrective action given.
          </>
        )}
      </p>
      <div className="field">
        <label htmlFor={`${id}-expl`} className="field-label">
          Explanation (why is it {levelLabel}?)
        </label>
        <TextArea
          id={`${id}-expl`}
          value={explanation}
          minRows={2}
          readOnly={readOnly}
          aria-invalid={explanation.trim() === '' ? true : undefined}
          aria-required="true"
          onChange={(e) => onExplanation(e.target.value)}
          onBlur={onBlurText}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-corr`} className="field-label">
          Corrective action (what will bring it back on track?)
        </label>
        <TextArea
          id={`${id}-corr`}
          value={correctiveAction}
          minRows={2}
          readOnly={readOnly}
          aria-invalid={correctiveAction.trim() === '' ? true : undefined}
          aria-required="true"
          onChange={(e) => onCorrectiveAction(e.target.value)}
          onBlur={onBlurText}
        />
      </div>
    </div>
  );
}
