import type { Report } from '../../engine/api';
import type { LoadedStatement } from '../statements/loaded-statement';

/** Why a statement cannot be transmitted yet: one entry per problem, in French. */
export interface RefusalReason {
  kind: 'blocking_control' | 'unjustified_warning' | 'invalid_value' | 'missing_prefecture';
  ruleId?: string;
  row?: number;
  sheet?: string;
  path?: string;
  message: string;
}

/** Every reason the server refuses a transmission, from a fresh report (never the client's). */
export function refusalReasons(loaded: LoadedStatement, report: Report): RefusalReason[] {
  const reasons: RefusalReason[] = [];
  for (const error of loaded.runtime.validate(loaded.statement.answers)) {
    reasons.push({ kind: 'invalid_value', sheet: error.sheet, path: error.path, row: error.row, message: error.message });
  }
  for (const control of report.controls) {
    if (control.severity === 'blocking' && (control.status === 'fail' || control.status === 'error')) {
      reasons.push({
        kind: 'blocking_control',
        ruleId: control.ruleId,
        row: control.row,
        message: control.message ?? `Le contrôle ${control.ruleId} n’est pas satisfait.`,
      });
    }
  }
  for (const missing of report.unjustified) {
    const control = report.controls.find((c) => c.ruleId === missing.ruleId && c.row === missing.row);
    const text = control?.message ? ` (${control.message})` : '';
    reasons.push({
      kind: 'unjustified_warning',
      ruleId: missing.ruleId,
      row: missing.row,
      message: `L’alerte ${missing.ruleId} doit être justifiée par écrit${text}.`,
    });
  }
  const siege = loaded.organisation.departement;
  if (!loaded.statement.prefectures.includes(siege)) {
    reasons.push({
      kind: 'missing_prefecture',
      message: `Choisissez la préfecture du département du siège (${siege}) parmi les destinataires.`,
    });
  }
  return reasons;
}
