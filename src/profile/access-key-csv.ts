// The access-key CSV the IAM console offers for download. Two shapes exist:
//   Access key ID,Secret access key                              (current console, one key)
//   User name,Password,Access key ID,Secret access key,Console login link   (older, per user)
// also seen as `User Name,Access Key Id,Secret Access Key`. Headers match case-insensitively,
// a UTF-8 BOM (Excel saves one) and CRLF are fine, fields may be quoted ("a,b" and "" escapes).
// Pure; error messages name rows and columns, never values (they are secrets).
import { AwsctlError } from '../errors.ts';

export interface AccessKeyRow {
  /** From a `User name` column, when the file has one. */
  userName?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** 1-based line of the row in the file, for messages. */
  line: number;
}

const HEADERS = { user: 'user name', keyId: 'access key id', secret: 'secret access key' } as const;

function invalid(why: string, hint = 'download the access key CSV again from the IAM console'): AwsctlError {
  return new AwsctlError('cannot import the access key CSV', why, { hint });
}

/** RFC 4180 records: commas separate, quotes group, `""` inside quotes is a quote, CRLF or LF ends a record. */
export function parseCsvRecords(text: string): Array<{ fields: string[]; line: number }> {
  const records: Array<{ fields: string[]; line: number }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = (): void => {
    fields.push(field);
    if (fields.some((f) => f.trim() !== '')) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ',') fields.push(field), (field = '');
    else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      endRecord();
      recordLine = ++line;
    } else field += ch;
  }
  if (quoted) throw invalid(`a quoted field that starts on line ${recordLine} is never closed`);
  endRecord();
  return records;
}

export function parseAccessKeyCsv(text: string): AccessKeyRow[] {
  const records = parseCsvRecords(text.replace(/^\uFEFF/, ''));
  const header = records[0];
  if (!header) throw invalid('the file is empty');
  const names = header.fields.map((f) => f.trim().toLowerCase().replace(/\s+/g, ' '));
  const column = (name: string): number => names.indexOf(name);
  const keyId = column(HEADERS.keyId);
  const secret = column(HEADERS.secret);
  if (keyId < 0 || secret < 0) {
    throw invalid(
      "the first line does not have the 'Access key ID' and 'Secret access key' headings",
      'use the CSV the IAM console downloads when it creates an access key',
    );
  }
  const user = column(HEADERS.user);
  const rows = records.slice(1).map((record) => toRow(record, { keyId, secret, user }));
  if (rows.length === 0) throw invalid('it has headings but no access key');
  return rows;
}

function toRow(record: { fields: string[]; line: number }, at: { keyId: number; secret: number; user: number }): AccessKeyRow {
  const cell = (index: number): string => (record.fields[index] ?? '').trim();
  const accessKeyId = cell(at.keyId);
  const secretAccessKey = cell(at.secret);
  if (accessKeyId === '') throw invalid(`line ${record.line} has no access key ID`);
  if (secretAccessKey === '') throw invalid(`line ${record.line} has no secret access key`);
  if (!/^[A-Z0-9]{16,128}$/.test(accessKeyId)) throw invalid(`line ${record.line}: the access key ID is not 16 to 128 capital letters and digits`);
  const row: AccessKeyRow = { accessKeyId, secretAccessKey, line: record.line };
  const userName = at.user >= 0 ? cell(at.user) : '';
  if (userName !== '') row.userName = userName;
  return row;
}
