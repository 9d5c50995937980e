'use client';

import { Button } from '@rewind/ui';
import { useState, type FormEvent } from 'react';
import {
  auditFieldErrors,
  fieldErrorOf,
  type AuditFieldErrors,
  type AuditRange,
} from './audit-filters';

/**
 * The state both audit searches (the tenant's log and the admin console's) keep: the filters being
 * typed, the ones applied (a search runs on submit, not per keystroke), the keyset cursors that
 * led to this page, and the field errors, the form's own and the ones the API answered with.
 */
export function useAuditSearchState<F extends AuditRange & { action: string }>(empty: F) {
  const [draft, setDraft] = useState<F>(empty);
  const [applied, setApplied] = useState<F>(empty);
  const [cursors, setCursors] = useState<string[]>([]);
  const [errors, setErrors] = useState<AuditFieldErrors>({});
  return {
    draft,
    setDraft,
    applied,
    cursors,
    setCursors,
    cursor: cursors.at(-1) ?? null,
    /** a time the API refused is shown under its field, never as "Could not load" */
    shownErrors: (failed: unknown): AuditFieldErrors => ({
      ...(failed ? fieldErrorOf(failed) : null),
      ...errors,
    }),
    submit: (e: FormEvent) => {
      e.preventDefault();
      const found = auditFieldErrors(draft, draft.action);
      setErrors(found);
      if (Object.keys(found).length > 0) return;
      setApplied(draft);
      setCursors([]);
    },
    clear: () => {
      setDraft(empty);
      setApplied(empty);
      setCursors([]);
      setErrors({});
    },
  };
}

/** Search (or Apply) and Clear, as both audit forms end. */
export function AuditFormButtons({
  submitLabel,
  onClear,
  className,
}: {
  submitLabel: string;
  onClear: () => void;
  className: string;
}) {
  return (
    <div className={className}>
      <Button type="submit">{submitLabel}</Button>
      <Button type="button" variant="ghost" onClick={onClear}>
        Clear
      </Button>
    </div>
  );
}
