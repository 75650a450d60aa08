import { escapeMarkup as escape } from './escape-markup';

/** One bar: what it counts, its value out of `of`, and the sentence under it. */
export interface ChartBar {
  label: string;
  value: number;
  of: number;
  detail: string;
}

// The picture's own units; CSS scales it to the column (it is drawn for a phone's width and up).
const WIDTH = 400;
const ROW = 62;
const BAR = 14;

/**
 * A horizontal bar chart as SVG, styled by classes only (the site's CSP allows no inline styles):
 * `barChart([{ label: 'forgot biases', value: 14, of: 30, detail: '14 of 30 students, mostly on Dense layers' }],
 * { id: 'mistakes', title: 'Mistakes across the class' })`. The title and every row's words are its
 * accessible name and description; the same words are drawn beside each bar.
 */
export function barChart(bars: readonly ChartBar[], options: { id: string; title: string }): string {
  const height = Math.max(1, bars.length) * ROW + 8;
  const rows = bars.map((bar, i) => {
    const y = i * ROW + 4;
    const share = bar.of > 0 ? Math.min(1, bar.value / bar.of) : 0;
    // A bar of at least 2 units, so that 1 of 500 still shows.
    const width = bar.value > 0 ? Math.max(2, Math.round(share * WIDTH)) : 0;
    return (
      `<g class="chart-row">` +
      `<text class="chart-label" x="0" y="${y + 14}">${escape(bar.label)}</text>` +
      `<rect class="chart-track" x="0" y="${y + 22}" width="${WIDTH}" height="${BAR}" rx="3"/>` +
      `<rect class="chart-bar" x="0" y="${y + 22}" width="${width}" height="${BAR}" rx="3"/>` +
      `<text class="chart-detail" x="0" y="${y + 52}">${escape(bar.detail)}</text>` +
      `</g>`
    );
  });
  const description = bars.map((bar) => `${bar.label}: ${bar.detail}`).join('; ') || 'Nothing to show yet.';
  return (
    `<svg class="class-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" ` +
    `width="${WIDTH}" height="${height}" role="img" aria-labelledby="${options.id}-title ${options.id}-desc">` +
    `<title id="${options.id}-title">${escape(options.title)}</title>` +
    `<desc id="${options.id}-desc">${escape(description)}</desc>` +
    rows.join('') +
    `</svg>`
  );
}
