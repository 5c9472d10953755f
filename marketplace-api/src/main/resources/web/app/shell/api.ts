/**
 * The one way the app talks to the server: the public API, same origin. The access token lives in
 * this module's memory only (never localStorage, where an injected script could read it); the refresh
 * token is an HttpOnly cookie the page cannot see. A 401 renews the access token once through the
 * cookie and repeats the call, so an expired session never costs the expert the page they are on.
 */

export interface Violation { field: string; message: string }

export interface Problem {
  status: number;
  type?: string;
  title?: string;
  detail?: string;
  violations?: Violation[];
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title || `Request failed (${problem.status})`);
    this.problem = problem;
  }
  get status(): number { return this.problem.status; }
  /** The messages for one field, as the server named it ("scores.A.accuracy", "rationales.clarity"…). */
  violationsFor(field: string): string[] {
    return (this.problem.violations ?? []).filter(v => v.field === field || v.field.endsWith('.' + field)).map(v => v.message);
  }
}

export interface Qualification { domain: string; tier: number }
export interface Me {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  organizationId?: string;
  organizationName?: string;
  qualifications: Qualification[];
}

interface SessionAnswer { accessToken: string; expiresIn: number }

const CSRF = { 'X-Requested-With': 'arbiter-web' };

async function toError(response: Response): Promise<ApiError> {
  let body: Partial<Problem> = {};
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy's error page): the status says enough
  }
  return new ApiError({ ...body, status: response.status });
}

export interface RequestOptions {
  accept?: string;
  headers?: Record<string, string>;
  /** Hand back the Response itself (CSV downloads). */
  raw?: boolean;
  /** Let the request finish after the page is closed (the recorder's last batch). */
  keepalive?: boolean;
}

/** Who is signed in, and the calls made on their behalf. Emits `change` when that changes. */
export class Session extends EventTarget {
  private accessToken: string | null = null;
  private renewal: Promise<boolean> | null = null;
  private renewTimer: number | undefined;
  me: Me | null = null;

  get signedIn(): boolean { return this.me !== null; }

  hasRole(role: string): boolean { return this.me?.roles.includes(role) ?? false; }

  async signIn(email: string, password: string): Promise<void> {
    const response = await fetch('/api/auth/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
      credentials: 'same-origin',
    });
    if (!response.ok) throw await toError(response);
    this.accept(await response.json());
    await this.loadMe();
  }

  /** At start: a cookie from an earlier visit signs the person in again without their password. */
  async restore(): Promise<boolean> {
    if (!(await this.renew())) return false;
    await this.loadMe();
    return true;
  }

  async signOut(): Promise<void> {
    try {
      await fetch('/api/auth/session', { method: 'DELETE', headers: CSRF, credentials: 'same-origin' });
    } finally {
      this.forget();
    }
  }

  async loadMe(): Promise<Me> {
    this.me = await this.get<Me>('/api/me');
    this.dispatchEvent(new Event('change'));
    return this.me;
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> { return this.request<T>('GET', path, undefined, options); }
  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> { return this.request<T>('POST', path, body, options); }
  put<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> { return this.request<T>('PUT', path, body, options); }

  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    let response = await this.send(method, path, body, options);
    if (response.status === 401 && (await this.renew())) {
      response = await this.send(method, path, body, options);
    }
    if (response.status === 401) {
      this.forget();
    }
    if (!response.ok) throw await toError(response);
    if (options.raw) return response as unknown as T;
    if (response.status === 204 || response.status === 202 && response.headers.get('Content-Length') === '0') {
      return null as T;
    }
    const type = response.headers.get('Content-Type') ?? '';
    return (type.includes('json') ? await response.json() : await response.text()) as T;
  }

  private send(method: string, path: string, body: unknown, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { Accept: options.accept ?? 'application/json', ...options.headers };
    if (this.accessToken) headers.Authorization = `Bearer ${this.accessToken}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      keepalive: options.keepalive,
    });
  }

  /**
   * Sends a file as the body of a POST and reports how much of it has gone (`fetch` cannot tell upload
   * progress; XMLHttpRequest can). The answer is parsed as `request` parses it; a 401 renews once.
   */
  async upload<T>(path: string, body: Blob, contentType: string, onProgress: (sent: number, total: number) => void): Promise<T> {
    const once = () => new Promise<{ status: number; text: string; type: string }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('Content-Type', contentType);
      xhr.setRequestHeader('Accept', 'application/json');
      if (this.accessToken) xhr.setRequestHeader('Authorization', `Bearer ${this.accessToken}`);
      xhr.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded, e.total); };
      xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText, type: xhr.getResponseHeader('Content-Type') ?? '' });
      xhr.onerror = () => reject(new ApiError({ status: 0, detail: 'The upload did not reach the server.' }));
      xhr.send(body);
    });
    let answer = await once();
    if (answer.status === 401 && (await this.renew())) answer = await once();
    let parsed: unknown = null;
    try { parsed = answer.text ? JSON.parse(answer.text) : null; } catch { /* not JSON */ }
    if (answer.status < 200 || answer.status >= 300) {
      throw new ApiError({ ...((parsed ?? {}) as Partial<Problem>), status: answer.status });
    }
    return parsed as T;
  }

  /** Trades the cookie for a new access token; concurrent callers share one renewal. */
  renew(): Promise<boolean> {
    if (!this.renewal) {
      this.renewal = fetch('/api/auth/session/refresh', { method: 'POST', headers: CSRF, credentials: 'same-origin' })
        .then(async response => {
          if (!response.ok) return false;
          this.accept(await response.json());
          return true;
        })
        // offline: keep what we have; the next call tries again
        .catch(() => false)
        .finally(() => { this.renewal = null; });
    }
    return this.renewal;
  }

  private accept(answer: SessionAnswer): void {
    this.accessToken = answer.accessToken;
    window.clearTimeout(this.renewTimer);
    // renew a little before expiry, so a long piece of writing never meets a 401 at all
    const inMs = Math.max(10, answer.expiresIn * 0.8) * 1000;
    this.renewTimer = window.setTimeout(() => void this.renew(), inMs);
  }

  private forget(): void {
    const was = this.me !== null;
    this.accessToken = null;
    this.me = null;
    window.clearTimeout(this.renewTimer);
    if (was) this.dispatchEvent(new Event('change'));
  }
}

export const session = new Session();

/** Money as the API sends it: integer minor units and an ISO currency. */
export interface Money { amountMinor: number; currency: string }

export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency: money.currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: money.currency })
      .format(money.amountMinor / 10 ** digits);
  } catch {
    return `${money.amountMinor} ${money.currency} (minor units)`;
  }
}
