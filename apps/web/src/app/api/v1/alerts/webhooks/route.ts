import { listAlertWebhooks } from '@rewind/db';
import { registerAlertWebhook } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { createWebhookBody, toWebhookView } from '@/server/alerts/alert-views';
import { env } from '@/server/env';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = withTenant(
  async ({ tx, tenant }) =>
    Response.json(
      { webhooks: (await listAlertWebhooks(tx, tenant.tenantId)).map(toWebhookView) },
      { headers: { 'cache-control': 'no-store' } },
    ),
  { permissions: ['webhook:manage'] },
);

/** Registers a webhook; its signing secret is in this response and nowhere else, ever. */
export const POST = withTenant(
  async ({ tx, tenant, principal, req }) => {
    const body = await readJsonBody(req, createWebhookBody);
    const { webhook, secret } = await registerAlertWebhook(tx, {
      tenantId: tenant.tenantId,
      userId: principal.userId,
      url: body.url,
      secretKey: env().REWIND_SECRET_KEY,
    });
    return Response.json(
      { ...toWebhookView(webhook), secret },
      { status: 201, headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['webhook:manage'] },
);

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
