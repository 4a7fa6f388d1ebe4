/**
 * Every HTTP call of the ui, typed. The server's routes and shapes are described in docs/api.md;
 * adapting to a change there is done here only. State-changing requests carry the CSRF token
 * that GET /api/auth/me (and the login answer) hands out.
 */
import type { Justifications } from '../../../engine/api';
import { ApiError, networkError, toApiError } from './errors';
import type {
  Attachment,
  CampaignEntry,
  ConflictDetails,
  FormPackagePayload,
  ImportResult,
  Me,
  Prefecture,
  SaveResult,
  StatementDetail,
  TransmitResult,
} from './types';

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

const statementPath = (id: number | string) => `/api/statements/${encodeURIComponent(String(id))}`;

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** Unwraps `{ key: value }` envelopes when the server uses them, accepts bare values too. */
function unwrap<T>(value: unknown, key: string): T {
  if (value && typeof value === 'object' && !Array.isArray(value) && key in (value as object)) {
    return (value as Record<string, T>)[key];
  }
  return value as T;
}

function normaliseMe(raw: unknown): Me {
  const me = raw as Me & { csrf?: string };
  const token = me.csrfToken ?? me.csrf ?? null;
  setCsrfToken(token);
  return { ...me, csrfToken: token ?? '' };
}

export const api = {
  async login(email: string, password: string): Promise<Me> {
    return normaliseMe(await request<unknown>('POST', '/api/auth/login', { email, password }));
  },
  async me(): Promise<Me | null> {
    try {
      return normaliseMe(await request<unknown>('GET', '/api/auth/me'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  },
  /** Ends the session; a ProConnect session answers where to send the browser (the provider's logout). */
  async logout(): Promise<string | null> {
    const res = await request<{ endSessionUrl?: string } | undefined>('POST', '/api/auth/logout');
    setCsrfToken(null);
    return res?.endSessionUrl ?? null;
  },

  async campaigns(): Promise<CampaignEntry[]> {
    return unwrap<CampaignEntry[]>(await request<unknown>('GET', '/api/statements'), 'items');
  },
  /** Opens (creates when needed) the organisation's statement for a campaign. */
  async openStatement(campaignId: number): Promise<StatementDetail> {
    return request<StatementDetail>('POST', `/api/campaigns/${campaignId}/statement`);
  },
  async statement(id: number | string): Promise<StatementDetail> {
    return request<StatementDetail>('GET', statementPath(id));
  },
  /** The published package of a form version (files, and the packages its shared sheets come from). */
  async formPackage(formVersionId: number): Promise<FormPackagePayload> {
    return request<FormPackagePayload>('GET', `/api/forms/versions/${formVersionId}/package`);
  },
  /**
   * The published version id of `form@version` (the latest patch), for the packages that shared
   * sheets come from.
   */
  async publishedVersionId(form: string, version: string): Promise<number | null> {
    const res = await request<{
      forms: Array<{ code: string; versions: Array<{ id: number; version: string; status: string; patchNumber: number }> }>;
    }>('GET', '/api/forms');
    const versions =
      res.forms.find((f) => f.code === form)?.versions.filter((v) => v.version === version && v.status === 'published') ?? [];
    versions.sort((a, b) => b.patchNumber - a.patchNumber);
    return versions[0]?.id ?? null;
  },
  /** Saves one sheet. A 409 rejects with ApiError whose details are ConflictDetails. */
  async saveSheet(id: number | string, sheet: string, data: Record<string, unknown>, baseRevision: number): Promise<SaveResult> {
    return request<SaveResult>('PUT', `${statementPath(id)}/sheets/${encodeURIComponent(sheet)}`, { baseRevision, answers: data });
  },
  /**
   * One warning's justification (key `ruleId` or `ruleId#row`); an empty text removes it. `previous`
   * is the text it replaces as last saved (null: none): if a colleague changed it meanwhile, 409.
   */
  async saveJustification(
    id: number | string,
    key: string,
    text: string,
    previous: string | null,
  ): Promise<{ justifications: Justifications }> {
    return request<{ justifications: Justifications }>('PUT', `${statementPath(id)}/justifications/${encodeURIComponent(key)}`, {
      text,
      previous,
    });
  },

  /** Every préfecture (authorities of kind PREFECTURE), by département. */
  async prefectures(): Promise<Prefecture[]> {
    const res = await request<{ authorities: Array<{ kind: string; departement: string | null; name: string }> }>(
      'GET',
      '/api/authorities',
    );
    return res.authorities
      .filter((a) => a.kind === 'PREFECTURE' && a.departement)
      .map((a) => ({ departement: a.departement!, name: a.name }));
  },
  async savePrefectures(id: number | string, departements: string[]): Promise<string[]> {
    const res = await request<{ prefectures: Array<string | { departement: string }> }>('PUT', `${statementPath(id)}/prefectures`, {
      departements,
    });
    return (res.prefectures ?? []).map((p) => (typeof p === 'string' ? p : p.departement));
  },

  uploadAttachment(id: number | string, category: string, file: File, onProgress: (fraction: number) => void): Promise<Attachment> {
    const form = new FormData();
    form.append('category', category);
    form.append('file', file, file.name);
    return upload<Attachment>(`${statementPath(id)}/attachments`, form, onProgress).then((r) => unwrap<Attachment>(r, 'attachment'));
  },
  async deleteAttachment(id: number | string, attachmentId: number): Promise<void> {
    await request<void>('DELETE', `${statementPath(id)}/attachments/${attachmentId}`);
  },
  attachmentUrl(id: number | string, attachmentId: number): string {
    return `${statementPath(id)}/attachments/${attachmentId}`;
  },

  /** The file itself is the body (JSON, CSV or XLSX, recognised by content); all or nothing. */
  importFile(id: number | string, file: File, baseRevision: number, onProgress: (fraction: number) => void): Promise<ImportResult> {
    return upload<ImportResult>(`${statementPath(id)}/import?baseRevision=${baseRevision}`, file, onProgress);
  },

  async transmit(id: number | string, revision: number): Promise<TransmitResult> {
    return request<TransmitResult>('POST', `${statementPath(id)}/transmit`, { revision });
  },
  receiptUrl(id: number | string, format: 'pdf' | 'html' = 'pdf', number?: number): string {
    return `${statementPath(id)}/receipt.${format}${number ? `?number=${number}` : ''}`;
  },
  async requestReopening(id: number | string, reason: string): Promise<void> {
    await request<unknown>('POST', `${statementPath(id)}/reopen-requests`, { reason });
  },
};

export function conflictDetails(err: unknown): ConflictDetails | null {
  if (err instanceof ApiError && err.status === 409 && err.details && typeof err.details === 'object') {
    return err.details as ConflictDetails;
  }
  return null;
}

/** multipart upload through XMLHttpRequest: fetch has no upload progress events. */
function upload<T>(path: string, body: FormData | Blob, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(networkError());
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as T);
      } else {
        const e = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
        reject(new ApiError(xhr.status, e?.code ?? 'http_' + xhr.status, e?.message ?? 'L’envoi a échoué.', e?.details));
      }
    };
    xhr.send(body);
  });
}
