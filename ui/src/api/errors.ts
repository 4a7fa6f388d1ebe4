/** An HTTP failure with the server's French message (or ours when the network is down). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export async function toApiError(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; details?: unknown } } | null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  const message = body?.error?.message ?? defaultMessage(res.status);
  return new ApiError(res.status, body?.error?.code ?? 'http_' + res.status, message, body?.error?.details);
}

function defaultMessage(status: number): string {
  if (status === 401) return 'Votre session a expiré : reconnectez-vous.';
  if (status === 403) return 'Vous n’avez pas accès à cette action.';
  if (status === 404) return 'Introuvable.';
  if (status >= 500) return 'Le service rencontre une erreur. Réessayez dans un instant.';
  return 'La requête a échoué.';
}

export const networkError = () => new ApiError(0, 'network', 'Le service est injoignable : vérifiez votre connexion.');
