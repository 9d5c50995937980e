/** Minimal HTTP helper for API tests against the running web app. */
export interface CallOptions {
  token?: string;
  body?: unknown;
  /** sent as-is (for malformed bodies); wins over `body` */
  raw?: string;
  contentType?: string | null;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  contentType: string;
  body: unknown;
  text: string;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  o: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let payload: string | undefined;
  if (o.raw !== undefined) payload = o.raw;
  else if (o.body !== undefined) payload = JSON.stringify(o.body);
  if (payload !== undefined && o.contentType !== null)
    headers['content-type'] = o.contentType ?? 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: payload,
    redirect: 'manual',
  });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  let body: unknown = text;
  if (contentType.includes('json') && text) body = JSON.parse(text);
  return { status: res.status, contentType, body, text };
}
