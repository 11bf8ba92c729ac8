// `awsctl console [--service S | --destination URL] [--region R] [--print] [--duration S]
// [--federate] [--policy JSON] [--policy-arn ARN…] [--logout-first]`: opens the AWS console as
// the profile, or with --print writes the URL to stdout. A federation URL signs in whoever opens
// it, so it never goes on a command line: the browser is sent to a one-time loopback address
// that redirects to it (src/io/redirect-once.ts).
import { consoleLink, type ConsoleLink, type ConsoleRequest } from '../../console/open-console.ts';
import { AwsctlError, usageError } from '../../errors.ts';
import { requestFrom } from '../request.ts';
import type { Context } from '../../io/context.ts';
import { formatRfc3339Utc } from '../../output/rfc3339.ts';
import { browserAvailability } from '../../io/browser.ts';
import type { CommandInput } from '../action.ts';

/** How long the browser has to ask for the one-time address. */
const BROWSER_WAIT_MS = 2 * 60 * 1000;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function seconds(value: unknown): number | undefined {
  const given = text(value);
  if (given === undefined) return undefined;
  if (!/^\d+$/.test(given)) throw usageError('console', `--duration ${JSON.stringify(given)} is not a whole number of seconds`, 'give e.g. --duration 3600');
  return Number(given);
}

function consoleRequest(input: CommandInput): ConsoleRequest {
  const options = input.options;
  const request: ConsoleRequest = requestFrom(input);
  const service = text(options.service);
  const destination = text(options.destination);
  const duration = seconds(options.duration);
  const policy = text(options.policy);
  const policyArns = Array.isArray(options.policyArn) ? options.policyArn.filter((arn): arn is string => typeof arn === 'string') : [];
  if (service !== undefined) request.service = service;
  if (destination !== undefined) request.destination = destination;
  if (duration !== undefined) request.durationSeconds = duration;
  if (policy !== undefined) request.policy = policy;
  if (policyArns.length > 0) request.policyArns = policyArns;
  if (options.federate === true) request.federate = true;
  if (options.logoutFirst === true) request.logoutFirst = true;
  return request;
}

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const request = consoleRequest(input);
  const print = input.options.print === true;
  if (!print) {
    // Before any token exists: a URL that cannot be opened should not be made.
    const availability = browserAvailability(ctx.env, ctx.platform);
    if (!availability.canOpen)
      throw new AwsctlError('console', `cannot open a browser: ${availability.reason}`, { hint: 'add --print to write the URL to standard output' });
  }
  const link = await consoleLink(ctx, request);
  for (const note of link.notes) ctx.stderr.write(`awsctl: note: ${note}\n`);
  if (print) {
    ctx.stdout.write(`${link.url}\n`);
    if (ctx.stdout.isTTY && link.kind === 'federation') ctx.stderr.write(`awsctl: warning: ${bearerWarning(link)}\n`);
    return 0;
  }
  await openInBrowser(ctx, link);
  const until = link.sessionEnds ? `; the console session lasts until ${formatRfc3339Utc(link.sessionEnds)}` : '';
  ctx.stderr.write(
    link.kind === 'federation' ? `The browser took the sign-in link${until}.\n` : "Opened the AWS access portal's console link in your browser.\n",
  );
  return 0;
}

function bearerWarning(link: ConsoleLink): string {
  const until = link.sessionEnds ? `, and the console session it opens lasts until ${formatRfc3339Utc(link.sessionEnds)}` : '';
  return `this URL signs in to the AWS console for anyone who opens it within 15 minutes${until}; treat it as a password`;
}

async function openInBrowser(ctx: Context, link: ConsoleLink): Promise<void> {
  const open = (url: string) => ctx.openUrl?.(url) ?? Promise.resolve(false);
  if (link.kind === 'sso-shortcut') {
    if (!(await open(link.url)))
      throw new AwsctlError('console', 'no browser could be started', { hint: 'set BROWSER, or add --print and open the URL yourself' });
    return;
  }
  const { startRedirectOnce } = await import('../../io/redirect-once.ts');
  const redirect = await startRedirectOnce(link.url, BROWSER_WAIT_MS);
  try {
    if (!(await open(redirect.url)))
      throw new AwsctlError('console', 'no browser could be started', { hint: 'set BROWSER, or add --print and open the URL yourself' });
    ctx.stderr.write('Opening the AWS console in your browser…\n');
    if (!(await redirect.served)) {
      throw new AwsctlError('console', `the browser did not open the page within ${BROWSER_WAIT_MS / 60_000} minutes`, {
        hint: 'add --print to write the URL to standard output',
      });
    }
  } finally {
    await redirect.close();
  }
}
