import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies } from './client-address';

const none = parseTrustedProxies('');
const lb = parseTrustedProxies('10.0.0.0/8, 192.168.1.5,fd00::/8');

describe('clientAddress', () => {
  it('without trusted proxies the socket address wins over any X-Forwarded-For', () => {
    expect(clientAddress({ peer: '203.0.113.7', forwardedFor: '1.2.3.4' }, none)).toBe(
      '203.0.113.7',
    );
    expect(clientAddress({ peer: '127.0.0.1', forwardedFor: '8.8.8.8, 127.0.0.1' }, none)).toBe(
      '127.0.0.1',
    );
  });

  it('an untrusted peer cannot speak for someone else, even when it names itself a proxy', () => {
    expect(clientAddress({ peer: '198.51.100.9', forwardedFor: '10.0.0.1' }, lb)).toBe(
      '198.51.100.9',
    );
  });

  it('behind a trusted proxy: the rightmost address the proxies did not add', () => {
    expect(clientAddress({ peer: '10.1.2.3', forwardedFor: '6.6.6.6, 203.0.113.7' }, lb)).toBe(
      '203.0.113.7',
    );
    expect(
      clientAddress({ peer: '10.1.2.3', forwardedFor: '6.6.6.6, 203.0.113.7, 192.168.1.5' }, lb),
    ).toBe('203.0.113.7');
  });

  it('a client-forged entry left of the real one is ignored; garbage stops the walk', () => {
    expect(
      clientAddress({ peer: '10.1.2.3', forwardedFor: "'; drop table x;--, 203.0.113.7" }, lb),
    ).toBe('203.0.113.7');
    expect(clientAddress({ peer: '10.1.2.3', forwardedFor: 'not-an-ip, 10.9.9.9' }, lb)).toBe(
      '10.9.9.9',
    );
  });

  it('a trusted peer without X-Forwarded-For is the client itself', () => {
    expect(clientAddress({ peer: '10.1.2.3', forwardedFor: null }, lb)).toBe('10.1.2.3');
  });

  it('IPv4-mapped IPv6 peers match IPv4 ranges; IPv6 ranges work', () => {
    expect(clientAddress({ peer: '::ffff:10.1.2.3', forwardedFor: '203.0.113.7' }, lb)).toBe(
      '203.0.113.7',
    );
    expect(clientAddress({ peer: 'fd00::1', forwardedFor: '2001:db8::5' }, lb)).toBe('2001:db8::5');
    expect(clientAddress({ peer: '::ffff:127.0.0.1', forwardedFor: null }, none)).toBe('127.0.0.1');
  });

  it('no peer known → null (never a header value)', () => {
    expect(clientAddress({ peer: null, forwardedFor: '1.2.3.4' }, lb)).toBeNull();
  });
});

describe('parseTrustedProxies', () => {
  it.each(['10.0.0.0/33', 'example.com', '10.0.0.1/', '::1/129', '1.2.3'])('refuses %s', (bad) => {
    expect(() => parseTrustedProxies(bad)).toThrow(/REWIND_TRUSTED_PROXIES/);
  });
});

describe('REWIND_TRUSTED_PROXIES in the stack env', () => {
  it('a malformed value fails start-up with the variable named', async () => {
    const { stackEnvSchema } = await import('../config/stack-env');
    const r = stackEnvSchema.shape.REWIND_TRUSTED_PROXIES.safeParse('10.0.0.0/8, nope');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/REWIND_TRUSTED_PROXIES: 'nope'/);
    expect(stackEnvSchema.shape.REWIND_TRUSTED_PROXIES.parse(undefined)).toBe('');
  });
});
