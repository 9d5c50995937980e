import { randomUUID } from 'node:crypto';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acmeTargets } from './acme-globex-fixtures';
import { call, type CallResult } from './api-call';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * The running web app against its own OpenAPI document: the document it serves validates, and
 * every answer below (successes and errors, another tenant's ids included) matches the schema the
 * document gives for its path, method and status.
 */
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};
let f: StackFixtures;
let doc: Doc;
let acme: string;
let globex: string;
// formats (date-time) are not checked: ajv-formats here is built against another ajv copy
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

const escape = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

function templateOf(path: string): string {
  const bare = path.split('?')[0]!;
  const match = Object.keys(doc.paths).find((t) =>
    new RegExp(`^${t.replace(/\{\w+\}/g, '[^/]+')}$`).test(bare),
  );
  if (!match) throw new Error(`the document has no path for ${bare}`);
  return match;
}

/** Validates one answer against the document; returns it for further checks. */
function conforms(method: string, path: string, r: CallResult): CallResult {
  const template = templateOf(path);
  const op = doc.paths[template]![method.toLowerCase()];
  if (!op) throw new Error(`the document has no ${method} ${template}`);
  const status = String(r.status);
  const key = status in op.responses ? status : 'default';
  const pointer = `openapi#/paths/${escape(template)}/${method.toLowerCase()}/responses/${key}`;
  const response = op.responses[key] as { content?: Record<string, unknown> } | undefined;
  expect(response, `${method} ${path} → ${status}: not in the document`).toBeDefined();
  if (!response!.content) {
    expect(r.text).toBe('');
    return r;
  }
  expect(r.contentType).toMatch(/application\/json/);
  const validate = ajv.getSchema(`${pointer}/content/application~1json/schema`)!;
  const ok = validate(r.body);
  expect(ok, `${method} ${path} → ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  return r;
}

const get = async (path: string, token?: string) =>
  conforms('GET', path, await call(f.baseUrl, 'GET', path, token ? { token } : {}));

beforeAll(async () => {
  f = await stackFixtures();
  acme = await f.ownerToken('acme');
  globex = await f.ownerToken('globex');
  const r = await call(f.baseUrl, 'GET', '/api/v1/openapi.json');
  expect(r.status).toBe(200);
  doc = r.body as Doc;
  ajv.addSchema(doc as object, 'openapi');
}, 60_000);

afterAll(async () => {
  await f?.close();
});

describe('the served OpenAPI document', () => {
  it('validates as OpenAPI 3.1', async () => {
    const result = await new Validator().validate(
      doc as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('describes what the API answers: lists, an instance with its window, a pre-flight, errors', async () => {
    await get('/api/health');
    await get('/api/v1/me', acme);
    // acme's instance (a catalog-only record when the demo has none)
    const id = (await acmeTargets(f)).instanceId;
    const list = await get('/api/v1/instances', acme);
    expect((list.body as Array<{ id: string }>).map((i) => i.id)).toContain(id);
    const detail = await get(`/api/v1/instances/${id}`, acme);
    expect(detail.status).toBe(200);
    const path = `/api/v1/instances/${id}/restores/preflight`;
    conforms(
      'POST',
      path,
      await call(f.baseUrl, 'POST', path, { token: acme, body: { target: 'latest' } }),
    );
    // a bad body: 400 with the error body
    const bad = conforms(
      'POST',
      path,
      await call(f.baseUrl, 'POST', path, {
        token: acme,
        body: { target: 'latest', mode: 'nope' },
      }),
    );
    expect(bad.status).toBe(400);
    for (const p of [
      '/api/v1/restores',
      '/api/v1/audit',
      '/api/v1/tokens',
      '/api/v1/tenant',
      '/api/v1/members',
      '/api/v1/audit/verify',
    ])
      expect((await get(p, acme)).status).toBe(200);
    // no credentials: 401; another tenant's instance: 404; both with the error body
    expect((await get(`/api/v1/instances/${id}`)).status).toBe(401);
    expect((await get(`/api/v1/instances/${id}`, globex)).status).toBe(404);
  });

  it('a method a route does not serve is a JSON 405 naming the allowed ones', async () => {
    const r = await call(f.baseUrl, 'DELETE', '/api/v1/me', { token: acme });
    expect(r.status).toBe(405);
    expect(r.body).toEqual({
      error: {
        code: 'method_not_allowed',
        message: 'DELETE is not allowed on this endpoint; use GET',
      },
    });
    const put = await call(f.baseUrl, 'PUT', '/api/v1/instances', { token: acme, body: {} });
    expect(put.status).toBe(405);
    expect((put.body as { error: { code: string } }).error.code).toBe('method_not_allowed');
    // issue 16's routes serve GET only
    for (const path of [
      `/api/v1/instances/${randomUUID()}/wal-events`,
      `/api/v1/restores/${randomUUID()}/diff`,
    ]) {
      const post = await call(f.baseUrl, 'POST', path, { token: acme, body: {} });
      expect(post.status).toBe(405);
      expect(post.body).toEqual({
        error: {
          code: 'method_not_allowed',
          message: 'POST is not allowed on this endpoint; use GET',
        },
      });
    }
    // an unknown path stays a JSON 404
    expect((await call(f.baseUrl, 'GET', '/api/v1/nope', { token: acme })).status).toBe(404);
  });

  it('the reference page is rendered from the document', async () => {
    const r = await call(f.baseUrl, 'GET', '/api-reference');
    expect(r.status).toBe(200);
    expect(r.text).toContain('/api/v1/instances/{id}/restores/preflight');
    expect(r.text).toContain('API reference');
  });
});
