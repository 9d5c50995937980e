import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi-document';

const API_DIR = path.resolve(__dirname, '../../app/api');
// not part of the described API: Next-Auth's own protocol, and the catch-all that answers JSON 404s
const UNDESCRIBED = new Set(['/api/auth/{nextauth}', '/api/v1/{rest}']);
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

async function routeFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await routeFiles(p)));
    else if (e.name === 'route.ts') out.push(p);
  }
  return out;
}

/** Every method a route.ts really serves (not the JSON 405 it exports for the rest). */
async function servedOperations(): Promise<string[]> {
  const ops: string[] = [];
  for (const file of await routeFiles(API_DIR)) {
    const rel = path.relative(path.resolve(API_DIR, '..'), path.dirname(file));
    const openApiPath = `/${rel}`.replace(/\[(?:\.\.\.)?(\w+)\]/g, '{$1}');
    if (UNDESCRIBED.has(openApiPath)) continue;
    const text = await readFile(file, 'utf8');
    for (const m of METHODS) {
      const direct = new RegExp(`export (const|async function|function) ${m}\\b`).test(text);
      const aliased = new RegExp(`(\\w+) as ${m}\\b`).exec(text);
      if (direct || (aliased && aliased[1] !== 'notAllowed')) ops.push(`${m} ${openApiPath}`);
    }
  }
  return ops.sort();
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(
      openApiDocument() as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(openApiDocument().openapi).toBe('3.1.0');
  });

  it('describes every method of every API route, and nothing else', async () => {
    const documented = Object.entries(openApiDocument().paths ?? {})
      .flatMap(([p, item]) =>
        METHODS.filter((m) => (item as Record<string, unknown>)[m.toLowerCase()]).map(
          (m) => `${m} ${p}`,
        ),
      )
      .sort();
    const served = await servedOperations();
    expect(served.length).toBeGreaterThan(40);
    expect(served.filter((op) => !documented.includes(op))).toEqual([]);
    expect(documented.filter((op) => !served.includes(op))).toEqual([]);
  });

  it('takes request bodies from the schemas the routes validate with', () => {
    const preflight = openApiDocument().paths?.['/api/v1/instances/{id}/restores/preflight']?.post;
    const body = preflight?.requestBody as { content: Record<string, { schema: unknown }> };
    expect(body.content['application/json']!.schema).toMatchObject({
      type: 'object',
      properties: { mode: { enum: ['clone', 'replace'] } },
      additionalProperties: false,
    });
  });
});
