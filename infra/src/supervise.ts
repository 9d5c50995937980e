/**
 * The local stack's supervisor for an app process (worker, web): the equivalent of a systemd
 * unit with `Restart=on-failure` (docs/architecture.md, "Supervision"). Started detached by
 * `stack.sh up` as the process-group leader (so `down` stops it and its child together):
 *
 *   node --import tsx infra/src/supervise.ts <service> <state.json> -- <command> [args…]
 *
 * Runs the command, copies its output to its own (the service's log file), and when it exits
 * applies decideAfterExit: restart with backoff, or stop. SIGTERM/SIGINT are passed to the child
 * and end supervision. State (child pid, restarts, last exit reason) goes to <state.json> for
 * `npm run status`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { decideAfterExit, describeExit, type SupervisorState } from './supervision-policy';

const [service, stateFileArg, dashdash, command, ...args] = process.argv.slice(2);
if (!service || !stateFileArg || dashdash !== '--' || !command) {
  console.error('usage: supervise.ts <service> <state.json> -- <command> [args…]');
  process.exit(2);
}
const stateFile: string = stateFileArg;

const log = (msg: string) =>
  console.log(`${new Date().toISOString()} supervisor(${service}): ${msg}`);
const state: SupervisorState = {
  service,
  supervisorPid: process.pid,
  childPid: null,
  childStartedAt: null,
  restarts: 0,
  lastExit: null,
  stopped: null,
};
function save(): void {
  // write-then-rename: `status` never reads half a file
  writeFileSync(`${stateFile}.tmp`, JSON.stringify(state, null, 2) + '\n');
  renameSync(`${stateFile}.tmp`, stateFile);
}

// the Temporal core colours its log lines; `status` shows plain text
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const stripAnsi = (line: string) => line.replace(ANSI, '');

let child: ChildProcess | undefined;
let stopping = false;
let quickFailures = 0;
let lastErrorLine: string | undefined;

function startChild(): void {
  const startedAt = Date.now();
  lastErrorLine = undefined;
  const c = spawn(command!, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  child = c;
  state.childPid = c.pid ?? null;
  state.childStartedAt = new Date(startedAt).toISOString();
  save();
  c.stdout?.on('data', (d: Buffer) => process.stdout.write(d));
  c.stderr?.on('data', (d: Buffer) => {
    process.stderr.write(d);
    // the last line that looks like why it died, for `status`
    for (const line of d.toString().split('\n')) {
      if (/fatal|error|exception|unhandled/i.test(line)) lastErrorLine = stripAnsi(line).trim();
    }
  });
  c.on('error', (err) => log(`could not start ${command}: ${err.message}`));
  c.on('exit', (code, signal) => {
    child = undefined;
    const reason = describeExit({ code, signal }, lastErrorLine);
    state.childPid = null;
    state.lastExit = { at: new Date().toISOString(), reason };
    if (stopping) {
      state.stopped = 'stopped by request';
      save();
      log(`child stopped (${reason}); supervision ends`);
      process.exit(0);
    }
    const decision = decideAfterExit(
      { code, signal, ranForMs: Date.now() - startedAt },
      quickFailures,
    );
    if (decision.action === 'stop') {
      state.stopped = decision.why;
      save();
      log(`child ${reason}; ${decision.why}`);
      process.exit(code === 0 ? 0 : 1);
    }
    quickFailures = decision.quickFailures;
    save();
    log(`child ${reason}; restarting in ${decision.delayMs} ms`);
    setTimeout(() => {
      if (stopping) process.exit(0);
      state.restarts++;
      startChild();
    }, decision.delayMs);
  });
}

for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(sig, () => {
    stopping = true;
    if (!child) process.exit(0);
    // `down` signals the whole group, so the child usually has it already; make sure
    child.kill(sig);
  });
}

startChild();
