import type { ApiProblem } from './types';
import { tokenStore } from '../auth/tokenStore';

/** A failed API call: the HTTP status and the server's {error, message, detail}, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: unknown;

  constructor(status: number, code: string, message: string, detail: unknown = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }

  /** No answer at all: the server is down or the network is gone. */
  get unreachable(): boolean {
    return this.status === 0;
  }
}

export type Params = Record<string, string | number | boolean | undefined | null>;

/** The query string of the defined, non-empty parameters, in a stable order (so it can key a cache). */
export function queryString(params: Params = {}): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Listeners told when the server answers 401: the token is missing, wrong or was revoked. */
const unauthorizedListeners = new Set<() => void>();

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = tokenStore.get();
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError(0, 'unreachable', 'The dwpilot server does not answer. Is it running?');
  }
  const text = await response.text();
  const json = text ? safeParse(text) : null;
  if (!response.ok) {
    if (response.status === 401) {
      unauthorizedListeners.forEach((l) => l());
    }
    const problem = json as Partial<ApiProblem> | null;
    throw new ApiError(
      response.status,
      problem?.error ?? `http_${response.status}`,
      problem?.message ?? `${response.status} ${response.statusText}`,
      problem?.detail ?? null,
    );
  }
  return json as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: 'bad_response', message: text.slice(0, 200) };
  }
}

export const api = {
  get: <T>(path: string, params?: Params, signal?: AbortSignal) =>
    request<T>('GET', path + queryString(params), undefined, signal),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown = {}) => request<T>('PUT', path, body),
};

/** A readable one-line description of any failure, for error notices. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    return error.unreachable ? error.message : `${error.message} (${error.status} ${error.code})`;
  }
  return error instanceof Error ? error.message : String(error);
}
