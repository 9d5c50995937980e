'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { Button } from '@rewind/ui';
import { ApiError } from './api';
import { fromFields, isoUtc } from './time';

/**
 * The filter fields and result pieces the tenant's audit log and the admin audit search share:
 * one pair of date pickers (UTC, as labelled), one action field, one pager, targets as links.
 */

export const AUDIT_INPUT =
  'h-9 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 focus:border-indigo-600 focus:outline-none aria-[invalid=true]:border-red-600';

export interface AuditRange {
  from: string;
  to: string;
}
export type AuditFieldErrors = Partial<Record<'from' | 'to' | 'action', string>>;

/** datetime-local (UTC, as labelled) → RFC 3339 for the API; null when it is not a time. */
export function utcFieldToIso(local: string): string | null {
  const [d, t] = local.split('T');
  const ms = d && t ? fromFields(d, t.length === 5 ? `${t}:00` : t, 'UTC') : null;
  return ms === null ? null : isoUtc(ms);
}

const ACTION = /^[a-z][a-z0-9_.]{0,99}\*?$/;

/** What the form can tell before asking the API: a time that is none, from after to, a bad action. */
export function auditFieldErrors(range: AuditRange, action: string): AuditFieldErrors {
  const errors: AuditFieldErrors = {};
  const from = range.from ? utcFieldToIso(range.from) : '';
  const to = range.to ? utcFieldToIso(range.to) : '';
  if (from === null) errors.from = 'Not a complete date and time.';
  if (to === null) errors.to = 'Not a complete date and time.';
  if (from && to && Date.parse(from) > Date.parse(to)) errors.from = 'From must not be after To.';
  if (action && !ACTION.test(action))
    errors.action = 'An action name like restore.approved, or a prefix like restore.*';
  return errors;
}

/** A refusal of one filter field (`from: …`) belongs under that field, not in a page error. */
export function fieldErrorOf(err: unknown): AuditFieldErrors | null {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const m = /^(from|to|action): (.*)$/.exec(err.message);
  return m ? { [m[1] as 'from' | 'to' | 'action']: m[2] } : null;
}

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1 text-xs font-medium text-zinc-600">
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="font-normal text-red-700" data-testid={`${id}-error`}>
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="font-normal text-zinc-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function AuditTimeFields({
  idPrefix,
  value,
  errors,
  onChange,
}: {
  idPrefix: string;
  value: AuditRange;
  errors: AuditFieldErrors;
  onChange(next: AuditRange): void;
}) {
  return (
    <>
      {(['from', 'to'] as const).map((key) => {
        const id = `${idPrefix}-${key}`;
        return (
          <Field
            key={key}
            id={id}
            label={key === 'from' ? 'From (UTC)' : 'To (UTC)'}
            error={errors[key]}
          >
            <input
              id={id}
              type="datetime-local"
              step={1}
              value={value[key]}
              onChange={(e) => onChange({ ...value, [key]: e.target.value })}
              aria-invalid={errors[key] ? true : undefined}
              aria-describedby={errors[key] ? `${id}-error` : undefined}
              className={AUDIT_INPUT}
              data-testid={id}
            />
          </Field>
        );
      })}
    </>
  );
}

const ACTION_CHOICES = [
  'restore.*',
  'instance.*',
  'member.*',
  'token.*',
  'tenant.*',
  'validation_query.*',
  'drill.*',
  'plan.*',
  'restore.requested',
  'restore.approved',
  'restore.rejected',
  'restore.succeeded',
  'restore.failed',
  'instance.created',
  'instance.deleted',
  'instance.password_revealed',
];

export function AuditActionField({
  id,
  value,
  error,
  onChange,
}: {
  id: string;
  value: string;
  error?: string;
  onChange(next: string): void;
}) {
  return (
    <Field id={id} label="Action or type" error={error} hint="restore.approved, or restore.*">
      <input
        id={id}
        list={`${id}-choices`}
        value={value}
        onChange={(e) => onChange(e.target.value.trim())}
        placeholder="restore.*"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        className={`${AUDIT_INPUT} font-mono`}
        data-testid={id}
      />
      <datalist id={`${id}-choices`}>
        {ACTION_CHOICES.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
    </Field>
  );
}

/** Keyset paging, newest first: a stack of the cursors that led here. */
export function AuditPager({
  cursors,
  nextCursor,
  onChange,
}: {
  cursors: string[];
  nextCursor: string | null;
  onChange(next: string[]): void;
}) {
  return (
    <nav aria-label="Audit pages" className="flex items-center gap-2">
      <Button
        variant="secondary"
        disabled={cursors.length === 0}
        onClick={() => onChange(cursors.slice(0, -1))}
        data-testid="audit-newer"
      >
        Newer
      </Button>
      <Button
        variant="secondary"
        disabled={!nextCursor}
        onClick={() => nextCursor && onChange([...cursors, nextCursor])}
        data-testid="audit-older"
      >
        Older
      </Button>
      <span className="text-xs text-zinc-600">Page {cursors.length + 1}</span>
    </nav>
  );
}

/** An event's target; a link where the viewer has a page for it. */
export function AuditTarget({
  target,
  hrefFor,
}: {
  target: { type: string; id: string } | null;
  hrefFor(target: { type: string; id: string }): string | null;
}) {
  if (!target) return <>—</>;
  const href = hrefFor(target);
  const label = (
    <>
      {target.type} <span className="font-mono">{target.id.slice(0, 8)}</span>
    </>
  );
  return href ? (
    <Link
      href={href}
      title={target.id}
      className="text-indigo-700 underline-offset-2 hover:underline"
      data-testid="audit-target-link"
    >
      {label}
    </Link>
  ) : (
    <span title={target.id}>{label}</span>
  );
}

/** The action field and the two date pickers, on one filter draft. */
export function AuditActionAndTimeFields<D extends AuditRange & { action: string }>({
  draft,
  errors,
  onChange,
}: {
  draft: D;
  errors: AuditFieldErrors;
  onChange(next: NoInfer<D>): void;
}) {
  return (
    <>
      <AuditActionField
        id="audit-action"
        value={draft.action}
        error={errors.action}
        onChange={(action) => onChange({ ...draft, action })}
      />
      <AuditTimeFields
        idPrefix="audit"
        value={draft}
        errors={errors}
        onChange={(range) => onChange({ ...draft, ...range })}
      />
    </>
  );
}
