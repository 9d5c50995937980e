import 'server-only';
import {
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeyReused,
  parseIdempotencyKey,
  requestFingerprint,
} from '@rewind/core';
import { findIdempotentResponse, recordIdempotentResponse, type IdempotentResponse, type Tx } from '@rewind/db';
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
  return { key, fingerprint: requestFingerprint(req.method, path, await req.clone().text()), method: req.method, path };
}

/** The earlier response, replayed; the same key with another request is a 409. */
export function replay(stored: IdempotentResponse, request: IdempotentRequest): Response {
  if (stored.fingerprint !== request.fingerprint) throw idempotencyKeyReused();
  const headers = { 'idempotent-replayed': 'true', 'cache-control': 'no-store' };
  return stored.body === null ? new Response(null, { status: stored.statusCode, headers }) : Response.json(stored.body, { status: stored.statusCode, headers });
}

/** Stores the handler's response in its own transaction; a lost race rolls the request back. */
export async function recordResponse(tx: Tx, tenantId: string, request: IdempotentRequest, response: Response): Promise<void> {
  const text = await response.clone().text();
  let body: unknown = null;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  const recorded = await recordIdempotentResponse(tx, { tenantId, ...request, statusCode: response.status, body });
  if (!recorded) throw new IdempotencyRace();
}

export { findIdempotentResponse };
