import { parseArgs } from 'node:util';
import { isAppError, loadStackEnv } from './deps';
import { repoRecover } from './commands/repo-recover';
import { stackStatus } from './commands/stack-status';
import { tenantsList } from './commands/tenants-list';
import { tokenCreate } from './commands/token-create';

const USAGE = `usage: npm run admin -- <command>

  tenants list [--json]                                  tenants with plan and members
  token create --tenant <slug> --email <user> [--name n] new API token (printed once)
  stack status                                           state of the local stack
  repo recover --instance <id> --as-of <time> [--json]   rebuild an instance's repositories in both
                                                         regions as of <time> (RFC 3339 with offset)
                                                         from S3 object versions into a fresh prefix

Environment: the stack variables, or .data/\${REWIND_PROFILE:-dev}/stack.env.`;

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      tenant: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      instance: { type: 'string' },
      'as-of': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals.slice(0, 2).join(' ');
  if (values.help || command === '') {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  switch (command) {
    case 'stack status':
      return stackStatus();
    case 'tenants list':
      return tenantsList(loadStackEnv(), { json: values.json ?? false });
    case 'token create': {
      if (!values.tenant || !values.email) {
        console.error('token create needs --tenant <slug> and --email <user>');
        return 2;
      }
      return tokenCreate(loadStackEnv(), {
        tenant: values.tenant,
        email: values.email,
        name: values.name,
      });
    }
    case 'repo recover': {
      if (!values.instance || !values['as-of']) {
        console.error('repo recover needs --instance <id> and --as-of <time>');
        return 2;
      }
      return repoRecover(loadStackEnv(), {
        instance: values.instance,
        asOf: values['as-of'],
        json: values.json ?? false,
      });
    }
    default:
      console.error(`unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  // Operator-facing: the message, not a stack trace, for expected failures. A failed workflow's
  // own message says only that it failed: the reason is in its causes.
  const messages: string[] = [];
  for (let e: unknown = err; e instanceof Error && messages.length < 4; e = e.cause)
    if (!/^(Workflow execution failed|Activity task failed)$/.test(e.message))
      messages.push(e.message);
  console.error(`error: ${messages.length > 0 ? messages.join(': ') : String(err)}`);
  process.exitCode = isAppError(err) ? 1 : 70;
}
