'use client';

import type { ReactNode } from 'react';
import { Button } from '@rewind/ui';

/** A credential the API answers only at creation (a token, a signing secret): copy it now. */
export function ShownOnce({
  heading,
  value,
  testId,
  valueTestId,
  onDone,
}: {
  heading: ReactNode;
  value: string;
  testId: string;
  valueTestId?: string;
  onDone: () => void;
}) {
  return (
    <div
      className="mt-3 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-inset ring-amber-200"
      role="status"
      data-testid={testId}
    >
      <p className="font-medium text-amber-900">{heading}</p>
      <p
        className="mt-2 break-all rounded bg-white px-2 py-1.5 font-mono text-xs ring-1 ring-inset ring-amber-200"
        data-testid={valueTestId}
      >
        {value}
      </p>
      <Button variant="ghost" className="mt-2 h-7 px-2 text-xs" onClick={onDone}>
        Done
      </Button>
    </div>
  );
}
