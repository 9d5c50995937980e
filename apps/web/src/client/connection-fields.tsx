'use client';

import { useState } from 'react';
import { Button } from '@rewind/ui';
import type { InstanceConnection } from '@/lib/api-types';
import { fetchCredentials } from './clone-queries';

const HIDDEN = '••••••••••••';

/**
 * Where and as whom to connect, with a connection string and a ready `psql` command to copy.
 * The password is not in the page: Reveal (or a copy that needs it) fetches it from the API, which
 * audits that fetch; opening or polling the page fetches nothing.
 */
export function ConnectionFields({
  instanceId,
  connection: c,
}: {
  instanceId: string;
  connection: InstanceConnection;
}) {
  const [password, setPassword] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const getPassword = async (): Promise<string | null> => {
    if (password !== null) return password;
    try {
      const secret = await fetchCredentials(instanceId);
      setPassword(secret.password);
      setError(null);
      return secret.password;
    } catch (err) {
      setError(`Could not fetch the password: ${(err as Error).message}`);
      return null;
    }
  };
  const reveal = async () => {
    if (shown) return setShown(false);
    if ((await getPassword()) !== null) setShown(true);
  };

  // null: the password is not fetched (or hidden), so the line shows dots in its place
  const url = (pw: string | null) =>
    `postgresql://${encodeURIComponent(c.user)}:${pw === null ? '••••' : encodeURIComponent(pw)}@${c.host}:${c.port}/${encodeURIComponent(c.database)}`;
  const psql = (pw: string | null) => `psql '${url(pw)}'`;
  const copy = async (what: 'url' | 'psql') => {
    const pw = await getPassword();
    if (pw === null) return;
    try {
      await navigator.clipboard.writeText(what === 'url' ? url(pw) : psql(pw));
      setCopied(what);
    } catch {
      setError('The browser did not allow copying; select the text and copy it instead');
    }
  };
  const rows: Array<[string, string]> = [
    ['Host', c.host],
    ['Port', c.port === null ? 'assigned when running' : String(c.port)],
    ['Database', c.database],
    ['User', c.access === 'read_only' ? `${c.user} (read-only)` : c.user],
  ];
  const pw = shown && password !== null ? password : null;

  return (
    <div data-testid="connection" className="min-w-0">
      <dl className="grid grid-cols-[6rem_minmax(0,1fr)] gap-y-2 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-500">{k}</dt>
            <dd
              className="truncate font-mono text-[13px]"
              data-testid={`connection-${k.toLowerCase()}`}
            >
              {v}
            </dd>
          </div>
        ))}
        <dt className="text-zinc-500">Password</dt>
        <dd className="flex min-w-0 items-center gap-2">
          <span className="truncate font-mono text-[13px]" data-testid="connection-password">
            {pw ?? HIDDEN}
          </span>
          <Button
            variant="ghost"
            className="h-7 px-2 text-xs"
            onClick={() => void reveal()}
            aria-pressed={shown}
            data-testid="connection-reveal"
          >
            {shown ? 'Hide' : 'Reveal'}
          </Button>
        </dd>
      </dl>
      {c.port !== null ? (
        <div className="mt-3 space-y-2">
          <CopyLine
            label="Connection string"
            text={url(pw)}
            onCopy={() => void copy('url')}
            copied={copied === 'url'}
            testId="connection-url"
          />
          <CopyLine
            label="psql"
            text={psql(pw)}
            onCopy={() => void copy('psql')}
            copied={copied === 'psql'}
            testId="connection-psql"
          />
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mt-2 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function CopyLine({
  label,
  text,
  onCopy,
  copied,
  testId,
}: {
  label: string;
  text: string;
  onCopy: () => void;
  copied: boolean;
  testId: string;
}) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      <span className="w-28 shrink-0 text-xs text-zinc-500">{label}</span>
      <code
        className="min-w-0 flex-1 truncate rounded bg-zinc-50 px-2 py-1.5 font-mono text-xs text-zinc-700 ring-1 ring-inset ring-zinc-200"
        data-testid={testId}
      >
        {text}
      </code>
      <Button
        variant="secondary"
        className="h-7 shrink-0 px-2 text-xs"
        onClick={onCopy}
        data-testid={`${testId}-copy`}
        aria-label={`Copy ${label} (with the password)`}
      >
        {copied ? 'Copied' : 'Copy'}
      </Button>
    </div>
  );
}
