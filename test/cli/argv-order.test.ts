// Issue 14 item 4: options before, between and after arguments, for every command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildProgram } from '../../src/cli/program.ts';
import { reorderOptions } from '../../src/cli/argv-order.ts';

const order = (line: string[]) => reorderOptions(buildProgram(), line);

test('options move in front of the arguments of the command they belong to', () => {
  assert.deepEqual(order(['configure', '--profile', 'dev', 'get', 'region']), ['configure', 'get', '--profile', 'dev', 'region']);
  assert.deepEqual(order(['configure', 'get', 'region', '--profile', 'dev']), ['configure', 'get', '--profile', 'dev', 'region']);
  assert.deepEqual(order(['sso', '--sso-session', 'corp', 'accounts']), ['sso', 'accounts', '--sso-session', 'corp']);
  assert.deepEqual(order(['--profile', 'x', 'configure', 'set', 'region', '--region=eu-west-1', 'us-east-1']), [
    'configure',
    'set',
    '--profile',
    'x',
    '--region=eu-west-1',
    'region',
    'us-east-1',
  ]);
  assert.deepEqual(order(['configure', 'rename', 'a', '-y', 'b']), ['configure', 'rename', '-y', 'a', 'b']);
});

test("assume: options between roles move; everything after -- is the child command's", () => {
  assert.deepEqual(order(['assume', 'role-a', '--profile', 'base', 'role-b', '--', 'cmd', '--profile', 'x']), [
    'assume',
    '--profile',
    'base',
    'role-a',
    'role-b',
    '--',
    'cmd',
    '--profile',
    'x',
  ]);
  assert.deepEqual(order(['assume', 'role-a', '--duration', '900']), ['assume', '--duration', '900', 'role-a']);
});

test("exec: options before -- move; without --, what follows the command is the child's", () => {
  assert.deepEqual(order(['exec', 'x', '--profile', 'p', '--', 'aws', '--region', 'r']), ['exec', '--profile', 'p', 'x', '--', 'aws', '--region', 'r']);
  assert.deepEqual(order(['exec', '--profile', 'p', 'aws', 's3', 'ls', '--region', 'r']), ['exec', '--profile', 'p', 'aws', 's3', 'ls', '--region', 'r']);
});

test('lines commander resolves itself are left alone', () => {
  assert.deepEqual(order(['help', 'env']), ['help', 'env']);
  assert.deepEqual(order(['--version']), ['--version']);
  assert.deepEqual(order(['nope', '--profile', 'x']), ['nope', '--profile', 'x']);
});
