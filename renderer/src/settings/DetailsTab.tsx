/** Plan details: title, organisation, service, period, appendix number, headings and the front texts. */
import { useCallback } from 'react';
import { useSettingsEditor } from './useSettingsEditor';
import type { PlanTree } from '../../../shared/model';
import { AutosaveField } from './AutosaveField';

type PatchKey =
  'title' | 'organisation' | 'service' | 'planPeriod' | 'introduction' | 'governance' | 'recommendationsHeading';

export function DetailsTab({ tree, onChanged }: { tree: PlanTree; onChanged(): void }) {
  const { plan } = tree;
  const editor = useSettingsEditor(tree, onChanged);
  const saver = useCallback((key: PatchKey) => (value: string) => editor.updatePlan({ [key]: value }), [editor]);
  const saveAppendix = useCallback((value: string) => editor.updatePlan({ appendixNumber: Number(value) }), [editor]);

  return (
    <section aria-labelledby="details-heading" className="pw-settings-panel">
      <h3 id="details-heading">Plan details</h3>
      <div className="pw-grid-2">
        <AutosaveField
          label="Title"
          name="title"
          required
          value={plan.title}
          onSave={saver('title')}
          validate={(v) => (v.trim() === '' ? 'A plan needs a title' : null)}
          hint="As printed on the appendix, for example “Children’s Social Care Development Plan”."
        />
        <AutosaveField
          label="Organisation"
          name="organisation"
          value={plan.organisation}
          onSave={saver('organisation')}
          hint="The council, for example “Thurrock Council”."
        />
        <AutosaveField
          label="Service"
          name="service"
          value={plan.service}
          onSave={saver('service')}
          hint="For example “Children’s Services”."
        />
        <div className="pw-grid-2 pw-grid-tight">
          <AutosaveField
            label="Plan period"
            name="planPeriod"
            value={plan.planPeriod}
            onSave={saver('planPeriod')}
            hint="For example “2017-19”."
          />
          <AutosaveField
            label="Appendix number"
            name="appendixNumber"
            type="number"
            min={1}
            max={99}
            value={String(plan.appendixNumber)}
            onSave={saveAppendix}
            validate={(v) =>
              /^\d{1,2}$/.test(v.trim()) && Number(v) >= 1
                ? null
                : 'The appendix number must be a whole number from 1 to 99'
            }
            hint="Printed as “Appendix 1”."
          />
        </div>
      </div>
      <AutosaveField
        label="Recommendations heading"
        name="recommendationsHeading"
        value={plan.recommendationsHeading}
        onSave={saver('recommendationsHeading')}
        hint="Heading above the inspection recommendations list in the appendix."
      />
      <AutosaveField
        label="Introduction"
        name="introduction"
        multiline
        rows={5}
        value={plan.introduction}
        onSave={saver('introduction')}
        hint="Optional text at the front of the appendix. Separate paragraphs with a blank line."
      />
      <AutosaveField
        label="Governance text"
        name="governance"
        multiline
        rows={4}
        value={plan.governance}
        onSave={saver('governance')}
        hint="Optional, for example “Overseen by the Improvement Board; reported monthly to the Board and every two months to committee.”"
      />
    </section>
  );
}
