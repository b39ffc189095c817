/**
 * An indicator's chart: its monthly values as a line against the target (dashed) and the
 * statistical-neighbour average (dotted). A missing value is a gap in the line with a hollow marker and
 * (in the large chart) the word "missing" at the foot of its month, never a point at zero. The drawing is
 * hidden from screen readers; the caption says the same in words and a visually hidden table lists every
 * month's value.
 */
import { useId } from 'react';
import type { Indicator } from '../../../shared/model';
import { formatIndicatorValue, indicatorFigures } from '../../../shared/indicators';
import { plural } from '../../../shared/words';

type ChartIndicator = Pick<Indicator, 'name' | 'unit' | 'polarity' | 'values' | 'target' | 'snAverage' | 'yearToDate'>;

export interface IndicatorChartProps {
  indicator: ChartIndicator;
  size: 'small' | 'large';
}

const SIZES = {
  small: { width: 180, height: 56, pad: { top: 6, right: 6, bottom: 10, left: 6 } },
  large: { width: 640, height: 260, pad: { top: 16, right: 90, bottom: 44, left: 48 } },
} as const;

/** The caption: what the chart shows, in words. */
export function chartSummary(ind: ChartIndicator): string {
  const f = indicatorFigures(ind);
  const fmt = (v: number | null) => formatIndicatorValue(v, ind.unit);
  const missing = ind.values.filter((v) => v.value === null).map((v) => v.label);
  const parts: string[] = [];
  if (ind.values.length === 0) parts.push('No monthly values yet');
  else
    parts.push(
      `${ind.values[0]!.label} to ${ind.values.at(-1)!.label}: ` +
        (f.latest ? `latest ${fmt(f.latest.value)} (${f.latest.label})` : 'every value missing'),
    );
  if (ind.target !== null) parts.push(`target ${fmt(ind.target)}`);
  if (ind.snAverage !== null) parts.push(`statistical-neighbour average ${fmt(ind.snAverage)}`);
  parts.push(`${f.travelLabel.words.toLowerCase()} (${ind.polarity.replace(/-/g, ' ')})`);
  if (missing.length > 0) parts.push(`${plural(missing.length, 'month')} missing (${missing.join(', ')})`);
  return `${parts.join('; ')}.`;
}

export function IndicatorChart({ indicator, size }: IndicatorChartProps) {
  const captionId = useId();
  const { width, height, pad } = SIZES[size];
  const large = size === 'large';
  const values = indicator.values;
  const present = values.flatMap((v) => (v.value === null ? [] : [v.value]));
  const refs = [indicator.target, indicator.snAverage].filter((v): v is number => v !== null);
  const all = [...present, ...refs];
  let lo = all.length ? Math.min(...all) : 0;
  let hi = all.length ? Math.max(...all) : 1;
  if (hi === lo) {
    lo -= 1;
    hi += 1;
  }
  const span = hi - lo;
  lo -= span * 0.1;
  hi += span * 0.1;
  if (indicator.unit === 'percent') {
    lo = Math.max(0, lo);
    hi = Math.min(100, hi);
  }
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (values.length <= 1 ? plotW / 2 : (i * plotW) / (values.length - 1));
  const y = (v: number) => pad.top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const foot = pad.top + plotH;

  // The line, broken at every missing value.
  const segments: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v.value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v.value).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const fmt = (v: number) => formatIndicatorValue(v, indicator.unit);

  return (
    <figure className={`indicator-chart indicator-chart-${size}`}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        aria-hidden="true"
        focusable="false"
        data-testid="indicator-chart"
      >
        <line x1={pad.left} x2={width - pad.right} y1={foot} y2={foot} className="chart-axis" />
        {large ? (
          <>
            <text x={pad.left - 6} y={y(hi - (hi - lo) * 0.05)} className="chart-tick" textAnchor="end">
              {fmt(Number((hi - (hi - lo) * 0.05).toPrecision(3)))}
            </text>
            <text x={pad.left - 6} y={y(lo + (hi - lo) * 0.05)} className="chart-tick" textAnchor="end">
              {fmt(Number((lo + (hi - lo) * 0.05).toPrecision(3)))}
            </text>
          </>
        ) : null}
        {indicator.target !== null ? (
          <g className="chart-target" data-series="target">
            <line x1={pad.left} x2={width - pad.right} y1={y(indicator.target)} y2={y(indicator.target)} />
            {large ? (
              <text x={width - pad.right + 4} y={y(indicator.target) + 4}>
                Target {fmt(indicator.target)}
              </text>
            ) : null}
          </g>
        ) : null}
        {indicator.snAverage !== null ? (
          <g className="chart-sn" data-series="sn">
            <line x1={pad.left} x2={width - pad.right} y1={y(indicator.snAverage)} y2={y(indicator.snAverage)} />
            {large ? (
              <text x={width - pad.right + 4} y={y(indicator.snAverage) + 4}>
                SN avg {fmt(indicator.snAverage)}
              </text>
            ) : null}
          </g>
        ) : null}
        {segments.map((d, i) => (
          <path key={i} d={d} className="chart-line" data-series="values" />
        ))}
        {values.map((v, i) =>
          v.value === null ? (
            <g key={i} className="chart-missing" data-missing={v.label}>
              <circle cx={x(i)} cy={foot} r={large ? 5 : 3} />
              {large ? (
                <text x={x(i)} y={foot - 9} textAnchor="middle">
                  missing
                </text>
              ) : null}
            </g>
          ) : (
            <circle key={i} cx={x(i)} cy={y(v.value)} r={large ? 4 : 2.2} className="chart-point" />
          ),
        )}
        {large
          ? values.map((v, i) => (
              <text key={i} x={x(i)} y={height - pad.bottom + 18} textAnchor="middle" className="chart-tick">
                {v.label}
              </text>
            ))
          : null}
      </svg>
      <figcaption id={captionId} className={large ? 'indicator-chart-caption' : 'visually-hidden'}>
        {chartSummary(indicator)}
      </figcaption>
      <table className="visually-hidden" aria-describedby={captionId}>
        <caption>Monthly values of {indicator.name}</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Value</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {values.map((v) => (
            <tr key={v.label}>
              <th scope="row">{v.label}</th>
              <td>{formatIndicatorValue(v.value, indicator.unit)}</td>
              <td>{v.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
