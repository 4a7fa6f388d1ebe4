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

export interface CampaignRef {
  id: number;
  title: string;
  exercice: number;
  opensAt?: string;
  closesAt: string;
  status?: string;
}

export interface FormRef {
  code: string;
  title: string;
  owner?: string;
  version: string;
  formVersionId?: number;
}

/** GET /api/statements (organisation): one entry per campaign, with its statement once opened. */
export interface CampaignEntry {
  campaign: CampaignRef;
  form: FormRef | null;
  statement: {
    id: number;
    state: StatementState;
    revision: number;
    late?: boolean;
    transmittedAt?: string | null;
    updatedAt?: string;
    counts?: { blocking: number; warning: number; info?: number };
    transmissible?: boolean;
  } | null;
}

export interface SubmissionInfo {
  number: number;
  receiptNumber: string;
  revision: number;
  transmittedAt: string;
  late?: boolean;
  replaced?: boolean;
  acknowledgedBy?: string[];
}

export interface StatementDetail {
  id: number;
  state: StatementState;
  revision: number;
  late?: boolean;
  transmittedAt?: string | null;
  view?: 'draft' | 'transmitted';
  organisation: { id: number; siren: string; name: string; kind: string; departement: string; departements: string[] };
  campaign: CampaignRef;
  form: FormRef;
  answers: Answers;
  justifications: Justifications;
  /** Chosen recipient préfectures. */
  prefectures: Array<{ departement: string; name: string | null }>;
  report?: Report;
  attachments?: Attachment[];
  history?: Array<{ revision: number; sheet: string | null; userId: number | null; createdAt: string }>;
  submissions?: SubmissionInfo[];
  reopenRequests?: Array<{
    id: number;
    reason: string;
    status: string;
    decisionReason?: string | null;
    createdAt: string;
    decidedAt?: string | null;
  }>;
  /** Evaluation context when the server sends it (previous exercice, other forms). */
  context?: EvaluationContext;
}

export interface SaveResult {
  revision: number;
  report?: Report;
  savedAt?: string;
}

/** 409 details: the revision now stored, and what it holds, so the user can merge. */
export interface ConflictDetails {
  revision: number;
  answers?: Answers;
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
}

export interface ImportResult {
  format: string;
  /** Number of cells written. */
  cells: number;
  revision: number;
  report?: Report;
}

/** 422 details of a refused import: every error, by line of the file. */
export interface ImportErrors {
  format?: string;
  errors: Array<{ line: number; code?: string; message: string }>;
}

export interface TransmitResult {
  number: number;
  receiptNumber: string;
  transmittedAt: string;
  receipt: { html: string; pdf: string };
}

/** A form package as the browser receives it: the files of the published version. */
export interface FormPackagePayload {
  files: Record<string, string>;
  /** Shared sheets' packages, `form@version` → files. */
  dependencies?: Record<string, Record<string, string>>;
}
