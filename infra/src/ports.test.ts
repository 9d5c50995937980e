import { scratchPortRange } from '@rewind/engine/testing';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertPortsFree, computePorts, findPortClashes, isPortFree, servicePorts } from './ports';

describe('port layout', () => {
  it('follows the documented offsets from the profile base', () => {
    const p = computePorts('dev', {});
    expect(p).toMatchObject({
      base: 24300,
      web: 24300,
      controlPg: 24301,
      temporalGrpc: 24302,
      temporalUi: 24303,
      temporalHttp: 24304,
      temporalMetrics: 24305,
      instanceMin: 24400,
      instanceMax: 24499,
    });
    expect(p.regionA).toEqual({
      master: 24310,
      masterGrpc: 24311,
      volume: 24312,
      volumeGrpc: 24313,
      filer: 24314,
      filerGrpc: 24315,
      s3: 24316,
      s3Grpc: 24317,
    });
    expect(p.regionB.master).toBe(24320);
    expect(p.regionB.s3Grpc).toBe(24327);
    expect(computePorts('test', {}).base).toBe(25300);
  });

  it("keeps every default port below Linux's ephemeral range, for all profiles and the disruptive stack", () => {
    for (const layout of [
      computePorts('dev', {}),
      computePorts('test', {}),
      computePorts('test', { REWIND_PORT_BASE: '25700' }), // npm test's disruptive stack
    ]) {
      expect(layout.instanceMax).toBeLessThan(32768);
    }
  });

  it("keeps the disruptive stack clear of the main stack's ports and its tests' scratch hosts", () => {
    const main = computePorts('test', {});
    const disruptive = computePorts('test', { REWIND_PORT_BASE: '25700' });
    // scratch hosts of the main stack's tests take ports just above its instance range
    const scratch = scratchPortRange({ INSTANCE_PORT_MAX: main.instanceMax });
    expect(disruptive.base).toBeGreaterThan(scratch.max);
  });

  it('moves with REWIND_PORT_BASE and per-service overrides', () => {
    const p = computePorts('test', {
      REWIND_PORT_BASE: '40000',
      REWIND_WEB_PORT: '3000',
      REWIND_CONTROL_PG_PORT: '15432',
      REWIND_TEMPORAL_PORT: '17233',
      REWIND_REGION_B_PORT_BASE: '41000',
    });
    expect(p.web).toBe(3000);
    expect(p.controlPg).toBe(15432);
    expect(p.temporalGrpc).toBe(17233);
    expect(p.temporalUi).toBe(40003);
    expect(p.regionA.master).toBe(40010);
    expect(p.regionB.master).toBe(41000);
    expect(p.instanceMin).toBe(40100);
    expect(p.instanceMax).toBe(40199);
  });

  it('rejects nonsense values and layouts past 65535', () => {
    expect(() => computePorts('dev', { REWIND_WEB_PORT: 'eighty' })).toThrow(
      /REWIND_WEB_PORT=eighty/,
    );
    expect(() => computePorts('dev', { REWIND_PORT_BASE: '65500' })).toThrow(/65535/);
    expect(() =>
      computePorts('dev', { REWIND_INSTANCE_PORT_MIN: '60000', REWIND_INSTANCE_PORT_MAX: '50000' }),
    ).toThrow(/empty/);
  });

  it('has no clash in the default layouts, and reports one when overrides collide', () => {
    expect(findPortClashes(computePorts('dev', {}))).toEqual([]);
    expect(findPortClashes(computePorts('test', {}))).toEqual([]);
    expect(findPortClashes(computePorts('dev', { REWIND_WEB_PORT: '24301' }))).toEqual([
      'port 24301 used by both web and control-pg',
    ]);
    expect(findPortClashes(computePorts('dev', { REWIND_CONTROL_PG_PORT: '24400' }))[0]).toMatch(
      /tenant instance range/,
    );
  });

  it('lists the ports of every service with the env var that moves them', () => {
    const p = computePorts('dev', {});
    expect(servicePorts(p, 'region-a')).toHaveLength(8);
    expect(servicePorts(p, 'temporal').map((x) => x.port)).toEqual([24302, 24303, 24304, 24305]);
    expect(servicePorts(p, 'control-pg')).toEqual([
      { port: 24301, envVar: 'REWIND_CONTROL_PG_PORT' },
    ]);
  });
});

describe('port checks', () => {
  it('detects a taken port and names the service and env var in the error', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      expect(await isPortFree(port)).toBe(false);
      const layout = computePorts('test', { REWIND_CONTROL_PG_PORT: String(port) });
      await expect(assertPortsFree(layout, 'control-pg')).rejects.toThrow(
        new RegExp(`port ${port} needed by control-pg .*REWIND_CONTROL_PG_PORT`),
      );
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(await isPortFree(port)).toBe(true);
  });
});
