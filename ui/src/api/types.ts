/**
 * Shapes of the server's JSON answers, as the ui reads them. They mirror docs/api.md; when the
 * server changes a shape, this file and client.ts are the only places to adapt.
 */
import type { Answers, EvaluationContext, Justifications, Report } from '../../../engine/api';

export type Role =
  | 'ORG_ADMIN'
  | 'ORG_SAISIE'
  | 'ORG_SIGNATAIRE'
  | 'FED_AGENT'
  | 'FED_EDITOR'
  | 'DHUP'
  | 'PREFECTURE'
  | 'PARTNER'
  | 'ER_EDITOR'
  | 'PLATFORM_ADMIN';

export interface Me {
  user: { id: number; email: string; name: string; role: Role };
  organisation?: { id: number; siren: string; name: string; kind: string; departement: string } | null;
  csrfToken: string;
}

export type StatementState = 'draft' | 'transmitted' | 'acknowledged' | 'reopen_requested' | 'reopened';

export interface StatementSummary {
  id: number;
  state: StatementState;
  revision: number;
  campaign: { id: number; title: string; exercice: number; opensAt?: string; closesAt: string };
  form: { code: string; title: string; version: string };
  organisation?: { id: number; name: string; siren: string };
  /** Blocking errors and warnings of the last saved report, when the list carries them. */
  counts?: { blocking: number; warning: number; info?: number };
  unjustified?: number;
  transmittedAt?: string | null;
  updatedAt?: string;
  late?: boolean;
}

export interface StatementDetail extends StatementSummary {
  answers: Answers;
  justifications: Justifications;
  prefectures: string[];
  report?: Report;
  /** Evaluation context (organisation, campaign, previous exercice, attachments count). */
  context?: EvaluationContext;
  formVersionId?: number;
}

export interface SaveResult {
  revision: number;
  report?: Report;
  savedAt?: string;
}

/** 409 details: the revision now stored, and what it holds, so the user can merge. */
export interface ConflictDetails {
  currentRevision: number;
  answers?: Answers;
  sheet?: Record<string, unknown>;
  by?: string;
  at?: string;
}

export interface Attachment {
  id: number;
  category: string;
  filename: string;
  size: number;
  mediaType?: string;
  createdAt?: string;
  sha256?: string;
}

export interface Prefecture {
  departement: string;
  name: string;
  code?: string;
}

export interface ImportResult {
  ok: boolean;
  revision?: number;
  imported?: number;
  errors: Array<{ line: number; column?: string; code?: string; message: string }>;
}

export interface HistoryEntry {
  kind: 'revision' | 'transmission' | 'reopening' | string;
  revision?: number;
  number?: number;
  at: string;
  by?: string | null;
  sheet?: string | null;
  receiptNumber?: string;
  reason?: string;
}

export interface TransmitResult {
  submission?: { number: number; receiptNumber: string; transmittedAt: string };
  receiptNumber?: string;
}

/** A form package as the browser receives it: the files of the published version. */
export interface FormPackagePayload {
  files: Record<string, string>;
  /** Shared sheets' packages, `form@version` → files. */
  dependencies?: Record<string, Record<string, string>>;
}
