/** How the command line shows a plan's performance indicators (dump and summary). */
import {
  formatIndicatorValue,
  indicatorFigures,
  POLARITY_WORDS,
  UNIT_LABELS,
  YEAR_TO_DATE_WORDS,
} from '../../shared/indicators';
import type { Indicator, PlanTree } from '../../shared/model';
import { formatTable, truncate } from './format';

const liveIndicators = (tree: PlanTree): Indicator[] =>
  tree.indicators.filter((i) => i.deletedAt === null).sort((a, b) => a.position - b.position);

/** Each indicator with its values and the figures worked out from them (latest, year to date, direction, target met). */
export function indicatorsWithFigures(tree: PlanTree) {
  const sections = new Map(tree.sections.map((s) => [s.id, s]));
  return liveIndicators(tree).map((i) => {
    const f = indicatorFigures(i);
    const section = i.sectionId ? sections.get(i.sectionId) : undefined;
    return {
      ...i,
      section: section ? `${section.number} ${section.title}`.trim() : null,
      figures: {
        latest: f.latest,
        yearToDate: f.yearToDate,
        direction: f.travel,
        directionText: `${f.travelLabel.arrow} ${f.travelLabel.words}`,
        meetsTarget: f.meetsTarget,
      },
    };
  });
}

/** The indicator lines of a section in the outline: name, values (missing shown as missing with its note), direction. */
export function indicatorOutline(tree: PlanTree, sectionId: string): string[] {
  return liveIndicators(tree)
    .filter((i) => i.sectionId === sectionId)
    .flatMap((i) => {
      const f = indicatorFigures(i);
      const values = i.values
        .map(
          (v) =>
            `${v.label} ${v.value === null ? `missing${v.note ? ` (${v.note})` : ''}` : formatIndicatorValue(v.value, i.unit)}`,
        )
        .join(' · ');
      return [
        `  Indicator: ${i.name} (${UNIT_LABELS[i.unit]}, ${POLARITY_WORDS[i.polarity]}) · ${f.travelLabel.arrow} ${f.travelLabel.words}`,
        ...(values ? [`    ${values}`] : []),
      ];
    });
}

/** The summary's indicator table: one row per indicator with its latest value, year to date, target and direction of travel. */
export function indicatorSummary(tree: PlanTree): string | null {
  const list = indicatorsWithFigures(tree);
  if (list.length === 0) return null;
  const rows = list.map((i) => [
    truncate(i.section ?? '', 28),
    truncate(i.name, 48),
    i.figures.latest
      ? `${formatIndicatorValue(i.figures.latest.value, i.unit)} (${i.figures.latest.label})`
      : 'Missing',
    i.figures.yearToDate === null
      ? 'Missing'
      : `${formatIndicatorValue(i.figures.yearToDate, i.unit)} (${YEAR_TO_DATE_WORDS[i.yearToDate]})`,
    i.target === null ? '–' : formatIndicatorValue(i.target, i.unit),
    i.figures.directionText,
  ]);
  return formatTable(['Section', 'Indicator', 'Latest', 'Year to date', 'Target', 'Direction'], rows);
}
