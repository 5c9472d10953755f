import { session, ApiError } from '../shell/api';

/**
 * The recorded-sessions contract (docs/API.md, "Recorded work sessions"), in the browser: events of the
 * workbench's own fields and panes, sent in numbered batches every few seconds and on submit.
 *
 * - A batch gets its `seq` once, when it is formed, and keeps it: a batch that fails (offline, 5xx) is
 *   re-sent with the same `seq`, so the server keeps it once whatever happens to the connection.
 * - The batches not yet acknowledged, and the next `seq`, are kept in this browser's localStorage, so a
 *   reload or a crash loses nothing and never reuses a number; they are removed once the session is over.
 * - Only the workbench's fields are recorded, and keys only as timing (never which key).
 */

export type RecordedEvent = { t: number; type: string; [field: string]: unknown };

interface Batch { seq: number; events: RecordedEvent[] }

interface Stored { nextSeq: number; outbox: Batch[] }

const MAX_EVENTS = 500;
const MAX_BATCH_CHARS = 200_000; // under the 256 KB limit, JSON-encoded
const FLUSH_EVERY_MS = 3000;
const DEVICE_KEY = 'arbiter.device';

/** A random id for this browser profile (the "one device, several accounts" signal); not a secret. */
function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

/** Where a field changed, as one splice: the shortest `del` characters at `pos` replaced by `ins`. */
export function diff(before: string, after: string): { pos: number; del: number; ins: string } | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { pos: start, del: endBefore - start, ins: after.slice(start, endAfter) };
}

export type RecorderStatus = 'recording' | 'offline' | 'closed';

export class SessionRecorder extends EventTarget {
  private readonly storageKey: string;
  private readonly openedAtMs: number;
  private pending: RecordedEvent[] = [];
  private stored: Stored;
  private timer: number | undefined;
  private sending = false;
  private idleTimer: number | undefined;
  private idle = false;
  private keyField: string | null = null;
  private keyCount = 0;
  private keyIntervals: number[] = [];
  private lastKeyAt = 0;
  private lastView = new Map<string, number>();
  status: RecorderStatus = 'recording';

  constructor(readonly sessionId: string, openedAt: string | null, private readonly idleThresholdMs: number) {
    super();
    this.storageKey = `arbiter.recorder.${sessionId}`;
    this.openedAtMs = openedAt ? Date.parse(openedAt) : Date.now();
    const saved = localStorage.getItem(this.storageKey);
    this.stored = saved ? JSON.parse(saved) as Stored : { nextSeq: 0, outbox: [] };
  }

  start(): void {
    this.timer = window.setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    window.addEventListener('focus', this.onFocus);
    window.addEventListener('blur', this.onBlur);
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('pagehide', this.onPageHide);
    window.addEventListener('online', this.onOnline);
    this.record({ type: document.hasFocus() ? 'focus' : 'blur' });
    this.touch();
    void this.flush();
  }

  stop(): void {
    window.clearInterval(this.timer);
    window.clearTimeout(this.idleTimer);
    window.removeEventListener('focus', this.onFocus);
    window.removeEventListener('blur', this.onBlur);
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('pagehide', this.onPageHide);
    window.removeEventListener('online', this.onOnline);
  }

  /** Milliseconds since the session opened, by this browser's clock. */
  now(): number { return Math.max(0, Date.now() - this.openedAtMs); }

  record(event: { type: string; [field: string]: unknown }): void {
    if (this.status === 'closed') return;
    this.pending.push({ t: this.now(), ...event });
  }

  /** Any interaction: ends an idle stretch, restarts the idle clock. */
  touch(): void {
    if (this.idle) {
      this.idle = false;
      this.record({ type: 'active' });
    }
    window.clearTimeout(this.idleTimer);
    this.idleTimer = window.setTimeout(() => {
      this.idle = true;
      this.record({ type: 'idle' });
    }, this.idleThresholdMs);
  }

  input(field: string, before: string, after: string): void {
    const change = diff(before, after);
    if (change) this.record({ type: 'input', field, ...change });
    this.touch();
  }

  paste(field: string, pos: number, text: string, source: 'external' | 'internal'): void {
    this.record({ type: 'paste', field, pos, text, source });
    this.touch();
  }

  copy(label: string | null, length: number): void {
    this.record(label ? { type: 'copy', label, length } : { type: 'copy', length });
  }

  /** A keystroke in a field: only when it came, never which key. */
  key(field: string): void {
    const at = performance.now();
    if (this.keyField !== field) this.flushKeys();
    if (this.keyField === field && this.keyCount > 0) this.keyIntervals.push(Math.round(Math.min(at - this.lastKeyAt, 600_000)));
    this.keyField = field;
    this.keyCount++;
    this.lastKeyAt = at;
    this.touch();
  }

  /** The part of a response on screen; at most one event a second per response. */
  view(label: string, from: number, to: number): void {
    const at = performance.now();
    if (at - (this.lastView.get(label) ?? -Infinity) < 1000) return;
    this.lastView.set(label, at);
    this.record({ type: 'view', label, from: Math.round(from * 1000) / 1000, to: Math.round(to * 1000) / 1000 });
    this.touch();
  }

  /** The last events, the submit, and everything still queued; then the recorder stops. */
  async submitted(): Promise<void> {
    this.record({ type: 'submit' });
    await this.flush();
    this.stop();
  }

  /** Forget what this browser kept for the session (after it ended and everything was sent). */
  finish(): void {
    this.stop();
    if (this.stored.outbox.length === 0) localStorage.removeItem(this.storageKey);
  }

  pendingBatches(): number { return this.stored.outbox.length; }

  private flushKeys(): void {
    if (this.keyField && this.keyCount > 0) {
      this.record({ type: 'key', field: this.keyField, count: this.keyCount, intervalsMs: this.keyIntervals });
    }
    this.keyCount = 0;
    this.keyIntervals = [];
  }

  /** Forms batches from what is pending (each with its own `seq`, kept), then sends the queue in order. */
  async flush(keepalive = false): Promise<void> {
    this.flushKeys();
    while (this.pending.length > 0) {
      const events: RecordedEvent[] = [];
      let chars = 0;
      while (this.pending.length > 0 && events.length < MAX_EVENTS) {
        const size = JSON.stringify(this.pending[0]).length;
        if (events.length > 0 && chars + size > MAX_BATCH_CHARS) break;
        events.push(this.pending.shift()!);
        chars += size;
      }
      this.stored.outbox.push({ seq: this.stored.nextSeq++, events });
    }
    this.save();
    await this.send(keepalive);
  }

  private async send(keepalive: boolean): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.stored.outbox.length > 0) {
        const batch = this.stored.outbox[0];
        try {
          await session.post(`/api/sessions/${this.sessionId}/events`, batch,
            { headers: { 'X-Device-Id': deviceId() }, keepalive: keepalive && JSON.stringify(batch).length < 60_000 });
        } catch (e) {
          if (e instanceof ApiError && e.status === 409) {
            // the session is closed and past its grace period: nothing more will be taken
            this.stored.outbox = [];
            this.setStatus('closed');
            break;
          }
          if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 429) {
            // refused as malformed: re-sending the same bytes can never succeed; drop it, keep the rest
            console.warn('recorder batch refused', batch.seq, e.message);
            this.stored.outbox.shift();
            this.save();
            continue;
          }
          this.setStatus('offline');
          return; // kept, with its seq, for the next flush
        }
        this.stored.outbox.shift();
        this.save();
        this.setStatus('recording');
      }
    } finally {
      this.sending = false;
    }
  }

  private save(): void {
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(this.stored));
    } catch {
      // storage full: the queue still lives in memory
    }
  }

  private setStatus(status: RecorderStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.dispatchEvent(new Event('status'));
  }

  private onFocus = () => { this.record({ type: 'focus' }); this.touch(); };
  private onBlur = () => { this.record({ type: 'blur' }); };
  private onVisibility = () => {
    this.record({ type: document.visibilityState === 'hidden' ? 'blur' : 'focus' });
    if (document.visibilityState === 'hidden') void this.flush(true);
  };
  private onPageHide = () => { void this.flush(true); };
  private onOnline = () => { void this.flush(); };
}
