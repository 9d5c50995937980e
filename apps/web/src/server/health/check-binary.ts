import 'server-only';
import { execFile } from 'node:child_process';

/** Runs `file args…` and returns the first line of its output (the version). */
export function checkBinary(file: string, args: string[], timeoutMs: number, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, signal, maxBuffer: 64 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(err);
      const line = `${stdout}${stderr}`.trim().split('\n')[0] ?? '';
      resolve(line);
    });
  });
}
