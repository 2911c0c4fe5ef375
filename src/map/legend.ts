/**
 * The minutes colour ramp, as data: used by the map's paint expressions, the on-screen legend
 * and the legend drawn into exported PNGs.
 */
export const MINUTE_STOPS: [number, string][] = [
  [0, '#1a9850'], [5, '#66bd63'], [10, '#a6d96a'], [15, '#fee08b'], [20, '#fdae61'], [30, '#f46d43'], [45, '#d73027'], [60, '#a50026'],
];
export const RAMP_MAX_MINUTES = 60;
export const NO_PATH_COLOR = '#8c8c8c';
export const GAP_COLOR = '#c51b7d';
export const CATCHMENT_COLOR = '#2166ac';

/** Distinct colours for facility categories, in category order. */
export const CATEGORY_COLORS = ['#1f78b4', '#e31a1c', '#6a3d9a', '#ff7f00', '#33a02c', '#b15928', '#a6cee3', '#fb9a99', '#cab2d6', '#fdbf6f'];

export function categoryColor(index: number): string {
  return CATEGORY_COLORS[index % CATEGORY_COLORS.length];
}

/** A CSS linear-gradient of the ramp from 0 to RAMP_MAX_MINUTES. */
export function rampGradient(direction = 'to right'): string {
  return `linear-gradient(${direction}, ${MINUTE_STOPS.map(([m, c]) => `${c} ${(100 * m) / RAMP_MAX_MINUTES}%`).join(', ')})`;
}

export interface LegendSpec {
  title: string;
  /** Thresholds to mark on the ramp, minutes, with their labels. */
  thresholds: { minutes: number; label: string }[];
  gapLabel: string;
  noPathLabel: string;
}
