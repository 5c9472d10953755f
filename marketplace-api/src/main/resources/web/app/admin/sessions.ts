import { LitElement, html, css } from 'lit';
import { base } from '../shell/styles';
import { session, ApiError } from '../shell/api';
import { registerRoutes } from '../shell/router';
import { kitStyles, problemText } from '../console/kit';
import { AdminSession, SessionPage, Timeline, FAMILY_TEXT, clock, num } from './model';
import { ProvenanceReplay, FieldState } from './provenance';

const STATES = ['FLAGGED', 'CONFIRMED', 'CLEARED', 'VERIFIED', 'CLOSED', 'OPEN'];

/** Sessions by state (flagged first), each with the signals that fired. */
export class AdminSessions extends LitElement {
  static properties = { page: { state: true }, error: { state: true }, state: { state: true }, offset: { state: true } };
  declare page: SessionPage | null;
  declare error: string;
  declare state: string;
  declare offset: number;
  /** Set by the appeals page: only confirmed sessions whose appeal awaits a decision. */
  protected appealsOnly = false;
  static styles = [base, kitStyles, css`.families { margin: 0; padding-left: 1rem; }`];

  constructor() { super(); this.page = null; this.error = ''; this.state = 'FLAGGED'; this.offset = 0; }

  connectedCallback(): void {
    super.connectedCallback();
    if (this.appealsOnly) this.state = 'CONFIRMED';
    void this.load();
  }

  private async load() {
    this.error = '';
    try {
      const q = new URLSearchParams({ state: this.state, limit: '50', offset: String(this.offset) });
      this.page = await session.get<SessionPage>(`/api/admin/sessions?${q}`);
    } catch (e) {
      this.error = problemText(e);
    }
  }

  private rows(): AdminSession[] {
    const all = this.page?.sessions ?? [];
    return this.appealsOnly ? all.filter(s => s.case?.appeal && !s.case.appeal.decision) : all;
  }

  protected heading() { return 'Work sessions'; }

  render() {
    const rows = this.rows();
    return html`<h1>${this.heading()}</h1>
      ${this.appealsOnly ? html`<p class="muted">Confirmed sessions whose expert appealed. A different admin from the one who confirmed decides.</p>` : html`
      <div class="row"><div><label for="state">State</label>
        <select id="state" @change=${(e: Event) => { this.state = (e.target as HTMLSelectElement).value; this.offset = 0; void this.load(); }}>
          ${STATES.map(s => html`<option ?selected=${s === this.state}>${s}</option>`)}</select></div></div>`}
      ${this.error ? html`<p class="problem" role="alert">${this.error}</p>` : ''}
      ${this.page && rows.length === 0 ? html`<div class="card"><p>${this.appealsOnly ? 'No appeal awaits a decision.' : `No ${this.state.toLowerCase()} session.`}</p></div>` : ''}
      ${rows.length ? html`<div class="card tablewrap"><table id="sessions">
        <caption class="visually-hidden">${this.heading()}</caption>
        <thead><tr><th scope="col">Session</th><th scope="col">Closed</th><th scope="col">Active</th><th scope="col">Signals fired</th><th scope="col">Expert</th></tr></thead>
        <tbody>${rows.map(s => html`<tr>
          <td><a href="/admin/sessions/${s.id}">${s.kind} ${s.id.slice(0, 8)}</a></td>
          <td>${s.closedAt ? new Date(s.closedAt).toLocaleString() : '—'}</td>
          <td>${s.activeSeconds ?? '—'} s</td>
          <td><ul class="families">${s.signals.filter(g => g.fired).map(g => html`<li>${g.name} (${FAMILY_TEXT[g.family] ?? g.family}): ${num(g.value)} vs ${num(g.threshold)}</li>`)}</ul></td>
          <td><code>${s.expertId?.slice(0, 8) ?? '—'}</code></td></tr>`)}</tbody></table></div>` : ''}
      ${this.page && !this.appealsOnly ? html`<div class="row">
        <button class="secondary small" ?disabled=${this.offset === 0} @click=${() => { this.offset = Math.max(0, this.offset - 50); void this.load(); }}>Previous page</button>
        <button class="secondary small" ?disabled=${this.page.nextOffset === null} @click=${() => { this.offset = this.page!.nextOffset ?? 0; void this.load(); }}>Next page</button></div>` : ''}`;
  }
}
customElements.define('arbiter-admin-sessions', AdminSessions);

export class AdminAppeals extends AdminSessions {
  constructor() { super(); this.appealsOnly = true; }
  protected heading() { return 'Appeals'; }
}
customElements.define('arbiter-admin-appeals', AdminAppeals);

/**
 * One session as evidence: its signals (value, threshold, family), the timeline of what happened, and a
 * replay of how each text was written with pasted spans marked in words and by a border, never by colour
 * alone. Then the decision (clear or confirm, with a written reason) or, after an appeal, its decision.
 */
export class AdminSessionDetail extends LitElement {
  static properties = {
    s: { state: true }, timeline: { state: true }, error: { state: true }, position: { state: true },
    note: { state: true }, formError: { state: true }, busy: { state: true },
  };
  declare params: { id: string };
  declare s: AdminSession | null;
  declare timeline: Timeline | null;
  declare error: string;
  declare position: number;
  declare note: string;
  declare formError: string;
  declare busy: boolean;
  private replay: ProvenanceReplay | null = null;
  private playing: number | undefined;

  static styles = [base, kitStyles, css`
    .fired { font-weight: 700; }
    .replay-field { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .75rem; margin: .5rem 0; background: #fff; }
    .replay-text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9rem; }
    mark.external { background: #fff4ce; color: #1f2328; border: 2px dashed #8a4b00; padding: 0 .1rem; }
    mark.internal { background: transparent; color: #1f2328; border-bottom: 2px dotted #1d4ed8; }
    .tag { font: 600 .7rem system-ui, sans-serif; text-transform: uppercase; letter-spacing: .03em; padding: 0 .25rem; border-radius: 3px; margin-right: .2rem; }
    .tag.external { background: #8a4b00; color: #fff; }
    .tag.internal { background: #1d4ed8; color: #fff; }
    .events { max-height: 22rem; overflow: auto; font-size: .875rem; }
    .events td { padding: .15rem .4rem; }
    input[type=range] { padding: 0; }
    .legend { display: flex; gap: 1.5rem; flex-wrap: wrap; font-size: .875rem; }
    fieldset { border: 0; padding: 0; margin: 0; }
    legend { font-weight: 600; }
  `];

  constructor() {
    super();
    this.s = null; this.timeline = null; this.error = ''; this.position = 0; this.note = ''; this.formError = ''; this.busy = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  disconnectedCallback(): void {
    window.clearInterval(this.playing);
    super.disconnectedCallback();
  }

  private async load() {
    const id = encodeURIComponent(this.params.id);
    try {
      const [s, timeline] = await Promise.all([
        session.get<AdminSession>(`/api/sessions/${id}`),
        session.get<Timeline>(`/api/sessions/${id}/timeline`),
      ]);
      this.s = s;
      this.timeline = timeline;
      this.replay = new ProvenanceReplay(timeline.events);
      if (this.position === 0) this.position = this.replay.edits.length;
    } catch (e) {
      this.error = e instanceof ApiError && e.status === 404 ? 'There is no such session.' : problemText(e);
    }
  }

  private play() {
    if (!this.replay) return;
    window.clearInterval(this.playing);
    if (this.playing !== undefined) { this.playing = undefined; this.requestUpdate(); return; }
    this.position = 0;
    const total = this.replay.edits.length;
    const stride = Math.max(1, Math.ceil(total / 100));
    this.playing = window.setInterval(() => {
      this.position = Math.min(total, this.position + stride);
      if (this.position >= total) { window.clearInterval(this.playing); this.playing = undefined; this.requestUpdate(); }
    }, 80);
  }

  private async decide(event: SubmitEvent, path: string) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const decision = form.get('decision');
    const reason = String(form.get('reason') ?? '');
    if (!decision) { this.formError = 'Choose a decision.'; return; }
    if (!reason.trim()) { this.formError = 'Write the reason for the decision: the expert and other admins read it.'; return; }
    this.busy = true;
    this.formError = '';
    try {
      const step = await session.post<{ state: string; judgmentEffect: string }>(`/api/${path}`, { decision, reason });
      this.note = `Decided: the session is now ${step.state} (judgment: ${step.judgmentEffect.toLowerCase().replace(/_/g, ' ')}).`;
      await this.load();
    } catch (e) {
      this.formError = e instanceof ApiError && e.status === 403
        ? `Refused (403): ${e.message}` : problemText(e);
    } finally {
      this.busy = false;
    }
  }

  private renderField(f: FieldState) {
    return html`<div class="replay-field">
      <h4>${f.field} <span class="hint">(${f.length} characters)</span></h4>
      <div class="replay-text">${f.runs.map(r => r.origin === 'typed' ? r.text
        : html`<mark class=${r.origin}><span class="tag ${r.origin}">${r.origin === 'external' ? 'pasted from outside' : 'quoted from task'}</span>${r.text}</mark>`)}</div>
    </div>`;
  }

  private describe(e: Timeline['events'][number]): string {
    switch (e.type) {
      case 'input': return `${e.del ? `−${e.del} ` : ''}${e.ins ? `+${Array.from(e.ins).length} typed` : ''}`.trim();
      case 'paste': return `${Array.from(e.text ?? '').length} characters pasted (${e.source === 'internal' ? 'from the task' : 'from outside'})`;
      case 'view': return `response ${e.label} ${Math.round((e.from ?? 0) * 100)}–${Math.round((e.to ?? 0) * 100)} %`;
      case 'key': return `${e.count} keystrokes`;
      case 'copy': return `${e.length} characters copied${e.label ? ` from response ${e.label}` : ''}`;
      default: return '';
    }
  }

  render() {
    if (this.error) return html`<p class="problem" role="alert">${this.error}</p>`;
    const s = this.s;
    if (!s || !this.timeline || !this.replay) return html`<p class="muted" aria-busy="true">Loading the session…</p>`;
    const total = this.replay.edits.length;
    const fields = this.replay.after(this.position);
    const at = this.position > 0 ? this.replay.edits[this.position - 1].t : 0;
    const c = s.case;
    const appealPending = c?.appeal && !c.appeal.decision;
    const iConfirmed = c?.decidedBy === session.me?.id;
    return html`
      <p><a href="/admin/sessions">← Sessions</a></p>
      <h1>Session ${s.id.slice(0, 8)} <span class="badge" id="session-state">${s.state}</span></h1>
      <dl class="facts card">
        <dt>Kind</dt><dd>${s.kind}</dd>
        ${s.expertId ? html`<dt>Expert</dt><dd><code>${s.expertId}</code></dd>` : ''}
        <dt>Task / judgment</dt><dd><code>${s.taskId}</code> / <code>${s.judgmentId ?? '—'}</code></dd>
        <dt>Opened – closed</dt><dd>${s.openedAt ? new Date(s.openedAt).toLocaleString() : '—'} – ${s.closedAt ? new Date(s.closedAt).toLocaleString() : '—'}</dd>
        <dt>Active / paid time</dt><dd>${s.activeSeconds ?? '—'} s / ${s.paidSeconds ?? '—'} s</dd>
        <dt>Outside paste share</dt><dd>${s.externalPasteShare === null || s.externalPasteShare === undefined ? '—' : `${Math.round(s.externalPasteShare * 100)} %`}</dd>
      </dl>

      <section class="card" aria-labelledby="h-signals"><h2 id="h-signals">Signals</h2>
        <p class="hint">A session is flagged when signals of two families fire. Evidence, not a verdict.</p>
        <div class="tablewrap"><table id="signals">
          <thead><tr><th scope="col">Signal</th><th scope="col">Family</th><th scope="col">Value</th><th scope="col">Threshold</th><th scope="col">Fired</th><th scope="col">Summary and evidence</th></tr></thead>
          <tbody>${s.signals.map(g => html`<tr class=${g.fired ? 'fired' : ''}>
            <td>${g.name}</td><td>${FAMILY_TEXT[g.family] ?? g.family}</td><td>${num(g.value)}</td>
            <td>${g.direction === 'AT_MOST' ? '≤ ' : '≥ '}${num(g.threshold)}</td>
            <td>${g.fired ? 'Fired' : 'No'}</td>
            <td>${g.summary ?? ''}${g.evidence?.length ? html`<ul>${g.evidence.slice(0, 5).map(ev => html`<li>${ev.t !== undefined ? clock(ev.t) + ' ' : ''}${ev.field ?? ''} ${ev.note ?? ''}</li>`)}</ul>` : ''}</td></tr>`)}</tbody>
        </table></div>
      </section>

      <section class="card" aria-labelledby="h-replay"><h2 id="h-replay">Replay: how each text was written</h2>
        <p class="legend"><span><mark class="external"><span class="tag external">pasted from outside</span>text</mark> pasted from outside the page</span>
          <span><mark class="internal"><span class="tag internal">quoted from task</span>text</mark> pasted from the task itself</span><span>plain text: typed</span></p>
        ${total === 0 ? html`<p class="muted">Nothing was written in this session.</p>` : html`
          <div class="row">
            <label for="replay-position">Edit ${this.position} of ${total}, at ${clock(at)}</label>
            <input id="replay-position" type="range" min="0" max=${total} .value=${String(this.position)}
              @input=${(e: Event) => { this.position = Number((e.target as HTMLInputElement).value); }}>
            <button class="secondary small" @click=${this.play}>${this.playing !== undefined ? 'Stop' : 'Play from the start'}</button>
          </div>
          <div aria-live="off">${fields.map(f => this.renderField(f))}</div>`}
        ${this.timeline.inconsistentEdits ? html`<p class="problem">${this.timeline.inconsistentEdits} edits did not fit the text (a missing batch or an altered log).</p>` : ''}
      </section>

      <details class="card"><summary>Timeline (${this.timeline.events.length} events)</summary>
        <div class="events tablewrap"><table id="timeline"><thead><tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">Field</th><th scope="col">Detail</th></tr></thead>
          <tbody>${this.timeline.events.slice(0, 2000).map(e => html`<tr><td>${clock(e.t)}</td><td>${e.type}</td><td>${e.field ?? ''}</td><td>${this.describe(e)}</td></tr>`)}</tbody></table></div>
        ${this.timeline.events.length > 2000 ? html`<p class="muted">The first 2,000 events are listed.</p>` : ''}
      </details>

      <section class="card" aria-labelledby="h-decision"><h2 id="h-decision">Decision</h2>
        ${this.note ? html`<p class="notice" role="status" id="decision-note">${this.note}</p>` : ''}
        ${c ? html`<dl class="facts"><dt>Decision</dt><dd>${c.decision}</dd><dt>Reason</dt><dd>${c.reason}</dd>
          <dt>By</dt><dd><code>${c.decidedBy}</code>${iConfirmed ? ' (you)' : ''}, ${new Date(c.decidedAt).toLocaleString()}</dd>
          ${c.appeal ? html`<dt>Appeal</dt><dd>${c.appeal.statement}</dd>
            ${c.appeal.decision ? html`<dt>Appeal decision</dt><dd>${c.appeal.decision}: ${c.appeal.reason}</dd>` : ''}` : ''}</dl>` : ''}
        ${s.state === 'FLAGGED' ? this.decisionForm('admin/sessions/' + encodeURIComponent(s.id) + '/decision', [['CLEAR', 'Clear: the work is genuine, pay it'], ['CONFIRM', 'Confirm: misconduct; the judgment is voided and the pay forfeited']]) : ''}
        ${appealPending && !iConfirmed ? this.decisionForm('admin/sessions/' + encodeURIComponent(s.id) + '/appeal-decision', [['UPHOLD', 'Uphold the confirmation'], ['OVERTURN', 'Overturn: clear the session']]) : ''}
        ${appealPending && iConfirmed ? html`<p class="notice">You confirmed this session, so another admin decides its appeal.</p>` : ''}
        ${!c && s.state !== 'FLAGGED' ? html`<p class="muted">Only a flagged session takes a decision.</p>` : ''}
      </section>`;
  }

  private decisionForm(path: string, choices: string[][]) {
    return html`<form novalidate @submit=${(e: SubmitEvent) => this.decide(e, path)}>
      <fieldset><legend>Your decision</legend>
        ${choices.map(([value, text]) => html`<label class="hint"><input type="radio" name="decision" value=${value}> ${text}</label>`)}
      </fieldset>
      <label for="reason">Reason <span class="hint">(required; the expert reads it)</span></label>
      <textarea id="reason" name="reason" maxlength="4000" required></textarea>
      ${this.formError ? html`<p class="problem" role="alert">${this.formError}</p>` : ''}
      <p><button type="submit" ?disabled=${this.busy}>Record the decision</button></p>
    </form>`;
  }
}
customElements.define('arbiter-admin-session', AdminSessionDetail);

registerRoutes(
  { path: '/admin/sessions', tag: 'arbiter-admin-sessions', title: 'Work sessions', roles: ['ADMIN'], nav: { label: 'Flagged sessions', order: 10 } },
  { path: '/admin/sessions/:id', tag: 'arbiter-admin-session', title: 'Session', roles: ['ADMIN'] },
  { path: '/admin/appeals', tag: 'arbiter-admin-appeals', title: 'Appeals', roles: ['ADMIN'], nav: { label: 'Appeals', order: 20 } },
);
