import 'server-only';
import {
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeyReused,
  parseIdempotencyKey,
  requestFingerprint,
} from '@rewind/core';
import {
  findIdempotentResponse,
  recordIdempotentResponse,
  type IdempotentResponse,
  type Tx,
} from '@rewind/db';
import type { NextRequest } from 'next/server';

/** Thrown inside the transaction when a concurrent request with the same key committed first. */
export class IdempotencyRace extends Error {
  constructor() {
    super('a request with the same Idempotency-Key committed first');
  }
}

export interface IdempotentRequest {
  key: string;
  fingerprint: string;
  method: string;
  path: string;
}

/** A POST with an Idempotency-Key header; null for every other request. A bad key is a 400. */
export async function idempotentRequest(req: NextRequest): Promise<IdempotentRequest | null> {
  if (req.method !== 'POST') return null;
  const key = parseIdempotencyKey(req.headers.get(IDEMPOTENCY_KEY_HEADER));
  if (!key) return null;
  const path = req.nextUrl.pathname;
  return {
    key,
    fingerprint: requestFingerprint(req.method, path, await req.clone().text()),
    method: req.method,
    path,
  };
}

/** The earlier response, replayed; the same key with another request is a 409. */
export function replay(stored: IdempotentResponse, request: IdempotentRequest): Response {
  if (stored.fingerprint !== request.fingerprint) throw idempotencyKeyReused();
  const headers: Record<string, string> = {
    'idempotent-replayed': 'true',
    'cache-control': 'no-store',
  };
  if (stored.contentType) headers['content-type'] = stored.contentType;
  // a 204/205/304 must not carry a body
  const body = [204, 205, 304].includes(stored.statusCode) ? null : stored.body;
  return new Response(body, { status: stored.statusCode, headers });
}

/** Stores the handler's response in its own transaction; a lost race rolls the request back. */
export async function recordResponse(
  tx: Tx,
  tenantId: string,
  request: IdempotentRequest,
  response: Response,
): Promise<void> {
  const body = await response.clone().text();
  const contentType = response.headers.get('content-type');
  const recorded = await recordIdempotentResponse(tx, {
    tenantId,
    ...request,
    statusCode: response.status,
    body,
    contentType,
  });
  if (!recorded) throw new IdempotencyRace();
}

export { findIdempotentResponse };
