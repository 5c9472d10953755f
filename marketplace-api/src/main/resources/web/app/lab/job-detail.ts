import { LitElement, html, css } from 'lit';
import { base } from '../shell/styles';
import { session, ApiError, formatMoney } from '../shell/api';
import { registerRoutes } from '../shell/router';
import { kitStyles, problemText, download, barChart, burnChart, lineChart } from '../console/kit';
import { LabJob, Progress, STATUS_TEXT } from './model';

interface UploadAnswer { accepted: number; rejected: { line: number; problem: string }[]; rejectedTotal?: number }

/** How often the page reads the job's progress while it is open. */
const PROGRESS_EVERY_MS = 10_000;

/**
 * One job: its rubric, item upload, publish and pause, progress and agreement, exports and disputes.
 * Everything a lab or an expert wrote (titles, instructions, rejected lines) is rendered as text.
 */
export class LabJobDetail extends LitElement {
  static properties = {
    job: { state: true }, progress: { state: true }, error: { state: true }, action: { state: true },
    actionError: { state: true }, upload: { state: true }, uploaded: { state: true }, uploadError: { state: true },
    exportNote: { state: true }, disputeNote: { state: true }, samples: { state: true },
  };
  declare params: { id: string };
  declare job: LabJob | null;
  declare progress: Progress | null;
  declare error: string;
  declare action: string;
  declare actionError: string;
  declare upload: { sent: number; total: number } | null;
  declare uploaded: UploadAnswer | null;
  declare uploadError: string;
  declare exportNote: string;
  declare disputeNote: string;
  declare samples: { at: number; value: number }[];
  private timer: number | undefined;

  static styles = [base, kitStyles, css`
    progress { width: 100%; max-width: 32rem; height: 1.25rem; }
    .instructions { white-space: pre-wrap; }
    .rejected { max-height: 16rem; overflow: auto; }
  `];

  constructor() {
    super();
    this.job = null; this.progress = null; this.error = ''; this.action = ''; this.actionError = '';
    this.upload = null; this.uploaded = null; this.uploadError = ''; this.exportNote = ''; this.disputeNote = '';
    this.samples = [];
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.timer = window.setInterval(() => void this.loadProgress(), PROGRESS_EVERY_MS);
  }

  disconnectedCallback(): void {
    window.clearInterval(this.timer);
    super.disconnectedCallback();
  }

  private get base(): string { return `/api/jobs/${encodeURIComponent(this.params.id)}`; }

  private async load() {
    try {
      this.job = await session.get<LabJob>(this.base);
      await this.loadProgress();
    } catch (e) {
      this.error = e instanceof ApiError && e.status === 404 ? 'There is no such job in your organization.' : problemText(e);
    }
  }

  private async loadProgress() {
    try {
      this.progress = await session.get<Progress>(`${this.base}/progress`);
      const sample = { at: Date.now(), value: this.progress.judgmentsSubmitted };
      this.samples = [...this.samples, sample].slice(-360);
    } catch {
      // progress is a view: a failed read keeps the last one
    }
  }

  private async step(kind: 'publish' | 'pause') {
    this.action = kind;
    this.actionError = '';
    try {
      this.job = await session.post<LabJob>(`${this.base}/${kind}`);
      await this.loadProgress();
    } catch (e) {
      this.actionError = e instanceof ApiError && e.status === 409 ? this.conflictText(e) : problemText(e);
    } finally {
      this.action = '';
    }
  }

  /** A 409 said in the lab's words: what is wrong and what to do. */
  private conflictText(e: ApiError): string {
    const type = e.problem.type ?? '';
    const p = e.problem as unknown as { available?: { amountMinor: number; currency: string }; budget?: { amountMinor: number; currency: string } };
    if (type.endsWith('/insufficient-funds')) {
      return `Not enough funds to publish: your organization has ${formatMoney(p.available)} available for new jobs and this job's budget is ${formatMoney(p.budget)}. Ask an admin to record a deposit, or lower the budget.`;
    }
    if (type.endsWith('/job-has-no-items')) return 'Upload items before publishing: a job with no items cannot be published.';
    if (type.endsWith('/budget-exhausted')) return 'This job was paused because its budget is spent; it cannot be published again.';
    return e.message;
  }

  private async onFile(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.uploaded = null;
    this.uploadError = '';
    this.upload = { sent: 0, total: file.size };
    // a JSON array starts with '[' (after any blank); anything else is read as NDJSON, a line an item
    const head = (await file.slice(0, 64).text()).trimStart();
    const type = head.startsWith('[') ? 'application/json' : 'application/x-ndjson';
    try {
      this.uploaded = await session.upload<UploadAnswer>(`${this.base}/items`, file, type,
        (sent, total) => { this.upload = { sent, total }; });
      this.job = await session.get<LabJob>(this.base);
      await this.loadProgress();
    } catch (e) {
      this.uploadError = problemText(e);
    } finally {
      this.upload = this.upload ? { sent: this.upload.total, total: this.upload.total } : null;
      input.value = '';
    }
  }

  private async exportNow(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const format = String(form.get('format'));
    const status = String(form.get('status'));
    const verified = form.get('verified') === 'on';
    const query = new URLSearchParams({ format, status, verified: String(verified) });
    this.exportNote = 'Preparing the export…';
    try {
      const bytes = await download(`${this.base}/export?${query}`, `${this.job?.title.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'job'}-${format}${verified ? '-verified' : ''}.ndjson`, 'application/x-ndjson');
      this.exportNote = `Downloaded ${bytes.toLocaleString()} bytes (${format}, ${status}${verified ? ', verified sessions only' : ''}).`;
    } catch (e) {
      this.exportNote = `The export failed: ${problemText(e)}`;
    }
  }

  private async dispute(event: SubmitEvent) {
    event.preventDefault();
    const formEl = event.target as HTMLFormElement;
    const form = new FormData(formEl);
    const judgmentId = String(form.get('judgmentId') ?? '').trim();
    try {
      await session.post(`${this.base}/judgments/${encodeURIComponent(judgmentId)}/dispute`, { reason: String(form.get('reason') ?? '') });
      this.disputeNote = `Disputed judgment ${judgmentId}: an admin will decide it.`;
      formEl.reset();
    } catch (e) {
      this.disputeNote = e instanceof ApiError && e.status === 404 ? 'No such judgment in this job.' : `Not disputed: ${problemText(e)}`;
    }
  }

  private renderProgress() {
    const p = this.progress;
    if (!p) return html`<p class="muted">No progress yet.</p>`;
    const dims = Object.entries(p.agreement?.dimensions ?? {});
    const alphaBars = [{ label: 'overall (ranking)', value: p.agreement?.alpha ?? null },
      ...dims.map(([k, v]) => ({ label: k, value: v ?? null }))];
    return html`
      <dl class="facts">
        <dt>Items</dt><dd>${p.items}</dd>
        <dt>Judgments submitted</dt><dd id="submitted">${p.judgmentsSubmitted} of ${p.judgmentsRequired}</dd>
        <dt>Judgments accepted</dt><dd>${p.judgmentsAccepted}</dd>
      </dl>
      <label for="done">Judgments submitted</label>
      <progress id="done" max=${Math.max(1, p.judgmentsRequired)} .value=${p.judgmentsSubmitted}>${p.judgmentsSubmitted} of ${p.judgmentsRequired}</progress>
      <div>
        <section><h3>Agreement (Krippendorff's alpha)</h3>
          ${barChart('Agreement per dimension and overall, from -1 to 1', alphaBars, -1, 1)}
          <table><thead><tr><th scope="col">Measure</th><th scope="col">Alpha</th></tr></thead>
            <tbody>${alphaBars.map(b => html`<tr><td>${b.label}</td><td>${b.value === null ? 'not defined yet' : b.value.toFixed(3)}${b.value !== null && b.value < 0.667 ? ' (low)' : ''}</td></tr>`)}</tbody></table>
        </section>
        <section><h3>Budget burn</h3>${burnChart(p.spent, p.budget ?? this.job?.budget ?? null)}
          <h3>Judgments over time</h3>
          ${lineChart('Judgments submitted, read every 10 s while this page is open (the API keeps no history)', this.samples)}
        </section>
      </div>`;
  }

  render() {
    if (this.error) return html`<p class="problem" role="alert">${this.error}</p><p><a href="/lab/jobs">Back to your jobs</a></p>`;
    const job = this.job;
    if (!job) return html`<p class="muted" aria-busy="true">Loading the job…</p>`;
    const canPublish = job.status === 'DRAFT' || (job.status === 'PAUSED' && job.pauseReason !== 'BUDGET_EXHAUSTED');
    const pct = this.upload && this.upload.total ? Math.round((this.upload.sent / this.upload.total) * 100) : 0;
    return html`
      <p><a href="/lab/jobs">← Your jobs</a></p>
      <h1>${job.title}</h1>
      <p class="row"><span class="badge" id="job-status">${STATUS_TEXT[job.status] ?? job.status}</span>
        ${job.pauseReason === 'BUDGET_EXHAUSTED' ? html`<span>Paused: the budget is spent.</span>` : ''}
        <span class="muted">${job.domain} · ${job.comparison === 'PAIRWISE' ? 'Pairwise' : 'Ranking'} · ${job.judgmentsPerItem} judgment${job.judgmentsPerItem === 1 ? "" : "s"} an item · tier ${job.minTier}+ · ${formatMoney(job.hourlyRate)} an hour · budget ${formatMoney(job.budget)}</span></p>

      <section class="card" aria-labelledby="h-actions">
        <h2 id="h-actions">Publish</h2>
        <div class="row">
          <button id="publish" @click=${() => this.step('publish')} ?disabled=${!canPublish || this.action !== ''}>${this.action === 'publish' ? 'Publishing…' : job.status === 'PAUSED' ? 'Publish again' : 'Publish'}</button>
          <button id="pause" class="secondary" @click=${() => this.step('pause')} ?disabled=${job.status !== 'PUBLISHED' || this.action !== ''}>${this.action === 'pause' ? 'Pausing…' : 'Pause'}</button>
        </div>
        ${this.actionError ? html`<p class="problem" role="alert">${this.actionError}</p>` : ''}
      </section>

      <section class="card" aria-labelledby="h-items">
        <h2 id="h-items">Items (${job.items})</h2>
        <p class="hint">A JSON array, or NDJSON with one item a line: <code>{"externalId", "prompt", "responses": [{"id", "text", "model"}]}</code>. Good lines are kept; bad ones are listed below.</p>
        <label for="items-file">Upload an items file</label>
        <input id="items-file" type="file" accept=".json,.ndjson,.jsonl,application/json,application/x-ndjson" @change=${this.onFile} ?disabled=${job.status === 'COMPLETED'}>
        ${this.upload ? html`<label for="upload-progress">Upload progress</label>
          <progress id="upload-progress" max="100" .value=${pct}>${pct} %</progress> <span>${pct} %</span>` : ''}
        ${this.uploadError ? html`<p class="problem" role="alert">${this.uploadError}</p>` : ''}
        ${this.uploaded ? html`<div role="status">
          <p class="ok" id="upload-result">${this.uploaded.accepted} item${this.uploaded.accepted === 1 ? '' : 's'} accepted, ${this.uploaded.rejectedTotal ?? this.uploaded.rejected.length} rejected.</p>
          ${this.uploaded.rejected.length ? html`<div class="rejected tablewrap"><table id="rejected-lines">
            <caption>Rejected lines${(this.uploaded.rejectedTotal ?? 0) > this.uploaded.rejected.length ? ` (the first ${this.uploaded.rejected.length})` : ''}</caption>
            <thead><tr><th scope="col">Line</th><th scope="col">Problem</th></tr></thead>
            <tbody>${this.uploaded.rejected.map(r => html`<tr><td>${r.line}</td><td>${r.problem}</td></tr>`)}</tbody></table></div>` : ''}
        </div>` : ''}
      </section>

      <section class="card" aria-labelledby="h-progress">
        <h2 id="h-progress">Progress and agreement</h2>
        ${this.renderProgress()}
      </section>

      <section class="card" aria-labelledby="h-export">
        <h2 id="h-export">Export</h2>
        <form @submit=${this.exportNow} class="row">
          <div><label for="format">Format</label><select id="format" name="format">
            <option value="trl">TRL (chosen / rejected pairs)</option><option value="hh">HH-RLHF</option>
            <option value="helpsteer">HelpSteer (per response scores)</option><option value="native">Native (everything)</option></select></div>
          <div><label for="export-status">Judgments</label><select id="export-status" name="status">
            <option value="accepted">Accepted</option><option value="submitted">Submitted</option><option value="all">All</option></select></div>
          <div><label><input type="checkbox" name="verified" checked> Only verified work sessions</label></div>
          <div><button type="submit">Download the export</button></div>
        </form>
        ${this.exportNote ? html`<p role="status" id="export-note">${this.exportNote}</p>` : ''}
      </section>

      <section class="card" aria-labelledby="h-dispute">
        <h2 id="h-dispute">Dispute a judgment</h2>
        <p class="hint">An accepted judgment you believe is wrong (its id is the export's <code>judgment_id</code>) goes to an admin.</p>
        <form @submit=${this.dispute}>
          <label for="judgmentId">Judgment id</label><input id="judgmentId" name="judgmentId" required maxlength="64">
          <label for="reason">Reason</label><textarea id="reason" name="reason" required maxlength="10000"></textarea>
          <p><button type="submit" class="secondary">Send the dispute</button></p>
        </form>
        ${this.disputeNote ? html`<p role="status">${this.disputeNote}</p>` : ''}
      </section>

      <details class="card"><summary>Rubric and instructions</summary>
        <p class="instructions">${job.instructions}</p>
        <table><thead><tr><th scope="col">Key</th><th scope="col">Description</th><th scope="col">Scale</th></tr></thead>
          <tbody>${job.dimensions.map(d => html`<tr><td><code>${d.key}</code></td><td>${d.description}</td><td>${d.scaleMin} to ${d.scaleMax}</td></tr>`)}</tbody></table>
      </details>`;
  }
}
customElements.define('arbiter-lab-job', LabJobDetail);

registerRoutes({ path: '/lab/jobs/:id', tag: 'arbiter-lab-job', title: 'Job', roles: ['LAB', 'ADMIN'] });
