/**
 * The one error type routes throw. `message` is French and shown to end users;
 * `details` carries machine-readable specifics (field errors, the current revision…).
 */
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
}

export const badRequest = (message: string, details?: unknown) => new ApiError(400, 'bad_request', message, details);
export const unauthenticated = (message = 'Vous devez être connecté.') => new ApiError(401, 'unauthenticated', message);
export const forbidden = (message = 'Vous n’avez pas accès à cette ressource.') => new ApiError(403, 'forbidden', message);
export const notFound = (message = 'Ressource introuvable.') => new ApiError(404, 'not_found', message);
export const conflict = (message: string, details?: unknown) => new ApiError(409, 'conflict', message, details);
export const unprocessable = (message: string, details?: unknown) => new ApiError(422, 'invalid', message, details);
export const tooMany = (message: string, details?: unknown) => new ApiError(429, 'too_many_requests', message, details);
