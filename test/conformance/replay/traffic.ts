// The two recorded-traffic formats of the end-to-end suites, read into one shape: an ordered
// list of exchanges (request expectations + the response to serve).
//   Rust "DVR" V0 (README §2.1): events grouped by connection_id; connection N serves request N.
//   Kotlin (README §2.2): a plain ordered array of {request, response}.

export interface RecordedRequest {
  method: string | undefined;
  uri: string;
  /** Lower-cased names → values (Rust lists are joined with ", "). */
  headers: Record<string, string>;
}

export type RecordedResponse =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string }
  /** The recording says the connection failed (Rust `Response.response.Err`). */
  | { kind: 'connection-error'; message: string };

export interface RecordedExchange {
  request: RecordedRequest;
  response: RecordedResponse;
}

type Json = Record<string, unknown>;

function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`recorded traffic: ${what} is not an object`);
  return value as Json;
}

function lowerHeaders(headers: unknown, join: (value: unknown) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(object(headers ?? {}, 'headers'))) out[name.toLowerCase()] = join(value);
  return out;
}

function dataText(data: unknown): string {
  const d = object(data, 'Data.data');
  if (typeof d.Utf8 === 'string') return d.Utf8;
  if (typeof d.Base64 === 'string') return Buffer.from(d.Base64, 'base64').toString('utf8');
  throw new Error('recorded traffic: Data.data is neither Utf8 nor Base64');
}

/** Rewrites content-length to the real body length: the recorded values are sometimes wrong. */
function withBody(status: number, headers: Record<string, string>, body: string): RecordedResponse {
  if ('content-length' in headers) headers['content-length'] = String(Buffer.byteLength(body));
  return { kind: 'response', status, headers, body };
}

interface Connection {
  request?: RecordedRequest;
  response?: { status: number; headers: Record<string, string> } | { error: string };
  body: string[];
}

export function parseDvrTraffic(json: unknown): RecordedExchange[] {
  const events = object(json, 'http-traffic.json').events;
  if (!Array.isArray(events)) throw new Error('recorded traffic: events is not an array');
  const connections = new Map<number, Connection>();
  for (const raw of events) {
    const event = object(raw, 'event');
    const id = Number(event.connection_id);
    const connection = connections.get(id) ?? { body: [] };
    connections.set(id, connection);
    const action = object(event.action, 'action');
    if (action.Request) {
      const request = object(object(action.Request, 'Request').request, 'Request.request');
      connection.request = {
        method: typeof request.method === 'string' ? request.method : undefined,
        uri: String(request.uri),
        headers: lowerHeaders(request.headers, (v) => (Array.isArray(v) ? v.join(', ') : String(v))),
      };
    } else if (action.Response) {
      const response = object(object(action.Response, 'Response').response, 'Response.response');
      if ('Err' in response) connection.response = { error: String(response.Err) };
      else {
        const ok = object(response.Ok, 'Response.response.Ok');
        connection.response = { status: Number(ok.status), headers: lowerHeaders(ok.headers, (v) => (Array.isArray(v) ? v.join(', ') : String(v))) };
      }
    } else if (action.Data) {
      const data = object(action.Data, 'Data');
      if (data.direction === 'Response') connection.body.push(dataText(data.data));
    }
  }
  const ids = [...connections.keys()].sort((a, b) => a - b);
  return ids.map((id, index) => {
    if (id !== index) throw new Error(`recorded traffic: connection ids are not 0..n-1 (found ${id} at position ${index})`);
    const c = connections.get(id)!;
    if (!c.request || !c.response) throw new Error(`recorded traffic: connection ${id} lacks a request or a response`);
    const response: RecordedResponse =
      'error' in c.response ? { kind: 'connection-error', message: c.response.error } : withBody(c.response.status, c.response.headers, c.body.join(''));
    return { request: c.request, response };
  });
}

export function parseKotlinTraffic(json: unknown): RecordedExchange[] {
  if (!Array.isArray(json)) throw new Error('recorded traffic: the Kotlin format is an array');
  return json.map((raw, index) => {
    const exchange = object(raw, `exchange ${index}`);
    const request = object(exchange.request, `exchange ${index} request`);
    const response = object(exchange.response, `exchange ${index} response`);
    const headers = lowerHeaders(response.headers, (v) => String(v));
    return {
      request: {
        method: typeof request.method === 'string' ? request.method : undefined,
        uri: String(request.uri),
        headers: lowerHeaders(request.headers, (v) => String(v)),
      },
      response: withBody(Number(response.status), headers, typeof response.body === 'string' ? response.body : ''),
    };
  });
}
