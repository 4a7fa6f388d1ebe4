/** Prints a control report for people: structural errors, failing controls, verdict. */
import type { Report, Severity } from '../api';
import type { FieldError, FormPackage } from '../package/model';
import type { CliIO } from './context';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#39;': "'",
  '&#x60;': '`',
  '&#x3D;': '=',
};

/** Control messages are HTML-escaped text (for the browser); a terminal wants them plain. */
export function plainText(html: string): string {
  return html.replace(/&(?:amp|lt|gt|quot|#x27|#39|#x60|#x3D);/g, (entity) => ENTITIES[entity]);
}

const SEVERITY: Record<Severity, string> = { blocking: 'bloquant', warning: 'avertissement', info: 'information' };

export function printReport(io: CliIO, pkg: FormPackage, structural: FieldError[], report: Report): void {
  io.out(`Formulaire ${pkg.manifest.id}@${pkg.manifest.version}`);
  if (structural.length > 0) {
    io.out(`Saisie : ${structural.length} erreur(s) de forme`);
    for (const e of structural)
      io.out(`  ✗ ${e.sheet}${e.path ? '.' + e.path : ''}${e.row !== undefined ? ` (ligne ${e.row + 1})` : ''} : ${e.message}`);
  } else io.out('Saisie : conforme aux feuillets');

  const failing = report.controls.filter((c) => c.status === 'fail' || c.status === 'error');
  const passed = report.controls.filter((c) => c.status === 'pass').length;
  const notApplicable = report.controls.filter((c) => c.status === 'not_applicable').length;
  io.out(`Contrôles : ${passed} respecté(s), ${failing.length} en échec, ${notApplicable} sans objet`);
  const unjustified = new Set(report.unjustified.map((u) => `${u.ruleId}#${u.row ?? ''}`));
  for (const c of failing) {
    const mark = c.severity === 'blocking' ? '✗' : c.severity === 'warning' ? '!' : 'i';
    const row = c.row !== undefined ? ` ligne ${c.row + 1}` : '';
    const justification =
      c.severity === 'warning' ? (unjustified.has(`${c.ruleId}#${c.row ?? ''}`) ? ' — à justifier' : ' — justifié') : '';
    const status = c.status === 'error' ? ' (erreur de calcul)' : '';
    io.out(`  ${mark} [${SEVERITY[c.severity]}] ${c.ruleId}${row}${status} : ${plainText(c.message ?? '')}${justification}`);
  }
  io.out(`Transmissible : ${report.transmissible ? 'oui' : 'non'}`);
}
