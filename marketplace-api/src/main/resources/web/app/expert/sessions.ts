import { LitElement, html, css } from 'lit';
import { base } from '../shell/styles';
import { session, ApiError } from '../shell/api';
import { registerRoutes } from '../shell/router';

interface SessionSummary { id: string; kind: string; taskId: string; state: string; openedAt: string; closedAt?: string; activeSeconds?: number; eventCount: number }
interface Signal { name: string; family: string; value: unknown; threshold: unknown; fired: boolean; evidence?: unknown }
interface SessionRecord extends SessionSummary { digest?: string; signals: Signal[]; case?: { decision?: string; reason?: string } | null; paidSeconds?: number }
interface Timeline { events: { t: number; type: string }[]; replay: Record<string, { t: number; text: string }[]>; pastes: { field: string; t: number; length: number; source: string }[] }

const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : '—');
const minutes = (s?: number | null) => (s == null ? '—' : `${Math.floor(s / 60)} min ${s % 60} s`);
const clock = (ms: number) => `${Math.floor(ms / 60000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;

/** The expert's recorded sessions, newest first. */
export class SessionList extends LitElement {
  static properties = { sessions: { state: true }, error: { state: true } };
  declare sessions: SessionSummary[] | null;
  declare error: string;
  static styles = [base];

  constructor() { super(); this.sessions = null; this.error = ''; }

  connectedCallback(): void {
    super.connectedCallback();
    session.get<SessionSummary[]>('/api/sessions/mine').then(s => { this.sessions = s; }).catch(e => { this.error = (e as Error).message; });
  }

  render() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    if (!this.sessions) return html`<p class="muted" aria-busy="true">Loading…</p>`;
    return html`<h1>My sessions</h1>
      <p class="muted">Every task you work on is a recorded session. You can see what was recorded, the signals computed from it, and any case about it.</p>
      <div class="card">${this.sessions.length === 0 ? html`<p>No sessions yet.</p>` : html`<table>
        <thead><tr><th scope="col">Opened</th><th scope="col">Kind</th><th scope="col">State</th><th scope="col">Active time</th><th scope="col">Events</th></tr></thead>
        <tbody>${this.sessions.map(s => html`<tr><td><a href="/sessions/${s.id}">${when(s.openedAt)}</a></td><td>${s.kind}</td>
          <td>${s.state}</td><td>${minutes(s.activeSeconds)}</td><td>${s.eventCount}</td></tr>`)}</tbody></table>`}</div>`;
  }
}
customElements.define('arbiter-session-list', SessionList);

/** One session: its state and signals, and the replay of each field as it was written. */
export class SessionPage extends LitElement {
  static properties = { params: { attribute: false }, record: { state: true }, timeline: { state: true }, error: { state: true },
    field: { state: true }, step: { state: true }, appealText: { state: true }, appealDone: { state: true }, appealError: { state: true } };
  declare params: { sessionId: string };
  declare record: SessionRecord | null;
  declare timeline: Timeline | null;
  declare error: string;
  declare field: string;
  declare step: number;
  declare appealText: string;
  declare appealDone: boolean;
  declare appealError: string;

  static styles = [base, css`
    .replay { white-space: pre-wrap; border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem; min-height: 6rem; background: #fff; }
    .fired { color: #b42318; font-weight: 600; }
    input[type=range] { padding: 0; }
    .grow { flex: 1; }
  `];

  constructor() {
    super();
    this.record = null; this.timeline = null; this.error = ''; this.field = ''; this.step = 0;
    this.appealText = ''; this.appealDone = false; this.appealError = '';
  }

  connectedCallback(): void {
    super.connectedCallback();
    const id = this.params.sessionId;
    Promise.all([session.get<SessionRecord>(`/api/sessions/${id}`), session.get<Timeline>(`/api/sessions/${id}/timeline`)])
      .then(([record, timeline]) => {
        this.record = record;
        this.timeline = timeline;
        this.field = Object.keys(timeline.replay ?? {})[0] ?? '';
        this.step = Math.max(0, (timeline.replay?.[this.field]?.length ?? 1) - 1);
      })
      .catch(e => { this.error = e instanceof ApiError && e.status === 404 ? 'No such session of yours.' : (e as Error).message; });
  }

  private async appeal() {
    try {
      await session.post(`/api/sessions/${this.params.sessionId}/appeal`, { statement: this.appealText });
      this.appealDone = true;
    } catch (e) {
      this.appealError = (e as Error).message;
    }
  }

  render() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    const r = this.record;
    const t = this.timeline;
    if (!r || !t) return html`<p class="muted" aria-busy="true">Loading the session…</p>`;
    const steps = t.replay?.[this.field] ?? [];
    const shown = steps[Math.min(this.step, steps.length - 1)];
    return html`<h1>Session record</h1>
      <div class="card"><p><span class="badge">${r.state}</span> ${r.kind ?? ''} · opened ${when(r.openedAt)} · closed ${when(r.closedAt)}</p>
        <p>Active time ${minutes(r.activeSeconds)} · ${r.eventCount} events recorded${r.paidSeconds != null ? html` · paid time ${minutes(r.paidSeconds)}` : ''}</p>
        ${r.digest ? html`<p class="muted">Chain digest <code>${r.digest}</code> (any later change to the log would change it)</p>` : ''}
      </div>
      <section class="card"><h2>Signals</h2>
        ${r.signals?.length ? html`<table><thead><tr><th scope="col">Signal</th><th scope="col">Family</th><th scope="col">Value</th><th scope="col">Threshold</th><th scope="col">Fired</th></tr></thead>
          <tbody>${r.signals.map(s => html`<tr><td>${s.name}</td><td>${s.family}</td><td>${String(s.value)}</td><td>${String(s.threshold)}</td>
            <td class=${s.fired ? 'fired' : ''}>${s.fired ? 'yes' : 'no'}</td></tr>`)}</tbody></table>`
          : html`<p class="muted">Signals are computed once the session closes.</p>`}
        ${r.case ? html`<p><strong>Case:</strong> ${r.case.decision ?? 'open'} ${r.case.reason ?? ''}</p>` : ''}
        ${r.state === 'CONFIRMED' && !this.appealDone ? html`<h3><label for="appeal">Appeal (once, to another admin)</label></h3>
          <textarea id="appeal" .value=${this.appealText} @input=${(e: InputEvent) => { this.appealText = (e.target as HTMLTextAreaElement).value; }}></textarea>
          ${this.appealError ? html`<p class="error">${this.appealError}</p>` : ''}
          <button @click=${this.appeal}>Send the appeal</button>` : ''}
        ${this.appealDone ? html`<p class="ok" role="status">Your appeal was sent.</p>` : ''}
      </section>
      <section class="card"><h2>Replay</h2>
        ${Object.keys(t.replay ?? {}).length === 0 ? html`<p class="muted">No text was written in this session.</p>` : html`
          <div class="row">
            <div><label for="field">Field</label>
              <select id="field" @change=${(e: Event) => { this.field = (e.target as HTMLSelectElement).value; this.step = (t.replay[this.field]?.length ?? 1) - 1; }}>
                ${Object.keys(t.replay).map(f => html`<option ?selected=${f === this.field}>${f}</option>`)}</select></div>
            <div class="grow"><label for="step">Moment (${shown ? clock(shown.t) : '—'} into the session, step ${Math.min(this.step, steps.length - 1) + 1} of ${steps.length})</label>
              <input id="step" type="range" min="0" max=${Math.max(0, steps.length - 1)} .value=${String(this.step)}
                @input=${(e: InputEvent) => { this.step = Number((e.target as HTMLInputElement).value); }}></div>
          </div>
          <div class="replay" aria-live="off">${shown?.text ?? ''}</div>`}
        ${t.pastes?.length ? html`<h3>Pastes</h3><ul>${t.pastes.map(p => html`<li>${p.field}: ${p.length} characters, ${p.source} (${clock(p.t)})</li>`)}</ul>` : ''}
      </section>`;
  }
}
customElements.define('arbiter-session', SessionPage);

registerRoutes(
  { path: '/sessions', tag: 'arbiter-session-list', title: 'My sessions', roles: ['EXPERT'], nav: { label: 'Sessions', order: 40 } },
  { path: '/sessions/:sessionId', tag: 'arbiter-session', title: 'Session record', roles: ['EXPERT', 'ADMIN'] },
);
