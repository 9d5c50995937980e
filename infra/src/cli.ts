import { existsSync } from 'node:fs';
import { parseArgs, servicesFor } from './args';
import { stackName, stackPaths } from './paths';
import { down, status, up } from './stack';

// `stack.sh status | head` closes the pipe early; that is not an error
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const opts = { profile: args.profile, webMode: args.webMode };
  const fresh = !existsSync(stackPaths(args.profile).dataDir);
  switch (args.command) {
    case 'up':
      // the worker and web run on this same Node (apps.ts puts it first on their PATH)
      console.log(
        `rewind stack (${args.profile}): up ${servicesFor(args).join(', ')} on node ${process.version}`,
      );
      await up(opts, servicesFor(args));
      break;
    case 'down':
      if (fresh)
        return console.log(
          `rewind stack (${args.profile}): nothing to stop (no .data/${stackName(args.profile)})`,
        );
      console.log(`rewind stack (${args.profile}): down ${servicesFor(args).join(', ')}`);
      await down(opts, servicesFor(args));
      break;
    case 'status': {
      if (fresh)
        return console.log(
          `rewind stack (${args.profile}): never started (no .data/${stackName(args.profile)})`,
        );
      const rows = await status(opts);
      console.log(`rewind stack (${args.profile})`);
      // a private checkout keeps its data in a system folder (data-home.ts): say where
      console.log(`  data        ${stackPaths(args.profile).dataDir}`);
      for (const r of rows) {
        console.log(
          `  ${r.service.padEnd(12)} ${(r.up ? 'up' : r.pid !== undefined ? 'unhealthy' : 'down').padEnd(10)} pid ${String(r.pid ?? '-').padEnd(8)} ports ${r.ports.join(',') || '-'}`,
        );
        const s = r.supervision;
        if (s) {
          console.log(
            `  ${''.padEnd(12)} supervised: app pid ${s.childPid ?? '-'}, restarts ${s.restarts}, last exit ${s.lastExit ?? 'none'}${s.stopped ? `; ${s.stopped}` : ''}`,
          );
        }
      }
      break;
    }
  }
}

main().catch((err: unknown) => {
  console.error(`stack: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
