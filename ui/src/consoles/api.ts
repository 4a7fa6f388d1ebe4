/**
 * The consoles' HTTP calls: publishing and campaigns (server/publishing, server/campaigns), the
 * consoles' own routes (server/consoles) and the authorities' reopening decisions. The CSRF token
 * is the session's, read once from /api/auth/me like the rest of the ui.
 */
import type { Diagnostic, PackageChange, PackageFiles, Severity } from '../../../engine';
import { ApiError, networkError, toApiError } from '../api/errors';

let csrf: string | null = null;

async function csrfToken(): Promise<string | null> {
  if (csrf) return csrf;
  const res = await fetch('/api/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (res.ok) csrf = ((await res.json()) as { csrfToken?: string }).csrfToken ?? null;
  return csrf;
}

async function call<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = contentType;
  if (method !== 'GET') headers['X-CSRF-Token'] = (await csrfToken()) ?? '';
  const raw = body instanceof Blob || typeof body === 'string';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : raw ? (body as Blob | string) : JSON.stringify(body),
    });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw await toApiError(res);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export interface VersionSummary {
  id: number;
  form: { id: number; code: string; owner: string; title: string };
  version: string;
  patchNumber: number;
  label: string;
  exercice: number;
  status: 'draft' | 'published';
  followsId: number | null;
  patchesId: number | null;
  publishedAt: string | null;
  createdAt: string;
}

export interface FormEntry {
  id: number;
  code: string;
  owner: string;
  title: string;
  versions: VersionSummary[];
}

export interface VersionDetail extends VersionSummary {
  audience: string[];
  sheets: Array<{ id: string; title: string; sharedFrom: { form: string; version: string } | null }>;
  rules: Array<{ id: string; kind: string; severity: Severity | null; active: boolean; title: string | null }>;
}

export interface FieldReference {
  ref: string;
  code: string;
  type: string;
  title: string;
  table: boolean;
}

export interface CheckResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  fields: FieldReference[];
  sheets: Array<{ id: string; title: string }>;
  dependencies: Record<string, PackageFiles>;
}

export interface ImpactReport {
  version: { id: number; version: string; exercice: number };
  baseline: { id: number; version: string; exercice: number } | null;
  exercice: number;
  statements: number;
  rules: Array<{
    ruleId: string;
    title: string | null;
    kind: string;
    severity: Severity | null;
    changes: string[];
    failing: number;
    failingBefore: number | null;
    notApplicable: number;
    organisations: Array<{
      id: number;
      siren: string;
      name: string;
      kind: string;
      departement: string;
      failures: number;
      message: string | null;
    }>;
  }>;
}

export type ProgressStatus = 'not_started' | 'in_progress' | 'transmitted' | 'late';
export type Counts = Record<ProgressStatus, number> & { total: number; transmittedLate: number };

export interface ConsoleCampaign {
  id: number;
  title: string;
  exercice: number;
  status: string;
  audience: string[];
  opensAt: string;
  closesAt: string;
  form: { id: number; code: string; title: string; owner: string; version: string; versionId: number };
  canFollow: boolean;
  canRemind: boolean;
}

export interface Dashboard {
  campaign: { id: number; title: string; exercice: number; closesAt: string };
  closed: boolean;
  totals: Counts;
  byKind: Array<{ kind: string; counts: Counts }>;
  byRegion: Array<{ code: string; name: string; counts: Counts; byDepartement: Array<{ departement: string; counts: Counts }> }>;
}

export interface MemberProgress {
  organisation: { id: number; siren: string; name: string; kind: string; departement: string; region: string };
  status: ProgressStatus;
  statement: { id: number; state: string; transmittedAt: string | null; late: boolean; updatedAt: string } | null;
}

export interface StatementLine {
  id: number;
  state: string;
  late: boolean;
  transmittedAt: string | null;
  organisation: { id: number; siren: string; name: string; kind: string; departement: string };
  campaign: { id: number; title: string; exercice: number; closesAt: string };
  form: { code: string; title: string; owner: string; version: string };
  submission: { id: number; number: number; receiptNumber: string; transmittedAt: string; late: boolean } | null;
}

export interface InboxLine extends StatementLine {
  reason: 'siege' | 'choisie' | null;
  documents: Array<{ id: number; category: string; filename: string; mediaType: string; size: number }>;
}

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface WorkListSummary {
  id: number;
  name: string;
  size: number;
  updatedAt: string;
}

export interface WorkList extends WorkListSummary {
  organisations: Array<{ id: number; siren: string; name: string; kind: string; departement: string }>;
}

/** One refused line of a SIREN list (answered in `error.details.lines` of a 422). */
export interface SirenLineError {
  line: number;
  value: string;
  reason: string;
}

/** A background job of the consoles (server/consoles/jobs.ts). */
export interface ConsoleJob<R = unknown> {
  id: number;
  kind: 'impact' | 'receipts';
  status: 'running' | 'done' | 'failed' | 'cancelled';
  cancelling: boolean;
  done: number;
  total: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  result: R | null;
  download: string | null;
}

export interface ReopenRequestLine {
  id: number;
  statementId: number;
  reason: string;
  status: string;
  createdAt?: string;
  [key: string]: unknown;
}

/** One account as the platform administrator's search gives it (server/users): never a secret. */
export interface AccountLine {
  id: number;
  email: string;
  name: string;
  role: string;
  attachment: { type: 'organisation' | 'federation' | 'authority'; id: number; name: string } | null;
  disabled: boolean;
  /** Whether a second factor (TOTP) is enrolled. */
  secondFactor: boolean;
  lastLoginAt: string | null;
}

const query = (params: Record<string, string | number | boolean | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const consoleApi = {
  /** The forms the editor may edit (not every published form). */
  forms: () => call<{ forms: FormEntry[] }>('GET', '/api/consoles/forms').then((r) => r.forms),
  version: (id: number) => call<VersionDetail>('GET', `/api/forms/versions/${id}`),
  packageFiles: (id: number) => call<{ files: PackageFiles }>('GET', `/api/forms/versions/${id}/package`).then((r) => r.files),
  saveDraft: (files: PackageFiles) => call<VersionSummary>('POST', '/api/forms/packages', { format: 'harmonia-form-package@1', files }),
  async uploadBundle(file: File): Promise<VersionSummary> {
    const isZip = file.name.toLowerCase().endsWith('.zip');
    let res: Response;
    try {
      res = await fetch('/api/forms/packages', {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': isZip ? 'application/zip' : 'application/json',
          Accept: 'application/json',
          'X-CSRF-Token': (await csrfToken()) ?? '',
        },
        body: file,
      });
    } catch {
      throw networkError();
    }
    if (!res.ok) throw await toApiError(res);
    return (await res.json()) as VersionSummary;
  },
  check: (files: PackageFiles) => call<CheckResult>('POST', '/api/consoles/check', { files }),
  diff: (id: number) => call<{ from: VersionSummary | null; changes: PackageChange[] }>('GET', `/api/forms/versions/${id}/diff`),
  publish: (id: number) => call<VersionSummary>('POST', `/api/forms/versions/${id}/publish`),
  patch: (id: number, rules: Record<string, { active?: boolean; severity?: Severity }>) =>
    call<VersionSummary & { movedStatements: number }>('POST', `/api/forms/versions/${id}/patches`, { rules }),
  openCampaign: (input: { formVersionId: number; title?: string; audience?: string[]; opensAt: string; closesAt: string }) =>
    call<{ id: number; title: string }>('POST', '/api/campaigns', input),
  campaigns: () => call<{ items: ConsoleCampaign[] }>('GET', '/api/consoles/campaigns').then((r) => r.items),
  progress: (id: number, workList?: number) => call<Dashboard>('GET', `/api/consoles/campaigns/${id}/progress${query({ workList })}`),
  members: (id: number, filter: { status?: string; q?: string; workList?: number } = {}) =>
    call<{ items: MemberProgress[] }>('GET', `/api/consoles/campaigns/${id}/organisations${query(filter)}`).then((r) => r.items),
  remind: (id: number, input: { organisationIds?: number[]; note?: string }) =>
    call<{
      organisations: number;
      messages: number;
      withoutRecipient: Array<{ id: number; name: string }>;
      skipped: Array<{ id: number; name: string; nextAt: string }>;
    }>('POST', `/api/consoles/campaigns/${id}/reminders`, input),
  search: (params: { campaign?: number; q?: string; state?: string; late?: string; page?: number; workList?: number }) =>
    call<Page<StatementLine>>('GET', `/api/consoles/statements${query(params)}`),
  inbox: (params: { campaign?: number; q?: string; page?: number; workList?: number }) =>
    call<Page<InboxLine> & { departement: string | null }>('GET', `/api/consoles/inbox${query(params)}`),
  reopenRequests: () => call<{ items: ReopenRequestLine[] }>('GET', '/api/reopen-requests').then((r) => r.items),
  decideReopening: (id: number, accept: boolean, reason?: string) =>
    call<ReopenRequestLine>('POST', `/api/reopen-requests/${id}/decision`, { accept, ...(reason ? { reason } : {}) }),
  acknowledge: (statementId: number) => call<unknown>('POST', `/api/statements/${statementId}/acknowledge`),
  startJob: <R>(jobs: string) => call<ConsoleJob<R>>('POST', jobs),
  latestJob: <R>(jobs: string) => call<{ job: ConsoleJob<R> | null }>('GET', `${jobs}/latest`).then((r) => r.job),
  job: <R>(url: string) => call<ConsoleJob<R>>('GET', url),
  cancelJob: <R>(url: string) => call<ConsoleJob<R>>('POST', `${url}/cancel`),
  workLists: () => call<{ items: WorkListSummary[] }>('GET', '/api/consoles/work-lists').then((r) => r.items),
  workList: (id: number) => call<WorkList>('GET', `/api/consoles/work-lists/${id}`),
  createWorkList: (name: string) => call<WorkList>('POST', '/api/consoles/work-lists', { name }),
  renameWorkList: (id: number, name: string) => call<WorkList>('PATCH', `/api/consoles/work-lists/${id}`, { name }),
  deleteWorkList: (id: number) => call<void>('DELETE', `/api/consoles/work-lists/${id}`),
  addToWorkList: (id: number, organisationIds: number[]) =>
    call<{ added: number; alreadyInList: number; size: number }>('POST', `/api/consoles/work-lists/${id}/organisations`, {
      organisationIds,
    }),
  removeFromWorkList: (id: number, organisationId: number) =>
    call<void>('DELETE', `/api/consoles/work-lists/${id}/organisations/${organisationId}`),
  /** The CSV file as it is (the server checks its encoding): all or nothing, errors line by line. */
  importWorkList: (id: number, file: Blob) =>
    call<{ lines: number; added: number; alreadyInList: number; size: number }>(
      'POST',
      `/api/consoles/work-lists/${id}/import`,
      file,
      'text/csv',
    ),
  accounts: (params: { q?: string; page?: number }) => call<Page<AccountLine>>('GET', `/api/users${query(params)}`),
  /** Erases the account's second factor and ends its sessions (server/auth, platform administrator only). */
  resetSecondFactor: (userId: number) => call<void>('DELETE', `/api/auth/users/${userId}/second-factor`),
};

export { ApiError };
