import type { ApiErrorBody } from '@/lib/api-types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** e.g. `nearest: { before, after }` on a target outside the window */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The browser's only way to the API: same endpoints as any API client, session cookie auth. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers:
      init.body === undefined
        ? { accept: 'application/json' }
        : { accept: 'application/json', 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  const json: unknown = text ? safeJson(text) : null;
  if (!res.ok) {
    const err = (json as Partial<ApiErrorBody> | null)?.error;
    if (res.status === 401 && typeof window !== 'undefined') {
      // Session expired: back to sign-in, returning here afterwards.
      window.location.assign(`/signin?callbackUrl=${encodeURIComponent(window.location.pathname)}`);
    }
    throw new ApiError(
      res.status,
      err?.code ?? 'http_error',
      err?.message ?? `request failed (${res.status})`,
      err?.details,
    );
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
