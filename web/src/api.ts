// The one way the pages talk to mera serve: JSON, the session's bearer token, and
// Accept-Language: ru, so that every message the server sends is in Russian as it wrote it.

export interface Diagnostic {
  severity: 'error' | 'warning' | 'note';
  message: string;
  line?: number;
  column?: number;
  cell?: string; // a workbook's: "Лист1!C7"
  notes?: Diagnostic[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
  }
}

export interface Session {
  token: string;
  login: string;
  unit: string;
  role: string;
}

const KEY = 'mera.session';

export function session(): Session | null {
  const text = sessionStorage.getItem(KEY);
  return text ? (JSON.parse(text) as Session) : null;
}

export function setSession(s: Session | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

// A 401 ends the session here too: the page goes to the login with the server's words.
let onUnauthorized: (message: string) => void = () => {};
export function whenUnauthorized(handler: (message: string) => void): void {
  onUnauthorized = handler;
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function headersOf(accept: string): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': 'ru', Accept: accept };
  const s = session();
  if (s) headers.Authorization = `Bearer ${s.token}`;
  return headers;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch {
    throw new ApiError(0, 'Сервер не отвечает: проверьте, что mera serve запущен, и повторите.');
  }
}

// A workbook (or other file) as the body: `contentType` says what it is.
export async function api<T>(path: string, options: { method?: string; body?: string | object | ArrayBuffer; contentType?: string } = {}): Promise<T> {
  const headers = headersOf('application/json');
  let body: string | ArrayBuffer | undefined;
  if (options.body instanceof ArrayBuffer) {
    headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await send(path, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  return answer<T>(path, response);
}

// A file the server makes (the form's workbook) saved by the browser as `filename`. A link
// alone cannot carry the session's token, so the file is fetched and handed over as a blob.
export async function download(path: string, filename: string): Promise<void> {
  const response = await send(path, { headers: headersOf(`${XLSX}, application/json`) });
  if (!response.ok) await answer<never>(path, response);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60000);
}

async function answer<T>(path: string, response: Response): Promise<T> {
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(response.status, `Сервер ответил не в формате JSON (HTTP ${response.status}).`);
  }
  if (!response.ok) {
    const e = (json ?? {}) as { error?: string; diagnostics?: Diagnostic[] };
    const error = new ApiError(response.status, e.error ?? `HTTP ${response.status}`, e.diagnostics ?? []);
    if (response.status === 401 && !path.startsWith('/api/login')) {
      setSession(null);
      onUnauthorized(error.message);
    }
    throw error;
  }
  return json as T;
}

// JSON text with every character past ASCII escaped: the server's columns then count the same
// units as this string's indexes (routes point at a value by its column).
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}
