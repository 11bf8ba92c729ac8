// The normalizer and the editors refuse a file with a line the SDKs reject, naming file:line.
import { AwsctlError } from '../errors.ts';
import type { IniSyntaxError } from '../ini/types.ts';
import type { FileKind } from './model.ts';

const fileLabel: Record<FileKind, string> = { config: 'AWS config file', credentials: 'AWS credentials file' };

/** Throws for the first line the SDKs would reject, naming file:line and what is wrong. */
export function assertNoSyntaxErrors(errors: readonly IniSyntaxError[], kind: FileKind, path: string): void {
  const first = errors[0];
  if (!first) return;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  throw new AwsctlError(`invalid ${fileLabel[kind]}`, `${first.message}${more}`, {
    file: path,
    line: first.line,
    hint: 'fix or remove that line; awsctl does not guess what it means',
  });
}
