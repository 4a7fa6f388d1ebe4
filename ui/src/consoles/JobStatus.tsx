/** A background job's progress bar (units done / total), its cancellation, and how it ended. */
import type { ConsoleJob } from './api';

export function JobStatus({ job, unit, onCancel }: { job: ConsoleJob<unknown>; unit: string; onCancel: () => void }) {
  if (job.status === 'running') {
    const id = `job-${job.id}`;
    return (
      <div className="fr-mt-2w" data-testid="job-progress">
        <label htmlFor={id} className="fr-label">
          {job.cancelling ? 'Annulation en cours…' : 'Calcul en cours'} : {job.done} {unit} sur {job.total || '…'}
        </label>
        <progress id={id} className="hm-progress" max={Math.max(job.total, 1)} value={job.done} />
        <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={onCancel} disabled={job.cancelling}>
          Annuler le calcul
        </button>
      </div>
    );
  }
  if (job.status === 'failed') {
    return (
      <p className="fr-error-text" role="alert">
        Le calcul a échoué : {job.error}
      </p>
    );
  }
  if (job.status === 'cancelled') return <p role="status">Calcul annulé.</p>;
  return null;
}
