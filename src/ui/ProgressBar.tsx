import type { StageProgress } from '../../workers/analysis.worker.ts';
import { translate, type Lang, type StringKey } from '../i18n/strings.ts';

/** The stages of loading and analysis, with the category being routed. */
export function ProgressBar({ lang, progress, running, onCancel }: { lang: Lang; progress: StageProgress | null; running: boolean; onCancel?: () => void }) {
  if (!progress) return null;
  const share = progress.total > 0 ? progress.done / progress.total : 0;
  const label = translate(lang, `stage_${progress.stage}` as StringKey) + ('categoryId' in progress && progress.categoryId ? ` · ${progress.categoryId}` : '');
  return (
    <div className="progress" data-testid="progress" data-stage={progress.stage} data-running={running}>
      <div className="progress-bar"><div style={{ width: `${Math.round(100 * (running ? share : 1))}%` }} /></div>
      <div className="progress-label">
        {running ? label : translate(lang, 'ready')}
        {running && onCancel && progress.stage !== 'loading' && progress.stage !== 'building' && (
          <button type="button" className="link" data-testid="cancel-run" onClick={onCancel}>{translate(lang, 'cancel')}</button>
        )}
      </div>
    </div>
  );
}
