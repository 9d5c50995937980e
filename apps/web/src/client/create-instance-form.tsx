'use client';

import { useState, type FormEvent } from 'react';
import { Button, Spinner } from '@rewind/ui';
import { INSTANCE_NAME_PATTERN, INSTANCE_NAME_RULE } from '@/lib/api-types';
import { useCreateInstance } from './queries';

export function CreateInstanceForm() {
  const [name, setName] = useState('');
  const create = useCreateInstance();
  const invalid = name !== '' && !INSTANCE_NAME_PATTERN.test(name);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!INSTANCE_NAME_PATTERN.test(name)) return;
    create.mutate(name, { onSuccess: () => setName('') });
  };

  return (
    <form
      onSubmit={submit}
      className="w-full sm:w-auto"
      aria-label="Create instance"
      data-testid="create-instance-form"
    >
      <div className="flex gap-2">
        <label className="min-w-0 flex-1 sm:w-64 sm:flex-none">
          <span className="sr-only">Instance name</span>
          <input
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value.toLowerCase())}
            placeholder="new-instance-name"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={invalid}
            className="h-9 w-full rounded-md border border-zinc-300 bg-white px-3 font-mono text-sm placeholder:font-sans placeholder:text-zinc-400 focus:border-zinc-900 focus:outline-none aria-[invalid=true]:border-red-500"
          />
        </label>
        <Button type="submit" disabled={create.isPending || name === '' || invalid}>
          {create.isPending ? (
            <Spinner className="size-3.5 border-zinc-500 border-t-white" label="Creating" />
          ) : null}
          Create
        </Button>
      </div>
      <p className="mt-1.5 min-h-4 text-xs" aria-live="polite">
        {invalid ? (
          <span className="text-red-600">Must be {INSTANCE_NAME_RULE}.</span>
        ) : create.isError ? (
          <span className="text-red-600">{create.error.message}</span>
        ) : create.isSuccess ? (
          <span className="text-emerald-700">Instance is being created.</span>
        ) : null}
      </p>
    </form>
  );
}
