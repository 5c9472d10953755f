/**
 * Small pieces the lab and admin consoles share: how a failed call is told to a person, how a file the
 * API streams becomes a download, and charts drawn as SVG (no chart library: a few bars and lines need
 * none, and every figure is also written out as text for screen readers and for people who prefer it).
 */
import { html, svg, css, TemplateResult } from 'lit';
import { session, ApiError, Money, formatMoney } from '../shell/api';

/** One sentence for a failed call, with the field problems when the server named some. */
export function problemText(e: unknown): string {
  if (!(e instanceof ApiError)) return 'The server could not be reached; try again.';
  const violations = e.problem.violations ?? [];
  if (violations.length) return `${e.message}: ${violations.map(v => `${v.field} ${v.message}`).join('; ')}`;
  return e.message;
}

/**
 * An endpoint this server does not have yet: 404 or 405 on a path without parameters (so not "no such
 * thing"). Pages use it to say "not available yet" instead of showing an error.
 */
export function notBuilt(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 404 || e.status === 405);
}

/** GETs `path` with the caller's token and saves the answer under `filename`. Returns the byte count. */
export async function download(path: string, filename: string, accept: string): Promise<number> {
  const response = await session.request<Response>('GET', path, undefined, { raw: true, accept });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return blob.size;
}

export const kitStyles = css`
  figure { margin: 0 0 1rem; }
  .chart { width: 100%; max-width: 40rem; min-width: 18rem; height: auto; display: block; }
  .chart text { font: 14px system-ui, sans-serif; fill: #1f2328; }
  .head { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; margin-bottom: 1rem; }
  .head h1 { margin: 0; }
  .chart .axis { stroke: #6b7280; stroke-width: 1; }
  .chart .grid { stroke: #d0d7de; stroke-width: 1; }
  .chart .bar { fill: #1d4ed8; }
  .chart .bar.warn { fill: #b42318; }
  .chart .track { fill: #e5e7eb; }
  .chart .line { fill: none; stroke: #1d4ed8; stroke-width: 2; }
  .chart .dot { fill: #1d4ed8; }
  .status { font-weight: 600; }
  .notice { border-left: 4px solid #1d4ed8; background: #eef2ff; padding: .5rem .75rem; border-radius: 4px; }
  .problem { border-left: 4px solid #b42318; background: #fef3f2; padding: .5rem .75rem; border-radius: 4px; color: #7a271a; }
  .unavailable { border: 1px dashed #6b7280; padding: .5rem .75rem; border-radius: 6px; color: #4b5563; }
  .grid2 { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); }
  .tablewrap { overflow-x: auto; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
  dl.facts dt { font-weight: 600; }
  dl.facts dd { margin: 0; }
`;

/** Horizontal bars for values in [min, max] (e.g. alpha in [-1, 1]); null bars say "not defined yet". */
export function barChart(title: string, bars: { label: string; value: number | null }[], min: number, max: number): TemplateResult {
  const rowH = 30, labelW = 150, width = 520, plotW = width - labelW - 70;
  const height = bars.length * rowH + 24;
  const x = (v: number) => labelW + ((v - min) / (max - min)) * plotW;
  const zero = x(Math.max(min, Math.min(max, 0)));
  return html`<figure>
    <svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label=${title}>
      <line class="axis" x1=${zero} x2=${zero} y1="0" y2=${height - 20}></line>
      ${bars.map((b, i) => {
        const y = i * rowH + 4;
        if (b.value === null) {
          return svg`<text x="4" y=${y + 16}>${b.label}</text><text x=${labelW + 4} y=${y + 16}>not defined yet</text>`;
        }
        const v = Math.max(min, Math.min(max, b.value));
        const left = Math.min(zero, x(v)), w = Math.max(1, Math.abs(x(v) - zero));
        return svg`<text x="4" y=${y + 16}>${b.label}</text>
          <rect class=${b.value < 0.667 ? 'bar warn' : 'bar'} x=${left} y=${y} width=${w} height=${rowH - 10}></rect>
          <text x=${Math.max(x(v), zero) + 6} y=${y + 14}>${b.value.toFixed(3)}</text>`;
      })}
      <text x=${labelW} y=${height - 4}>${min}</text>
      <text x=${labelW + plotW - 8} y=${height - 4}>${max}</text>
    </svg>
    <figcaption class="muted">${title}. Bars under 0.667 (the usual floor for tentative conclusions) are red and named in the table.</figcaption>
  </figure>`;
}

/** Spent against budget as one bar with the share written beside it. */
export function burnChart(spent: Money | null, budget: Money | null): TemplateResult {
  const total = budget?.amountMinor ?? 0;
  const used = spent?.amountMinor ?? 0;
  const share = total > 0 ? Math.min(1, used / total) : 0;
  const width = 520, plotW = 400;
  const text = `${formatMoney(spent ?? (budget ? { amountMinor: 0, currency: budget.currency } : null))} of ${formatMoney(budget)} spent (${(share * 100).toFixed(1)} %)`;
  return html`<figure>
    <svg class="chart" viewBox="0 0 ${width} 40" role="img" aria-label=${'Budget burn: ' + text}>
      <rect class="track" x="0" y="6" width=${plotW} height="22"></rect>
      <rect class=${share > 0.9 ? 'bar warn' : 'bar'} x="0" y="6" width=${Math.max(share > 0 ? 2 : 0, share * plotW)} height="22"></rect>
      <text x=${plotW + 8} y="23">${(share * 100).toFixed(1)} %</text>
    </svg>
    <figcaption>${text}</figcaption>
  </figure>`;
}

/** A line of (time, count) samples; the times are shown relative to the first one. */
export function lineChart(title: string, points: { at: number; value: number }[]): TemplateResult {
  const width = 520, height = 180, left = 40, bottom = 24, plotW = width - left - 10, plotH = height - bottom - 10;
  if (points.length < 2) return html`<p class="muted">${title}: a line appears once two readings have been taken.</p>`;
  const t0 = points[0].at, t1 = points[points.length - 1].at;
  const vMax = Math.max(1, ...points.map(p => p.value));
  const px = (t: number) => left + ((t - t0) / Math.max(1, t1 - t0)) * plotW;
  const py = (v: number) => 10 + plotH - (v / vMax) * plotH;
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${px(p.at).toFixed(1)},${py(p.value).toFixed(1)}`).join(' ');
  return html`<figure>
    <svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label=${`${title}: from ${points[0].value} to ${points[points.length - 1].value}`}>
      <line class="axis" x1=${left} x2=${left} y1="10" y2=${10 + plotH}></line>
      <line class="axis" x1=${left} x2=${left + plotW} y1=${10 + plotH} y2=${10 + plotH}></line>
      <text x="4" y="20">${vMax}</text><text x="4" y=${10 + plotH}>0</text>
      <text x=${left} y=${height - 4}>0 s</text>
      <text x=${left + plotW - 50} y=${height - 4}>${Math.round((t1 - t0) / 1000)} s</text>
      <path class="line" d=${path}></path>
      ${points.map(p => svg`<circle class="dot" cx=${px(p.at)} cy=${py(p.value)} r="3"></circle>`)}
    </svg>
    <figcaption class="muted">${title}</figcaption>
  </figure>`;
}
