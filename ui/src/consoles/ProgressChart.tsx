/**
 * Progress as horizontal stacked bars (plain SVG, no chart library), always followed by the same
 * numbers in a table: the chart is decorative for screen readers, the table is the content.
 */
import type { Counts, ProgressStatus } from './api';
import { STATUS_LABELS, STATUS_ORDER } from './labels';

/** DSFR-like colours with enough contrast between neighbours; the legend and the table carry the meaning. */
const COLOURS: Record<ProgressStatus, string> = { transmitted: '#18753c', in_progress: '#0063cb', not_started: '#929292', late: '#ce0500' };

const BAR = 22;
const GAP = 10;
const LABEL = 180;
const WIDTH = 640;

export function ProgressChart({ title, rows }: { title: string; rows: Array<{ label: string; counts: Counts }> }) {
  const height = rows.length * (BAR + GAP) + GAP;
  const id = title.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  return (
    <figure className="fr-mb-4w" aria-labelledby={`${id}-titre`}>
      <figcaption id={`${id}-titre`} className="fr-h6">
        {title}
      </figcaption>
      <ul className="hm-legend" aria-hidden="true">
        {STATUS_ORDER.map((s) => (
          <li key={s}>
            <span className="hm-swatch" style={{ background: COLOURS[s] }} /> {STATUS_LABELS[s]}
          </li>
        ))}
      </ul>
      <svg className="hm-bars" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-hidden="true" focusable="false">
        {rows.map((row, i) => {
          const y = GAP + i * (BAR + GAP);
          let x = LABEL;
          return (
            <g key={row.label}>
              <text x={LABEL - 8} y={y + BAR * 0.7} textAnchor="end" fontSize="13">
                {row.label}
              </text>
              {STATUS_ORDER.map((s) => {
                const w = row.counts.total ? ((WIDTH - LABEL - 40) * row.counts[s]) / row.counts.total : 0;
                const rect = <rect key={s} x={x} y={y} width={w} height={BAR} fill={COLOURS[s]} />;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + BAR * 0.7} fontSize="13">
                {row.counts.total}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="fr-table fr-table--sm fr-mt-2w">
        <table>
          <caption>{title} (tableau)</caption>
          <thead>
            <tr>
              <th scope="col">—</th>
              {STATUS_ORDER.map((s) => (
                <th key={s} scope="col">
                  {STATUS_LABELS[s]}
                </th>
              ))}
              <th scope="col">dont transmises en retard</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {STATUS_ORDER.map((s) => (
                  <td key={s}>{row.counts[s]}</td>
                ))}
                <td>{row.counts.transmittedLate}</td>
                <td>{row.counts.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
