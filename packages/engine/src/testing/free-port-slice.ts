import net from 'node:net';

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A run of `size` consecutive ports inside [min, max] that nothing on this machine listens on
 * right now. Tests that keep their own scratch catalog cannot see the ports the stack's catalog
 * (or an earlier test's leftover instance) already uses, so they ask the OS instead.
 */
export async function freePortSlice(min: number, max: number, size: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const start = min + Math.floor(Math.random() * (max - min - size + 2));
    const ports = Array.from({ length: size }, (_, i) => start + i);
    if ((await Promise.all(ports.map(portIsFree))).every(Boolean)) return start;
  }
  throw new Error(`no ${size} free consecutive ports in ${min}-${max}`);
}

/**
 * Where tests that pick ports themselves (a scratch catalog, or an engine-only instance) take
 * them: the hundred ports just above the stack's instance range. The stack's catalog allocates
 * inside its range only, so a clone it places later can never land on a port such a test holds
 * (asking the OS is not enough: a port free now may be allocated by the catalog a second later).
 */
export function scratchPortRange(env: { INSTANCE_PORT_MAX: number }): { min: number; max: number } {
  return { min: env.INSTANCE_PORT_MAX + 1, max: Math.min(65535, env.INSTANCE_PORT_MAX + 100) };
}
