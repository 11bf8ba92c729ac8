// Profile files with every oddity the editors must keep byte for byte: comments (# and ;,
// whole-line and inline), blank and whitespace-only lines, a comment after a header, odd
// spacing around '=', a sub-setting block with a comment inside, unknown keys, a duplicate
// section, sso-session and services sections. Rendered with LF or CRLF, with or without a BOM
// and a final newline, so each case runs against every variant.
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { tempHome } from '../helpers/cli.ts';

export const CONFIG_LINES: readonly string[] = [
  '# top comment',
  '; another comment',
  '[default]',
  'region=us-east-1 ; inline comment',
  'output = json',
  '',
  '[profile dev]   # header comment',
  '   ',
  'role_arn   =   arn:aws:iam::123456789012:role/Dev',
  'source_profile = base',
  's3 =',
  '  max_concurrent_requests = 10',
  '# comment between sub-settings',
  '  multipart_threshold = 64MB',
  'unknown_key = keep me',
  '[profile dev]',
  'mfa_serial = arn:aws:iam::123456789012:mfa/me',
  '',
  '[sso-session corp]',
  'sso_start_url = https://corp.awsapps.com/start',
  'sso_region = us-east-1',
  '',
  '[services local]',
  'sts =',
  '    endpoint_url = http://localhost:4566',
  '',
  '[profile base]',
  'region=eu-west-1',
];

export const CREDENTIALS_LINES: readonly string[] = [
  '# credentials',
  '[base]',
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  '\t',
  '[dev] ; inline',
  'aws_session_token = token-dev',
];

export interface Variant {
  name: string;
  eol: '\n' | '\r\n';
  bom: boolean;
  finalNewline: boolean;
}

export const VARIANTS: readonly Variant[] = [
  { name: 'LF', eol: '\n', bom: false, finalNewline: true },
  { name: 'CRLF + BOM', eol: '\r\n', bom: true, finalNewline: true },
  { name: 'no final newline', eol: '\n', bom: false, finalNewline: false },
];

export function render(lines: readonly string[], variant: Variant): string {
  if (lines.length === 0) return variant.bom ? '\uFEFF' : '';
  const body = lines.join(variant.eol) + (variant.finalNewline ? variant.eol : '');
  return (variant.bom ? '\uFEFF' : '') + body;
}

/** A temp HOME holding both fixture files in this variant. */
export function fixtureHome(
  variant: Variant,
  config: readonly string[] = CONFIG_LINES,
  credentials: readonly string[] = CREDENTIALS_LINES,
): { home: string; config: string; credentials: string } {
  const home = tempHome({ '.aws/config': render(config, variant), '.aws/credentials': render(credentials, variant) });
  // As the AWS CLI writes it: a credentials file others can read draws a warning from every command.
  chmodSync(join(home, '.aws', 'credentials'), 0o600);
  return { home, config: join(home, '.aws', 'config'), credentials: join(home, '.aws', 'credentials') };
}

/** Line edits for expectations: replace the line equal to `from` (exactly one must match). */
export function replaceLine(lines: readonly string[], from: string, to: string | string[]): string[] {
  const index = lines.indexOf(from);
  if (index < 0 || lines.indexOf(from, index + 1) >= 0) throw new Error(`fixture line not unique: ${from}`);
  return [...lines.slice(0, index), ...(Array.isArray(to) ? to : [to]), ...lines.slice(index + 1)];
}

export function insertAfter(lines: readonly string[], after: string, added: string[]): string[] {
  return replaceLine(lines, after, [after, ...added]);
}

export function removeLines(lines: readonly string[], ...drop: string[]): string[] {
  let result = [...lines];
  for (const line of drop) result = replaceLine(result, line, []);
  return result;
}
