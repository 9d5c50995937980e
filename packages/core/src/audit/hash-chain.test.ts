import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  computeEventHash,
  GENESIS_HASH,
  verifyChain,
  type AuditEventContent,
  type ChainedAuditEvent,
} from './hash-chain';

function chain(n: number): ChainedAuditEvent[] {
  const events: ChainedAuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content: AuditEventContent = {
      tenantId: '11111111-1111-4111-8111-111111111111',
      seq,
      at: new Date(Date.UTC(2026, 10, 22, 14, 0, seq)).toISOString(),
      actorType: 'user',
      actorId: 'u1',
      actorEmail: 'owner@acme.test',
      action: 'restore.requested',
      targetType: 'instance',
      targetId: `i${seq}`,
      data: { target: { time: '2026-11-22T14:05:00Z' }, n: seq },
    };
    const hash = computeEventHash(prev, content);
    events.push({ ...content, id: 100 + seq, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });
  it('is independent of insertion order', () => {
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
  it('drops undefined members like jsonb does, keeps null', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });
  it('escapes strings and keys', () => {
    expect(canonicalJson({ 'k"ey': 'line\nbreak ü' })).toBe('{"k\\"ey":"line\\nbreak ü"}');
  });
  it('refuses what jsonb cannot round-trip', () => {
    expect(() => canonicalJson({ n: NaN })).toThrow();
    expect(() => canonicalJson({ n: Infinity })).toThrow();
    expect(() => canonicalJson({ n: 1n })).toThrow();
    expect(() => canonicalJson(new Map())).toThrow();
    expect(() => canonicalJson({ f: () => 1 })).toThrow();
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain in any order', () => {
    const events = chain(5);
    expect(verifyChain(events)).toEqual({ ok: true, count: 5, lastHash: events[4]!.hash });
    expect(verifyChain([...events].reverse())).toMatchObject({ ok: true, count: 5 });
    expect(verifyChain([])).toEqual({ ok: true, count: 0, lastHash: GENESIS_HASH });
  });

  it('hash depends on the previous hash and on the content', () => {
    const [e] = chain(1);
    expect(computeEventHash(GENESIS_HASH, e!)).toBe(e!.hash);
    expect(computeEventHash('f'.repeat(64), e!)).not.toBe(e!.hash);
    expect(e!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, (events: ChainedAuditEvent[]) => void, number, RegExp]>([
    ['altered action', (e) => void (e[2]!.action = 'restore.approved'), 3, /altered/],
    [
      'altered data deep inside',
      (e) => void ((e[1]!.data.target as { time: string }).time = '2026-11-22T14:06:00Z'),
      2,
      /altered/,
    ],
    ['altered timestamp', (e) => void (e[4]!.at = '2026-11-22T14:00:06.000Z'), 5, /altered/],
    [
      'moved to another tenant',
      (e) => void (e[0]!.tenantId = '22222222-2222-4222-8222-222222222222'),
      1,
      /altered/,
    ],
    ['deleted event', (e) => void e.splice(2, 1), 4, /events 3\.\.3 are missing/],
    ['deleted first event', (e) => void e.shift(), 2, /events 1\.\.1 are missing/],
    ['duplicated event', (e) => void e.push({ ...e[1]! }), 2, /appears twice/],
    [
      'rehashed row but not its successor',
      (e) => {
        e[1]!.action = 'x';
        e[1]!.hash = computeEventHash(e[1]!.prevHash, e[1]!);
      },
      3,
      /prev_hash does not match/,
    ],
  ])('detects %s', (_name, tamper, seq, reason) => {
    const events = chain(5);
    tamper(events);
    const verdict = verifyChain(events);
    expect(verdict).toMatchObject({ ok: false, seq });
    if (!verdict.ok) {
      expect(verdict.reason).toMatch(reason);
      expect(verdict.id).toBe(100 + seq);
    }
  });

  it('verifies in batches', () => {
    const events = chain(6);
    const first = verifyChain(events.slice(0, 3));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(verifyChain(events.slice(3), { prevHash: first.lastHash, nextSeq: 4 })).toMatchObject({
      ok: true,
      count: 3,
      lastHash: events[5]!.hash,
    });
    expect(verifyChain(events.slice(4), { prevHash: first.lastHash, nextSeq: 4 })).toMatchObject({
      ok: false,
      seq: 5,
    });
  });

  it('a truncated tail verifies (detect it by comparing with the exported head hash)', () => {
    const events = chain(5);
    const verdict = verifyChain(events.slice(0, 3));
    expect(verdict).toMatchObject({ ok: true, count: 3 });
    expect(verdict.ok && verdict.lastHash).not.toBe(events[4]!.hash);
  });
});
