/** Typed change records between two versions of a form package (the "what changed" screen). */

export type ChangeKind =
  | 'sheet_added'
  | 'sheet_removed'
  | 'sheet_retitled'
  | 'field_added'
  | 'field_removed'
  | 'field_renamed'
  | 'field_relabelled'
  | 'field_type_changed'
  | 'field_unit_changed'
  | 'field_choices_changed'
  | 'field_computed_changed'
  | 'table_added'
  | 'table_removed'
  | 'table_renamed'
  | 'table_relabelled'
  | 'rule_added'
  | 'rule_removed'
  | 'rule_expression_changed'
  | 'rule_severity_changed'
  | 'rule_activation_changed'
  | 'rule_message_changed'
  | 'attachment_added'
  | 'attachment_removed'
  | 'attachment_changed';

export interface PackageChange {
  kind: ChangeKind;
  /**
   * True when the change can invalidate or lose existing answers (removed field, changed type or
   * unit, fewer choices) or make a statement newly non-transmissible (new or stricter blocking rule).
   */
  breaking: boolean;
  /** One French sentence for non-programmers. */
  description: string;
  sheet?: string;
  /** Path in the target version (or in the source version for removals). */
  path?: string;
  /** Stable code of the field or table concerned. */
  code?: string;
  ruleId?: string;
  attachment?: string;
  /** Which attribute changed, for *_changed kinds (e.g. `assert`, `severity`, `type`). */
  attribute?: string;
  from?: unknown;
  to?: unknown;
}
