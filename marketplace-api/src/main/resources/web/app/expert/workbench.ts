import { LitElement, html, css, nothing } from 'lit';
import { base } from '../shell/styles';
import { session, ApiError } from '../shell/api';
import { registerRoutes } from '../shell/router';
import { platform } from './platform';
import { SessionRecorder } from './recorder';
import './response-pane';
import './lease-clock';

interface Dimension { key: string; description: string; scaleMin: number; scaleMax: number }
interface Task {
  taskId: string;
  sessionId: string;
  state: string;
  leaseExpiresAt: string;
  job: { id: string; title: string; instructions: string; dimensions: Dimension[]; comparison: 'PAIRWISE' | 'RANK'; minRationaleLength: number };
  item: { prompt: string; responses: { label: string; text: string }[] };
  draft: Partial<Judgment> | null;
  feedback: { decision?: string; strengths?: string; issues?: string } | null;
}
export interface Critique { label: string; quote: string; category: string; severity: string; comment: string }
export interface Judgment {
  ranking: string[];
  preferenceStrength: number | null;
  scores: Record<string, Record<string, number>>;
  rationales: Record<string, string>;
  critiques: Critique[];
  overallRationale: string;
}

const CATEGORIES = ['FACTUAL_ERROR', 'REASONING_ERROR', 'INCOMPLETE', 'INSTRUCTION_VIOLATION', 'HALLUCINATION', 'UNSAFE', 'STYLE', 'OTHER'];
const SEVERITIES = ['MINOR', 'MAJOR', 'CRITICAL'];
const human = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');
const STRENGTHS: { value: number; text: (a: string, b: string) => string }[] = [
  { value: -3, text: a => `${a} is much better` }, { value: -2, text: a => `${a} is better` }, { value: -1, text: a => `${a} is slightly better` },
  { value: 1, text: (_, b) => `${b} is slightly better` }, { value: 2, text: (_, b) => `${b} is better` }, { value: 3, text: (_, b) => `${b} is much better` },
];

/**
 * Where experts spend hours. The prompt and the 2–6 responses side by side (each scrolling on its own,
 * with find), the ranking (drag, or the keyboard: the buttons or Alt+↑/↓ on an entry), a score per
 * response per dimension, a rationale per dimension with its minimum length counted as one types,
 * critiques (quotes taken straight from a response), the overall rationale; the lease's time left;
 * the draft saved as one types and restored on reload; every validation problem beside its field.
 * The session recorder runs here, openly.
 */
export class Workbench extends LitElement {
  static properties = {
    params: { attribute: false }, task: { state: true }, judgment: { state: true }, problems: { state: true },
    loadError: { state: true }, saveState: { state: true }, submitted: { state: true }, recorderStatus: { state: true },
    busy: { state: true }, announcement: { state: true },
  };
  declare params: { taskId: string };
  declare task: Task | null;
  declare judgment: Judgment;
  declare problems: ApiError | null;
  declare loadError: string;
  declare saveState: string;
  declare submitted: boolean;
  declare recorderStatus: string;
  declare busy: boolean;
  declare announcement: string;
  private recorder: SessionRecorder | null = null;
  private saveTimer: number | undefined;
  private savedJson = '';
  private lastValues = new Map<string, string>();
  private pasted = new Set<string>();
  private dragged: string | null = null;

  static styles = [base, css`
    :host { display: block; }
    .top { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; margin-bottom: .5rem; }
    .top h1 { margin: 0; font-size: 1.3rem; }
    .status { margin-left: auto; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; font-size: .9rem; }
    .notice { background: #eef2ff; border: 1px solid #c7d2fe; border-radius: 8px; padding: .4rem .75rem; font-size: .85rem; margin: 0 0 .75rem; }
    .brief { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: .75rem; margin-bottom: .75rem; }
    .brief .card { margin: 0; padding: .6rem .9rem; }
    .brief h2 { font-size: 1rem; margin: 0 0 .25rem; }
    @media (max-width: 900px) { .brief { grid-template-columns: 1fr; } }
    .prompt { white-space: pre-wrap; max-height: 7.5rem; overflow: auto; margin: 0; }
    details.instructions summary { cursor: pointer; font-weight: 600; }
    .responses { display: grid; gap: .75rem; grid-auto-flow: column; grid-auto-columns: minmax(22rem, 1fr); overflow-x: auto;
                 height: max(24rem, calc(100vh - 16rem)); margin-bottom: 1rem; padding-bottom: .25rem;
                 scroll-snap-type: x proximity; }
    .responses > arbiter-response-pane { scroll-snap-align: start; }
    .form { display: grid; grid-template-columns: minmax(19rem, 25rem) minmax(0, 1fr); gap: 1rem; align-items: start; }
    @media (max-width: 1100px) { .form { grid-template-columns: 1fr; } }
    ol.ranking { list-style: none; padding: 0; margin: 0; }
    ol.ranking li { display: flex; align-items: center; gap: .5rem; border: 1px solid #6b7280; border-radius: 6px; padding: .35rem .5rem;
                    margin-bottom: .35rem; background: #fff; cursor: grab; }
    ol.ranking li.dragging { opacity: .5; }
    ol.ranking .pos { font-weight: 700; width: 1.5rem; }
    ol.ranking .lab { font-weight: 700; flex: 1; }
    table.scores select { width: 4.25rem; padding: .3rem .25rem; }
    table.scores th, table.scores td { padding: .3rem .25rem; }
    .counter { font-size: .85rem; }
    .counter.short { color: #b42318; }
    .critique { border: 1px solid #d0d7de; border-radius: 8px; padding: .5rem .75rem; margin-bottom: .75rem; }
    .critique .grid { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: .5rem; }
    .summary { border: 2px solid #b42318; border-radius: 8px; padding: .5rem .75rem; background: #fff5f5; margin-bottom: 1rem; }
    .actions { display: flex; gap: .75rem; align-items: center; margin-top: 1rem; }
    fieldset { border: 0; padding: 0; margin: 0; }
    .field-title label { margin: 0; font-size: inherit; }
    legend { font-weight: 600; margin-bottom: .25rem; }
    .strength label { font-weight: 400; display: flex; gap: .4rem; margin: .15rem 0; }
  `];

  constructor() {
    super();
    this.task = null;
    this.judgment = { ranking: [], preferenceStrength: null, scores: {}, rationales: {}, critiques: [], overallRationale: '' };
    this.problems = null;
    this.loadError = '';
    this.saveState = '';
    this.submitted = false;
    this.recorderStatus = 'recording';
    this.busy = false;
    this.announcement = '';
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  disconnectedCallback(): void {
    this.recorder?.stop();
    void this.recorder?.flush(true);
    window.clearTimeout(this.saveTimer);
    if (this.task && !this.submitted) void this.saveDraft();
    super.disconnectedCallback();
  }

  private async load() {
    try {
      const task = await session.get<Task>(`/api/tasks/${this.params.taskId}`);
      const labels = task.item.responses.map(r => r.label);
      const draft = task.draft ?? {};
      this.judgment = {
        ranking: Array.isArray(draft.ranking) && draft.ranking.length === labels.length ? draft.ranking : labels,
        preferenceStrength: typeof draft.preferenceStrength === 'number' ? draft.preferenceStrength : null,
        scores: draft.scores ?? {},
        rationales: draft.rationales ?? {},
        critiques: Array.isArray(draft.critiques) ? draft.critiques : [],
        overallRationale: draft.overallRationale ?? '',
      };
      this.savedJson = JSON.stringify(this.judgment);
      this.task = task;
      void this.updateComplete.then(() => performance.mark('arbiter-workbench-ready'));
      if (task.draft) this.saveState = 'Draft restored';
      this.rememberValues();
      await this.startRecorder(task);
    } catch (e) {
      this.loadError = e instanceof ApiError && e.status === 404
        ? 'This task is not yours or no longer exists.' : (e as Error).message;
    }
  }

  private async startRecorder(task: Task) {
    let openedAt: string | null = null;
    let idleSeconds = 120;
    try {
      const [record, terms] = await Promise.all([
        session.get<{ openedAt: string }>(`/api/sessions/${task.sessionId}`), platform()]);
      openedAt = record.openedAt;
      idleSeconds = terms.idleThresholdSeconds;
    } catch {
      // the recorder still runs; its times then count from this page's load
    }
    this.recorder = new SessionRecorder(task.sessionId, openedAt, idleSeconds * 1000);
    this.recorder.addEventListener('status', () => { this.recorderStatus = this.recorder!.status; });
    this.recorder.start();
  }

  /** The text of every recorded field as it is now, so the next change is recorded as a splice. */
  private rememberValues() {
    this.lastValues.clear();
    for (const [key, text] of Object.entries(this.judgment.rationales)) this.lastValues.set(`rationale.${key}`, text);
    this.judgment.critiques.forEach((c, i) => {
      this.lastValues.set(`critique.${i}.comment`, c.comment);
      this.lastValues.set(`critique.${i}.quote`, c.quote);
    });
    this.lastValues.set('overall', this.judgment.overallRationale);
  }

  // ---- changes -------------------------------------------------------------------------------------

  private change(mutate: (j: Judgment) => void, ...resolves: string[]) {
    const next = structuredClone(this.judgment);
    mutate(next);
    if (resolves.length) this.resolved(...resolves);
    this.judgment = next;
    this.scheduleSave();
  }

  private scheduleSave() {
    this.saveState = 'Unsaved changes';
    window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => void this.saveDraft(), 800);
  }

  private async saveDraft() {
    const json = JSON.stringify(this.judgment);
    if (json === this.savedJson || !this.task) return;
    this.saveState = 'Saving…';
    try {
      await session.put(`/api/tasks/${this.task.taskId}/draft`, this.judgment);
      this.savedJson = json;
      this.saveState = `Draft saved ${new Date().toLocaleTimeString()}`;
    } catch {
      this.saveState = 'Draft not saved — retrying';
      window.clearTimeout(this.saveTimer);
      this.saveTimer = window.setTimeout(() => void this.saveDraft(), 5000);
    }
  }

  /** A recorded text field changed by typing (or by a paste, recorded as such already). */
  private textInput(field: string, value: string, apply: (j: Judgment) => void) {
    const before = this.lastValues.get(field) ?? '';
    if (this.pasted.has(field)) this.pasted.delete(field);
    else this.recorder?.input(field, before, value);
    this.lastValues.set(field, value);
    this.resolved(Workbench.problemField(field));
    this.change(apply);
  }

  private onPaste(field: string, event: ClipboardEvent) {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    const target = event.target as HTMLTextAreaElement | HTMLInputElement;
    const internal = text.length > 0 && this.isFromThisPage(text);
    this.recorder?.paste(field, target.selectionStart ?? 0, text, internal ? 'internal' : 'external');
    this.pasted.add(field);
  }

  private isFromThisPage(text: string): boolean {
    const t = text.trim();
    if (!t || !this.task) return false;
    return this.task.item.prompt.includes(t) || this.task.item.responses.some(r => r.text.includes(t));
  }

  private onKey(field: string, event: KeyboardEvent) {
    if (event.key.length === 1 || event.key === 'Backspace' || event.key === 'Delete' || event.key === 'Enter') {
      this.recorder?.key(field);
    }
  }

  private onView(event: CustomEvent<{ label: string; from: number; to: number }>) {
    this.recorder?.view(event.detail.label, event.detail.from, event.detail.to);
  }

  private onCopied(event: CustomEvent<{ label: string; length: number }>) {
    this.recorder?.copy(event.detail.label, event.detail.length);
  }

  /** "Quote selection" in a response: a new critique of that response, its quote pasted from the page. */
  private onQuote(event: CustomEvent<{ label: string; quote: string }>) {
    const index = this.judgment.critiques.length;
    const field = `critique.${index}.quote`;
    this.recorder?.paste(field, 0, event.detail.quote, 'internal');
    this.lastValues.set(field, event.detail.quote);
    this.lastValues.set(`critique.${index}.comment`, '');
    this.change(j => j.critiques.push({ label: event.detail.label, quote: event.detail.quote, category: '', severity: '', comment: '' }));
    this.announce(`Critique ${index + 1} of response ${event.detail.label} added with the quote`);
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`#critique-${index}-comment`) as HTMLElement | null)?.focus());
  }

  private addCritique() {
    const index = this.judgment.critiques.length;
    const losing = this.judgment.ranking.slice(1).find(l => !this.judgment.critiques.some(c => c.label === l)) ?? this.judgment.ranking[0];
    this.lastValues.set(`critique.${index}.comment`, '');
    this.lastValues.set(`critique.${index}.quote`, '');
    this.change(j => j.critiques.push({ label: losing, quote: '', category: '', severity: '', comment: '' }), 'critiques');
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`#critique-${index}-label`) as HTMLElement | null)?.focus());
  }

  private removeCritique(index: number) {
    this.change(j => j.critiques.splice(index, 1));
    this.rememberValues();
    this.announce(`Critique ${index + 1} removed`);
  }

  // ---- ranking ----------------------------------------------------------------------------------------

  private move(label: string, by: number) {
    const from = this.judgment.ranking.indexOf(label);
    const to = from + by;
    if (from < 0 || to < 0 || to >= this.judgment.ranking.length) return;
    this.change(j => {
      j.ranking.splice(from, 1);
      j.ranking.splice(to, 0, label);
    }, 'ranking', 'critiques');
    this.recorder?.touch();
    this.announce(`${label} moved to position ${to + 1}`);
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`#rank-${label}`) as HTMLElement | null)?.focus());
  }

  private onRankKey(label: string, event: KeyboardEvent) {
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      this.move(label, event.key === 'ArrowUp' ? -1 : 1);
    }
  }

  private onDrop(target: string, event: DragEvent) {
    event.preventDefault();
    const label = this.dragged;
    this.dragged = null;
    if (!label || label === target) return;
    const to = this.judgment.ranking.indexOf(target);
    this.change(j => {
      j.ranking.splice(j.ranking.indexOf(label), 1);
      j.ranking.splice(to, 0, label);
    });
    this.announce(`${label} moved to position ${to + 1}`);
  }

  private setStrength(value: number) {
    const [a, b] = this.task!.item.responses.map(r => r.label);
    this.change(j => {
      j.preferenceStrength = value;
      j.ranking = value < 0 ? [a, b] : [b, a];
    });
  }

  private announce(text: string) { this.announcement = text; }

  // ---- submit -------------------------------------------------------------------------------------------

  private async submit() {
    if (!this.task) return;
    this.busy = true;
    this.problems = null;
    window.clearTimeout(this.saveTimer);
    const body: Record<string, unknown> = {
      ranking: this.judgment.ranking,
      scores: this.judgment.scores,
      rationales: this.judgment.rationales,
      critiques: this.judgment.critiques.map(c => ({
        label: c.label, quote: c.quote.trim() ? c.quote : undefined, category: c.category || undefined,
        severity: c.severity || undefined, comment: c.comment,
      })),
      overallRationale: this.judgment.overallRationale,
    };
    if (this.task.job.comparison === 'PAIRWISE') body.preferenceStrength = this.judgment.preferenceStrength;
    this.recorder?.record({ type: 'submit' });
    try {
      await this.recorder?.flush();
      await session.post(`/api/tasks/${this.task.taskId}/judgment`, body);
      this.submitted = true;
      await this.recorder?.flush();
      this.recorder?.finish();
    } catch (e) {
      this.problems = e instanceof ApiError ? e : new ApiError({ status: 0, detail: 'The server could not be reached; try again.' });
      void this.saveDraft();
      await this.updateComplete;
      (this.renderRoot.querySelector('[aria-invalid=true], .summary') as HTMLElement | null)?.focus();
    } finally {
      this.busy = false;
    }
  }

  /** Problems of fields the expert has since changed are taken off: what is shown is what is still to fix. */
  private resolved(...fields: string[]) {
    const violations = this.problems?.problem.violations;
    if (!violations?.some(v => fields.includes(v.field))) return;
    const left = violations.filter(v => !fields.includes(v.field));
    this.problems = left.length ? new ApiError({ ...this.problems!.problem, violations: left }) : null;
  }

  private static problemField(field: string): string {
    if (field === 'overall') return 'overallRationale';
    if (field.startsWith('rationale.')) return `rationales.${field.slice('rationale.'.length)}`;
    const critique = /^critique\.(\d+)\.(comment|quote)$/.exec(field);
    return critique ? `critiques[${critique[1]}].${critique[2]}` : field;
  }

  private errors(field: string) {
    const messages = (this.problems?.problem.violations ?? []).filter(v => v.field === field).map(v => v.message);
    return messages.length ? html`<div class="error" id="err-${field.replace(/[^a-zA-Z0-9-]/g, '-')}">${messages.map(m => html`<div>${m}</div>`)}</div>` : nothing;
  }

  private invalid(...fields: string[]): 'true' | 'false' {
    return (this.problems?.problem.violations ?? []).some(v => fields.includes(v.field)) ? 'true' : 'false';
  }

  private errId(field: string) { return `err-${field.replace(/[^a-zA-Z0-9-]/g, '-')}`; }

  // ---- render ---------------------------------------------------------------------------------------------

  render() {
    if (this.loadError) return html`<h1>Workbench</h1><p class="error" role="alert">${this.loadError}</p><p><a href="/jobs">Back to the job board</a></p>`;
    const task = this.task;
    if (!task) return html`<p class="muted" aria-busy="true">Loading the task…</p>`;
    if (this.submitted) {
      return html`<div class="card"><h1>Judgment submitted</h1>
        <p>Thank you. A reviewer will look at it; you will find its state under <a href="/my-work">My work</a>.</p>
        <p>This work session's record: <a href="/sessions/${task.sessionId}">what was recorded and its signals</a>.</p>
        <p><a class="button" href="/jobs">Back to the job board</a></p></div>`;
    }
    return html`
      <div class="top">
        <h1>${task.job.title}</h1>
        <div class="status">
          <arbiter-lease-clock .expiresAt=${task.leaseExpiresAt}></arbiter-lease-clock>
          <span role="status" class="muted">${this.saveState}</span>
        </div>
      </div>
      <p class="notice" role="note">
        <strong>This work session is recorded</strong> so that labs can trust that judgments are people's own: focus changes,
        which part of each response is on screen, what you type and paste into these fields, keystroke timing (never which keys)
        and copying. Nothing outside this page. ${this.recorderStatus === 'offline' ? html`<strong>Connection lost: events are queued and will be sent.</strong>` : ''}
        <a href="/sessions/${task.sessionId}" target="_blank" rel="noopener">See your session record</a>.
      </p>
      ${task.feedback ? html`<div class="card"><h2>Reviewer's feedback</h2><p>${task.feedback.issues ?? ''}</p><p class="muted">${task.feedback.strengths ?? ''}</p></div>` : ''}
      <div class="brief">
        <section class="card" aria-labelledby="prompt-h"><h2 id="prompt-h">Prompt</h2><div class="prompt" tabindex="0">${task.item.prompt}</div></section>
        <details class="instructions card"><summary>Instructions</summary><p class="prompt" tabindex="0">${task.job.instructions}</p></details>
      </div>
      <section class="responses" aria-label="Responses" @view=${this.onView} @quote=${this.onQuote} @copied=${this.onCopied}>
        ${task.item.responses.map(r => html`<arbiter-response-pane .label=${r.label} .text=${r.text}></arbiter-response-pane>`)}
      </section>
      ${this.problems ? html`<div class="summary" role="alert" tabindex="-1">
        <strong>${this.problems.problem.violations?.length
          ? `${this.problems.problem.violations.length} problem${this.problems.problem.violations.length === 1 ? '' : 's'} to fix before submitting; each is shown beside its field.`
          : this.problems.message}</strong>${this.errors('body')}</div>` : ''}
      <div class="form">
        <div>
          ${task.job.comparison === 'PAIRWISE' ? this.renderStrength(task) : this.renderRanking()}
          ${this.renderScores(task)}
        </div>
        <div>
          ${this.renderRationales(task)}
          ${this.renderCritiques(task)}
          <section class="card">
            <h2 class="field-title"><label for="overall">Overall rationale</label></h2>
            ${this.renderTextarea('overall', 'overallRationale', this.judgment.overallRationale, task.job.minRationaleLength,
              v => j => { j.overallRationale = v; })}
          </section>
          <div class="actions">
            <button @click=${this.submit} ?disabled=${this.busy}>${this.busy ? 'Submitting…' : 'Submit judgment'}</button>
            <span class="muted">Your draft is saved as you type.</span>
          </div>
        </div>
      </div>
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>`;
  }

  private renderStrength(task: Task) {
    const [a, b] = task.item.responses.map(r => r.label);
    return html`<section class="card"><fieldset class="strength" aria-describedby=${this.errId('preferenceStrength')}>
      <legend>Which response is better?</legend>
      ${STRENGTHS.map(s => html`<label><input type="radio" name="strength" .checked=${this.judgment.preferenceStrength === s.value}
        @change=${() => this.setStrength(s.value)}> ${s.text(a, b)}</label>`)}
      ${this.errors('preferenceStrength')}${this.errors('ranking')}
    </fieldset></section>`;
  }

  private renderRanking() {
    const ranking = this.judgment.ranking;
    return html`<section class="card" aria-labelledby="ranking-h">
      <h2 id="ranking-h">Ranking</h2>
      <p class="muted" id="ranking-help">Best first. Drag an entry, or focus it and press Alt+↑ / Alt+↓, or use its buttons.</p>
      <ol class="ranking" aria-describedby="ranking-help ${this.errId('ranking')}">
        ${ranking.map((label, i) => html`<li id="rank-${label}" tabindex="0" draggable="true"
            aria-label="Response ${label}, position ${i + 1} of ${ranking.length}"
            @keydown=${(e: KeyboardEvent) => this.onRankKey(label, e)}
            @dragstart=${(e: DragEvent) => { this.dragged = label; e.dataTransfer?.setData('text/plain', label); }}
            @dragover=${(e: DragEvent) => e.preventDefault()}
            @drop=${(e: DragEvent) => this.onDrop(label, e)}>
          <span class="pos">${i + 1}.</span><span class="lab">${label}</span>
          <button class="small secondary" aria-label="Move ${label} up" ?disabled=${i === 0} @click=${() => this.move(label, -1)}>↑</button>
          <button class="small secondary" aria-label="Move ${label} down" ?disabled=${i === ranking.length - 1} @click=${() => this.move(label, 1)}>↓</button>
        </li>`)}
      </ol>
      ${this.errors('ranking')}
    </section>`;
  }

  private renderScores(task: Task) {
    const labels = task.item.responses.map(r => r.label);
    return html`<section class="card" aria-labelledby="scores-h">
      <h2 id="scores-h">Scores</h2>
      <table class="scores">
        <thead><tr><th scope="col">Dimension</th>${labels.map(l => html`<th scope="col">${l}</th>`)}</tr></thead>
        <tbody>${task.job.dimensions.map(d => html`<tr>
          <th scope="row" title=${d.description}>${d.key}<div class="hint">${d.scaleMin}–${d.scaleMax}</div></th>
          ${labels.map(l => {
            const field = `scores.${l}.${d.key}`;
            const value = this.judgment.scores[l]?.[d.key];
            return html`<td><select id=${field} aria-label="Score of ${l} on ${d.key}" aria-invalid=${this.invalid(field, `scores.${l}`, 'scores')}
                aria-describedby=${this.errId(field)}
                @change=${(e: Event) => {
                  const v = (e.target as HTMLSelectElement).value;
                  this.change(j => { j.scores[l] = { ...(j.scores[l] ?? {}) }; if (v) j.scores[l][d.key] = Number(v); else delete j.scores[l][d.key]; },
                    field, `scores.${l}`, 'scores');
                  this.recorder?.touch();
                }}>
              <option value="" ?selected=${value === undefined}>–</option>
              ${Array.from({ length: d.scaleMax - d.scaleMin + 1 }, (_, k) => d.scaleMin + k)
                .map(n => html`<option value=${n} ?selected=${value === n}>${n}</option>`)}
            </select>${this.errors(field)}</td>`;
          })}</tr>`)}</tbody>
      </table>
      ${this.errors('scores')}${labels.map(l => this.errors(`scores.${l}`))}
    </section>`;
  }

  private renderTextarea(field: string, problemField: string, value: string, min: number,
                         apply: (v: string) => (j: Judgment) => void, label?: string) {
    const length = value.trim().length;
    return html`
      <textarea id=${field} .value=${value} aria-invalid=${this.invalid(problemField)}
        aria-label=${label ?? nothing}
        aria-describedby="${field}-count ${this.errId(problemField)}"
        @keydown=${(e: KeyboardEvent) => this.onKey(field, e)}
        @paste=${(e: ClipboardEvent) => this.onPaste(field, e)}
        @input=${(e: InputEvent) => { const v = (e.target as HTMLTextAreaElement).value; this.textInput(field, v, apply(v)); }}></textarea>
      <div id="${field}-count" class="counter ${min > 0 && length < min ? 'short' : ''}">
        ${min > 0 ? (length < min ? `${length} / ${min} characters minimum` : `${length} characters ✓`) : `${length} characters`}</div>
      ${this.errors(problemField)}`;
  }

  private renderRationales(task: Task) {
    return html`<section class="card" aria-labelledby="rationales-h">
      <h2 id="rationales-h">Rationale per dimension</h2>
      ${task.job.dimensions.map(d => html`
        <label for="rationale.${d.key}">${d.key} <span class="hint">${d.description}</span></label>
        ${this.renderTextarea(`rationale.${d.key}`, `rationales.${d.key}`, this.judgment.rationales[d.key] ?? '', task.job.minRationaleLength,
          v => j => { j.rationales[d.key] = v; })}`)}
      ${this.errors('rationales')}
    </section>`;
  }

  private renderCritiques(task: Task) {
    const labels = task.item.responses.map(r => r.label);
    return html`<section class="card" aria-labelledby="critiques-h">
      <h2 id="critiques-h">Critiques</h2>
      <p class="muted">Every response you did not rank first needs one. Select text in a response and press “Quote selection” to quote it.</p>
      ${this.judgment.critiques.map((c, i) => {
        const at = `critiques[${i}]`;
        return html`<div class="critique" role="group" aria-label="Critique ${i + 1}">
          <div class="grid">
            <div><label for="critique-${i}-label">Response</label>
              <select id="critique-${i}-label" aria-invalid=${this.invalid(`${at}.label`)}
                @change=${(e: Event) => this.change(j => { j.critiques[i].label = (e.target as HTMLSelectElement).value; }, `${at}.label`, 'critiques')}>
                ${labels.map(l => html`<option ?selected=${c.label === l}>${l}</option>`)}</select>${this.errors(`${at}.label`)}</div>
            <div><label for="critique-${i}-category">Category</label>
              <select id="critique-${i}-category" aria-invalid=${this.invalid(`${at}.category`)}
                @change=${(e: Event) => this.change(j => { j.critiques[i].category = (e.target as HTMLSelectElement).value; }, `${at}.category`, 'critiques')}>
                <option value="" ?selected=${!c.category}>Choose…</option>
                ${CATEGORIES.map(k => html`<option value=${k} ?selected=${c.category === k}>${human(k)}</option>`)}</select>${this.errors(`${at}.category`)}</div>
            <div><label for="critique-${i}-severity">Severity</label>
              <select id="critique-${i}-severity" aria-invalid=${this.invalid(`${at}.severity`)}
                @change=${(e: Event) => this.change(j => { j.critiques[i].severity = (e.target as HTMLSelectElement).value; }, `${at}.severity`, 'critiques')}>
                <option value="" ?selected=${!c.severity}>Choose…</option>
                ${SEVERITIES.map(k => html`<option value=${k} ?selected=${c.severity === k}>${human(k)}</option>`)}</select>${this.errors(`${at}.severity`)}</div>
          </div>
          <label for="critique.${i}.quote">Quote <span class="hint">(optional; exactly as it appears in response ${c.label})</span></label>
          <input id="critique.${i}.quote" .value=${c.quote} aria-invalid=${this.invalid(`${at}.quote`)}
            @keydown=${(e: KeyboardEvent) => this.onKey(`critique.${i}.quote`, e)}
            @paste=${(e: ClipboardEvent) => this.onPaste(`critique.${i}.quote`, e)}
            @input=${(e: InputEvent) => { const v = (e.target as HTMLInputElement).value; this.textInput(`critique.${i}.quote`, v, j => { j.critiques[i].quote = v; }); }}>
          ${this.errors(`${at}.quote`)}
          <label for="critique.${i}.comment">Comment</label>
          ${this.renderTextarea(`critique.${i}.comment`, `${at}.comment`, c.comment, 0, v => j => { j.critiques[i].comment = v; })}
          <button class="small secondary" @click=${() => this.removeCritique(i)} aria-label="Remove critique ${i + 1}">Remove</button>
        </div>`;
      })}
      ${this.errors('critiques')}
      <button class="secondary" @click=${this.addCritique}>Add a critique</button>
    </section>`;
  }
}
customElements.define('arbiter-workbench', Workbench);

registerRoutes({ path: '/workbench/:taskId', tag: 'arbiter-workbench', title: 'Workbench', roles: ['EXPERT'] });
