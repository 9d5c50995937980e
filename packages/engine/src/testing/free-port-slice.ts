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
