import type { Report } from '../../engine/api';

/**
 * The report as a save answers it: computed values, counts and only the controls that fail or
 * error (with their messages). Passing and non-applicable controls, most of a large form's list,
 * are left out: the ui shows problems, and `GET /api/statements/:id` still gives the full report.
 */
export function problemsOnly(report: Report): Report {
  return { ...report, controls: report.controls.filter((c) => c.status === 'fail' || c.status === 'error') };
}
