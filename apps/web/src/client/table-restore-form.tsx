'use client';

import { useEffect, useState } from 'react';
import { Button, Card, Spinner } from '@rewind/ui';
import { replaceConfirmation, stagingSchemaName, USER_TABLES_SQL } from '@rewind/core/client';
import type { ConsoleQueryView, RestoreTargetSpec } from '@/lib/api-types';
import { api, ApiError } from './api';
import { TableRestoreProgress } from './table-restore-progress';

type Into = 'new_schema' | 'replace';
interface Dependents {
  confirm: string;
  foreignKeys: string[];
  views: string[];
}

const qualified = (t: { schema: string; table: string }) => `${t.schema}.${t.table}`;

/**
 * Chosen tables (or one schema) as of the console's target, copied from a transient clone into
 * the live instance (POST /instances/{id}/table-restores). The tables are listed from the
 * console's clone, so a table dropped since T can be picked. A replace is sent once without
 * `confirm`: the API answers what depends on the live tables and the words to type, shown here
 * before the person types them.
 */
export function TableRestoreForm({
  instanceId,
  target,
  cloneId,
}: {
  instanceId: string;
  target: RestoreTargetSpec;
  cloneId: string | null;
}) {
  const [tables, setTables] = useState<{ schema: string; table: string }[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [scope, setScope] = useState<'tables' | 'schema'>('tables');
  const [schema, setSchema] = useState('');
  const [into, setInto] = useState<Into>('new_schema');
  const [dependents, setDependents] = useState<Dependents | null>(null);
  const [typed, setTyped] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [restoreId, setRestoreId] = useState<string | null>(null);

  useEffect(() => {
    if (!cloneId) return;
    let stale = false;
    api<ConsoleQueryView>(`/api/v1/instances/${cloneId}/query`, {
      method: 'POST',
      body: { sql: USER_TABLES_SQL },
    }).then(
      (r) => {
        if (stale) return;
        const list = r.rows.map((row) => ({ schema: row[0] ?? '', table: row[1] ?? '' }));
        setTables(list);
        setSchema(list[0]?.schema ?? '');
      },
      (err: unknown) => !stale && setListError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      stale = true;
    };
  }, [cloneId]);

  const schemas = [...new Set((tables ?? []).map((t) => t.schema))];
  const chosen = [...picked].sort();
  const mode: Into = scope === 'schema' ? 'new_schema' : into;
  const ready = scope === 'schema' ? schema !== '' : chosen.length > 0;
  const staging =
    'time' in target ? stagingSchemaName(new Date(target.time)) : 'restored_<now, UTC>';
  // what the person types: the API's own words once it answered, else the same rule from core
  const expected =
    dependents?.confirm ??
    replaceConfirmation({
      schema: null,
      tables: chosen.map((n) => ({ schema: n.split('.')[0]!, table: n.split('.')[1]! })),
    });

  // a changed choice needs a new look at what depends on it
  const reset = () => {
    setDependents(null);
    setTyped('');
    setError(null);
  };
  const toggle = (name: string) => {
    const next = new Set(picked);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setPicked(next);
    reset();
  };

  const submit = async () => {
    setPending(true);
    setError(null);
    const body = {
      target,
      ...(scope === 'schema' ? { schema } : { tables: chosen }),
      into: mode,
      ...(mode === 'replace' && dependents ? { confirm: typed } : {}),
    };
    try {
      const r = await api<{ id: string }>(`/api/v1/instances/${instanceId}/table-restores`, {
        method: 'POST',
        body,
      });
      setRestoreId(r.id);
    } catch (err) {
      const d = err instanceof ApiError ? err.details : undefined;
      if (mode === 'replace' && !dependents && d && typeof d.confirm === 'string') {
        setDependents({
          confirm: d.confirm,
          foreignKeys: Array.isArray(d.foreignKeys) ? d.foreignKeys.map(String) : [],
          views: Array.isArray(d.views) ? d.views.map(String) : [],
        });
      } else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };

  if (restoreId)
    return (
      <Card title="Table restore" testId="table-restore">
        <TableRestoreProgress restoreId={restoreId} />
      </Card>
    );

  return (
    <Card title="Restore tables as of this moment" testId="table-restore">
      <p className="mb-3 text-sm text-zinc-700">
        Copies the chosen tables from a transient copy at the same moment into the live instance,
        which stays writable. The copy is destroyed afterwards; every step is audited.
      </p>
      {!cloneId && (
        <p className="flex items-center gap-2 text-sm text-zinc-600">
          <Spinner className="size-3" /> The tables are listed once the copy is ready…
        </p>
      )}
      {listError && (
        <p role="alert" className="text-sm text-red-800">
          Could not list the tables: {listError}
        </p>
      )}
      {tables && (
        <div className="space-y-4">
          <fieldset>
            <legend className="text-xs font-medium text-zinc-600">What to restore</legend>
            <div className="mt-1 flex flex-wrap gap-4 text-sm">
              <label className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="table-restore-scope"
                  checked={scope === 'tables'}
                  onChange={() => (setScope('tables'), reset())}
                />
                Chosen tables
              </label>
              <label className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="table-restore-scope"
                  checked={scope === 'schema'}
                  onChange={() => (setScope('schema'), reset())}
                  data-testid="table-restore-scope-schema"
                />
                One whole schema
              </label>
            </div>
          </fieldset>

          {scope === 'tables' ? (
            <fieldset>
              <legend className="text-xs font-medium text-zinc-600">
                Tables as they were then ({tables.length})
              </legend>
              <ul className="mt-1 max-h-60 overflow-y-auto rounded-md ring-1 ring-inset ring-zinc-200">
                {tables.map((t) => {
                  const name = qualified(t);
                  return (
                    <li key={name} className="px-3 py-1.5">
                      <label className="flex min-w-0 items-center gap-2 font-mono text-sm break-all">
                        <input
                          type="checkbox"
                          checked={picked.has(name)}
                          onChange={() => toggle(name)}
                          data-testid={`table-restore-pick-${name}`}
                        />
                        {name}
                      </label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          ) : (
            <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
              Schema
              <select
                value={schema}
                onChange={(e) => (setSchema(e.target.value), reset())}
                className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900"
              >
                {schemas.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </label>
          )}

          <fieldset>
            <legend className="text-xs font-medium text-zinc-600">Where the rows go</legend>
            <div className="mt-1 space-y-1 text-sm">
              <label className="flex items-start gap-1.5">
                <input
                  type="radio"
                  name="table-restore-into"
                  className="mt-1"
                  checked={mode === 'new_schema'}
                  onChange={() => (setInto('new_schema'), reset())}
                />
                <span>
                  Into a new schema <span className="font-mono break-all">{staging}</span>, beside
                  the live tables
                </span>
              </label>
              <label className="flex items-start gap-1.5">
                <input
                  type="radio"
                  name="table-restore-into"
                  className="mt-1"
                  checked={mode === 'replace'}
                  disabled={scope === 'schema'}
                  onChange={() => (setInto('replace'), reset())}
                  data-testid="table-restore-into-replace"
                />
                <span>
                  Replace the live table(s), in one transaction
                  {scope === 'schema' ? ' (tables only; a schema goes into a new schema)' : ''}
                </span>
              </label>
            </div>
          </fieldset>

          {mode === 'replace' && dependents && (
            <div
              className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-inset ring-amber-200"
              data-testid="table-restore-dependents"
            >
              <p className="font-medium">What depends on the live table(s)</p>
              {dependents.foreignKeys.length + dependents.views.length === 0 ? (
                <p>No foreign key of another table and no view reads them.</p>
              ) : (
                <ul className="list-disc pl-5 font-mono text-xs break-all">
                  {dependents.foreignKeys.map((f) => (
                    <li key={f}>foreign key {f}</li>
                  ))}
                  {dependents.views.map((v) => (
                    <li key={v}>view {v}</li>
                  ))}
                </ul>
              )}
              <label className="flex flex-col gap-1 text-xs font-medium">
                <span>
                  Type <span className="font-mono break-all">{expected}</span> to replace the live
                  rows
                </span>
                <input
                  value={typed}
                  onChange={(e) => setTyped(e.target.value)}
                  spellCheck={false}
                  autoComplete="off"
                  className="h-9 rounded-md border border-amber-300 bg-white px-2 font-mono text-sm text-zinc-900"
                  data-testid="table-restore-confirm"
                />
              </label>
            </div>
          )}

          {error && (
            <p role="alert" className="text-sm text-red-800" data-testid="table-restore-error">
              {error}
            </p>
          )}
          <Button
            variant={mode === 'replace' && dependents ? 'danger' : 'primary'}
            disabled={
              !ready || pending || (mode === 'replace' && !!dependents && typed !== expected)
            }
            onClick={() => void submit()}
            data-testid="table-restore-submit"
          >
            {pending && <Spinner className="size-3" />}
            {mode === 'new_schema'
              ? 'Restore into a new schema'
              : dependents
                ? 'Replace the live rows'
                : 'Check what depends on them…'}
          </Button>
        </div>
      )}
    </Card>
  );
}
