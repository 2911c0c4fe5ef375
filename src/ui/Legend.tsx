import { GAP_COLOR, NO_PATH_COLOR, RAMP_MAX_MINUTES, rampGradient, type LegendSpec } from '../map/legend.ts';

/** A scenario's change in covered share: the diverging ramp of the difference layer. */
export function DifferenceLegend({ title, lost, gained }: { title: string; lost: string; gained: string }) {
  return (
    <div className="legend" data-testid="legend-difference">
      <div className="legend-title">{title}</div>
      <div className="legend-ramp" style={{ background: 'linear-gradient(to right, #b2182b, #ef8a62, #fddbc7, #f7f7f7, #d1e5f0, #67a9cf, #2166ac)' }} />
      <div className="legend-ticks"><span>−100% {lost}</span><span>0</span><span>+100% {gained}</span></div>
    </div>
  );
}

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
