import type { TApiError } from '../../../contracts/common.ts';

/** A failed API call: the server's `{ error: { code, message, field } }` plus the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;
  readonly details: unknown;
  /** Seconds to wait, from `Retry-After` (429 responses). */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, body: TApiError['error'], retryAfterSeconds: number | null = null) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.details = body.details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

let csrfToken: string | null = null;
let acceptLanguage = 'vi';

/** Remember the token from login or `/api/auth/me`; mutating requests send it back. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The server localises its messages from `Accept-Language`: keep it equal to the UI language. */
export function setApiLanguage(language: string): void {
  acceptLanguage = language;
}

type QueryValue = string | number | boolean | null | undefined;

export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function isApiErrorBody(value: unknown): value is TApiError {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'message' in error && 'code' in error;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (isApiErrorBody(body)) {
    return new ApiError(response.status, { ...body.error, field: body.error.field ?? null }, retryAfter);
  }
  return new ApiError(
    response.status,
    {
      code: `http_${response.status}`,
      message: response.statusText || `HTTP ${response.status}`,
      field: null,
    },
    retryAfter,
  );
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  method?: Method;
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
  /** More headers (e.g. `Idempotency-Key` on a request an offline queue may send again). */
  headers?: Record<string, string>;
}

/** Fetch JSON from the API with the session cookie, CSRF header and UI language. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': acceptLanguage,
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, { code: 'network', message: '', field: null });
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const apiGet = <T>(path: string, signal?: AbortSignal): Promise<T> => apiRequest<T>(path, { signal });
export const apiPost = <T>(path: string, json: unknown): Promise<T> =>
  apiRequest<T>(path, { method: 'POST', json });
export const apiPatch = <T>(path: string, json: unknown): Promise<T> =>
  apiRequest<T>(path, { method: 'PATCH', json });

/** The file name from `Content-Disposition` (plain or RFC 5987 `filename*`). */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/** Fetch a file the API renders; a refusal (e.g. 503 without LibreOffice) becomes an ApiError. */
export async function apiDownload(
  path: string,
  fallbackName: string,
  /** Sent as JSON in a POST (with the CSRF header) when the file depends on what is on screen. */
  json?: unknown,
): Promise<{ blob: Blob; fileName: string }> {
  const headers: Record<string, string> = { 'Accept-Language': acceptLanguage };
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: json === undefined ? 'GET' : 'POST',
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, { code: 'network', message: '', field: null });
  }
  if (!response.ok) throw await toApiError(response);
  const blob = await response.blob();
  return {
    blob,
    fileName: fileNameFromDisposition(response.headers.get('content-disposition'), fallbackName),
  };
}
