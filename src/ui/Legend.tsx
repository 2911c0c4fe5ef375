import { GAP_COLOR, NO_PATH_COLOR, RAMP_MAX_MINUTES, rampGradient, type LegendSpec } from '../map/legend.ts';

/** The minutes ramp with the thresholds in play marked on it. */
export function Legend({ spec }: { spec: LegendSpec }) {
  return (
    <div className="legend" data-testid="legend">
      <div className="legend-title">{spec.title}</div>
      <div className="legend-ramp" style={{ background: rampGradient() }}>
        {spec.thresholds.map((t) => (
          <div key={t.label} className="legend-mark" style={{ left: `${(100 * Math.min(t.minutes, RAMP_MAX_MINUTES)) / RAMP_MAX_MINUTES}%` }} title={t.label} />
        ))}
      </div>
      <div className="legend-ticks">{[0, 15, 30, 45, 60].map((m) => <span key={m}>{m}</span>)}</div>
      <div className="legend-marks">{spec.thresholds.map((t) => <span key={t.label}>▮ {t.label}</span>)}</div>
      <div className="legend-keys">
        <span><i style={{ border: `2.5px solid ${GAP_COLOR}` }} /> {spec.gapLabel}</span>
        <span><i style={{ background: NO_PATH_COLOR }} /> {spec.noPathLabel}</span>
      </div>
    </div>
  );
}
