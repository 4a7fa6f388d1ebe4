import type { ControlResult } from '../../api';
import type { Target } from '../compiler';
import type { RuleErrorCode } from '../functions';

/** The cached result of one rule for one row (or the whole statement). */
export interface Outcome {
  status: ControlResult['status'];
  /** Required rules: the blank field this failure is about. */
  field?: Target;
  error?: RuleErrorCode;
  /** The public result, built on first report and kept until the outcome is recomputed. */
  result?: ControlResult;
}
