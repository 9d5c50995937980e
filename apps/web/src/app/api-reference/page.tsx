import type { Metadata } from 'next';
import { openApiDocument } from '@/server/openapi/openapi-document';

export const metadata: Metadata = { title: 'API reference' };
export const dynamic = 'force-dynamic';

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  summary: string;
  tag: string;
  public: boolean;
  parameters: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>;
  body: unknown;
  responses: Array<{ status: string; schema: unknown }>;
}

const schemaOf = (content: unknown): unknown =>
  (content as { 'application/json'?: { schema?: unknown } } | undefined)?.['application/json']
    ?.schema ?? null;

function operations(): Operation[] {
  const doc = openApiDocument();
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, raw] of Object.entries(item as Json)) {
      const op = raw as Json;
      out.push({
        method: method.toUpperCase(),
        path,
        summary: String(op.summary ?? ''),
        tag: String((op.tags as string[] | undefined)?.[0] ?? 'other'),
        public: Array.isArray(op.security) && op.security.length === 0,
        parameters: (op.parameters as Operation['parameters'] | undefined) ?? [],
        body: schemaOf((op.requestBody as Json | undefined)?.content),
        responses: Object.entries((op.responses as Json | undefined) ?? {})
          .filter(([status]) => status !== 'default')
          .map(([status, r]) => ({ status, schema: schemaOf((r as Json).content) })),
      });
    }
  }
  return out;
}

function SchemaBlock({ label, schema }: { label: string; schema: unknown }) {
  if (schema === null || schema === undefined) return null;
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm text-slate-700">{label}</summary>
      <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-3 text-xs text-slate-900">
        {JSON.stringify(schema, null, 2)}
      </pre>
    </details>
  );
}

/**
 * The API reference, rendered here from the same OpenAPI document /api/v1/openapi.json serves
 * (no viewer from a CDN): every operation grouped by tag, its parameters, body and answer.
 */
export default function ApiReferencePage() {
  const doc = openApiDocument();
  const ops = operations();
  const tags = [...new Set(ops.map((o) => o.tag))];
  const errorBody = (doc.components?.schemas as Json | undefined)?.ErrorBody;
  return (
    <main className="mx-auto max-w-5xl p-6 text-slate-900">
      <h1 className="text-2xl font-semibold">{doc.info.title} reference</h1>
      <p className="mt-2 text-slate-700">{doc.info.description}</p>
      <p className="mt-2 text-sm text-slate-700">
        Send <code>authorization: Bearer rw_…</code>. The machine-readable document is{' '}
        <a className="text-blue-800 underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>{' '}
        (OpenAPI {doc.openapi}). Every error answers with the same body:
      </p>
      <SchemaBlock label="Error body" schema={errorBody} />
      {tags.map((tag) => (
        <section key={tag} className="mt-8" aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`} className="text-xl font-semibold capitalize">
            {tag}
          </h2>
          <ul className="mt-3 space-y-4">
            {ops
              .filter((o) => o.tag === tag)
              .map((o) => (
                <li key={`${o.method} ${o.path}`} className="rounded border border-slate-300 p-4">
                  <h3 className="font-mono text-sm">
                    <span className="mr-2 rounded bg-slate-800 px-2 py-0.5 text-white">
                      {o.method}
                    </span>
                    {o.path}
                  </h3>
                  <p className="mt-1 text-sm">
                    {o.summary}
                    {o.public ? ' (no credentials needed)' : ''}
                  </p>
                  {o.parameters.length > 0 && (
                    <p className="mt-1 text-sm text-slate-700">
                      Parameters:{' '}
                      {o.parameters
                        .map((p) => `${p.name} (${p.in}${p.required ? ', required' : ''})`)
                        .join(', ')}
                    </p>
                  )}
                  <SchemaBlock label="Request body" schema={o.body} />
                  {o.responses.map((r) => (
                    <SchemaBlock
                      key={r.status}
                      label={`${r.status} response${r.schema ? '' : ' (no body)'}`}
                      schema={r.schema ?? {}}
                    />
                  ))}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
