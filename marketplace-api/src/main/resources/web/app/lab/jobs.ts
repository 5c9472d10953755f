import { LitElement, html, css } from 'lit';
import { base } from '../shell/styles';
import { session, ApiError, Money, formatMoney } from '../shell/api';
import { navigate, registerRoutes } from '../shell/router';
import { kitStyles, problemText, notBuilt } from '../console/kit';
import { LabJob, Domain, STATUS_TEXT, toMinor, minorDigits } from './model';

/** `GET /api/payouts/labs/me`: the organization's unreserved balance and each published job's money. */
interface LabPay {
  balance: Money;
  jobs: { jobId: string; title?: string; budget: Money; reserved: Money; spent: Money; remaining: Money; exhausted?: boolean }[];
}

/** The lab's jobs, newest first, each with its status and size, and the organization's money. */
export class LabJobs extends LitElement {
  static properties = { jobs: { state: true }, error: { state: true }, pay: { state: true }, payNote: { state: true } };
  declare jobs: LabJob[] | null;
  declare error: string;
  declare pay: LabPay | null;
  declare payNote: string;
  static styles = [base, kitStyles];

  constructor() { super(); this.jobs = null; this.error = ''; this.pay = null; this.payNote = ''; }

  connectedCallback(): void {
    super.connectedCallback();
    session.get<LabPay>('/api/payouts/labs/me')
      .then(pay => { this.pay = pay; })
      .catch(e => { this.payNote = notBuilt(e) ? 'Your organization\'s balance is not available on this server yet.' : problemText(e); });
    session.get<LabJob[]>('/api/jobs')
      .then(jobs => { this.jobs = [...jobs].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '')); })
      .catch(e => { this.error = problemText(e); });
  }

  private spent(jobId: string): string {
    const line = this.pay?.jobs.find(j => j.jobId === jobId);
    if (!line) return '—';
    return `${formatMoney(line.spent)}${line.exhausted ? ' (budget spent)' : ''}`;
  }

  render() {
    return html`
      <div class="head"><h1>Your jobs</h1><a class="button" href="/lab/jobs/new">Create a job</a></div>
      ${this.error ? html`<p class="problem" role="alert">${this.error}</p>` : ''}
      ${this.pay ? html`<p class="card" id="lab-balance"><strong>Available for new jobs:</strong> ${formatMoney(this.pay.balance)}
        <span class="muted">(deposits recorded by an admin, less the budgets of published jobs)</span></p>` : ''}
      ${this.payNote ? html`<p class="unavailable" id="lab-balance">${this.payNote}</p>` : ''}
      ${!this.jobs && !this.error ? html`<p class="muted" aria-busy="true">Loading jobs…</p>` : ''}
      ${this.jobs && this.jobs.length === 0 ? html`<div class="card"><p>No job yet. <a href="/lab/jobs/new">Create the first one</a>.</p></div>` : ''}
      ${this.jobs && this.jobs.length ? html`<div class="card tablewrap"><table>
        <caption class="visually-hidden">Jobs of your organization</caption>
        <thead><tr><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Domain</th><th scope="col">Items</th>
          <th scope="col">Judgments per item</th><th scope="col">Hourly rate</th><th scope="col">Budget</th><th scope="col">Spent</th></tr></thead>
        <tbody>${this.jobs.map(job => html`<tr>
          <td><a href="/lab/jobs/${job.id}">${job.title}</a></td>
          <td class="status">${STATUS_TEXT[job.status] ?? job.status}${job.pauseReason === 'BUDGET_EXHAUSTED' ? ' (budget spent)' : ''}</td>
          <td>${job.domain}</td><td>${job.items}</td><td>${job.judgmentsPerItem}</td>
          <td>${formatMoney(job.hourlyRate)}</td><td>${formatMoney(job.budget)}</td>
          <td>${this.spent(job.id)}</td></tr>`)}</tbody>
      </table></div>` : ''}`;
  }
}
customElements.define('arbiter-lab-jobs', LabJobs);

interface DimensionDraft { key: string; description: string; scaleMin: number; scaleMax: number }

/**
 * The rubric builder: a job's dimensions (key, description, scale), how responses are compared, and what
 * the lab pays. The server is the judge of every rule; its violations are shown beside their fields.
 */
export class LabJobCreate extends LitElement {
  static properties = {
    domains: { state: true }, currency: { state: true }, dimensions: { state: true },
    error: { state: true }, busy: { state: true },
  };
  declare domains: Domain[];
  declare currency: string;
  declare dimensions: DimensionDraft[];
  declare error: ApiError | null;
  declare busy: boolean;
  static styles = [base, kitStyles, css`
    form { max-width: 56rem; }
    .dim { display: grid; grid-template-columns: 12rem 1fr 6rem 6rem auto; gap: .5rem; align-items: end; border-bottom: 1px solid #d0d7de; padding-bottom: .5rem; }
    .dim label { margin-top: .25rem; }
    .fields { display: grid; gap: 0 1rem; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); }
    fieldset { border: 1px solid #d0d7de; border-radius: 8px; margin: 1rem 0; padding: .5rem 1rem 1rem; }
    legend { font-weight: 700; padding: 0 .25rem; }
    @media (max-width: 900px) { .dim { grid-template-columns: 1fr 1fr; } }
  `];

  constructor() {
    super();
    this.domains = [];
    this.currency = 'USD';
    this.dimensions = [{ key: 'accuracy', description: '', scaleMin: 1, scaleMax: 5 }];
    this.error = null;
    this.busy = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    session.get<Domain[]>('/api/domains').then(d => { this.domains = d; }).catch(() => { this.domains = []; });
    session.get<{ currency?: string }>('/api/platform')
      .then(p => { if (p?.currency) this.currency = p.currency; })
      .catch(() => { /* no platform terms: USD, as the contract's default */ });
  }

  private messages(field: string) {
    return (this.error?.problem.violations ?? []).filter(v => v.field === field).map(v => html`<p class="error">${v.message}</p>`);
  }

  private invalid(field: string) {
    return (this.error?.problem.violations ?? []).some(v => v.field === field) ? 'true' : 'false';
  }

  private setDimension(i: number, patch: Partial<DimensionDraft>) {
    this.dimensions = this.dimensions.map((d, j) => (j === i ? { ...d, ...patch } : d));
  }

  private addDimension() {
    if (this.dimensions.length >= 12) return;
    this.dimensions = [...this.dimensions, { key: '', description: '', scaleMin: 1, scaleMax: 5 }];
    this.updateComplete.then(() => {
      (this.renderRoot.querySelector(`#dim-key-${this.dimensions.length - 1}`) as HTMLInputElement | null)?.focus();
    });
  }

  private removeDimension(i: number) {
    this.dimensions = this.dimensions.filter((_, j) => j !== i);
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const money = (field: string) => {
      const minor = toMinor(String(form.get(field) ?? ''), this.currency);
      return { amountMinor: minor ?? -1, currency: this.currency };
    };
    const body = {
      title: String(form.get('title') ?? ''),
      domain: String(form.get('domain') ?? ''),
      instructions: String(form.get('instructions') ?? ''),
      comparison: String(form.get('comparison') ?? 'PAIRWISE'),
      dimensions: this.dimensions.map(d => ({ ...d, scaleMin: Number(d.scaleMin), scaleMax: Number(d.scaleMax) })),
      judgmentsPerItem: Number(form.get('judgmentsPerItem')),
      minTier: Number(form.get('minTier')),
      hourlyRate: money('hourlyRate'),
      expectedMinutesPerItem: Number(form.get('expectedMinutesPerItem')),
      budget: money('budget'),
    };
    this.busy = true;
    this.error = null;
    try {
      const created = await session.post<{ id: string }>('/api/jobs', body);
      navigate(`/lab/jobs/${created.id}`);
    } catch (e) {
      this.error = e instanceof ApiError ? e : new ApiError({ status: 0, detail: 'The server could not be reached.' });
      this.updateComplete.then(() => (this.renderRoot.querySelector('[role=alert]') as HTMLElement | null)?.focus());
    } finally {
      this.busy = false;
    }
  }

  render() {
    const step = minorDigits(this.currency) === 0 ? '1' : (1 / 10 ** minorDigits(this.currency)).toString();
    return html`<h1>Create a job</h1>
      <form @submit=${this.submit} novalidate class="card">
        ${this.error ? html`<div class="problem" role="alert" tabindex="-1">
          <p><strong>The job was not created.</strong> ${this.error.problem.violations?.length ? 'Fix the fields below:' : this.error.message}</p>
          ${this.error.problem.violations?.length ? html`<ul>${this.error.problem.violations.map(v => html`<li>${v.field}: ${v.message}</li>`)}</ul>` : ''}
        </div>` : ''}
        <label for="title">Title</label>
        <input id="title" name="title" maxlength="200" required aria-invalid=${this.invalid('title')}>${this.messages('title')}
        <div class="fields">
          <div><label for="domain">Domain</label>
            <select id="domain" name="domain" aria-invalid=${this.invalid('domain')}>
              ${this.domains.map(d => html`<option value=${d.key}>${d.name}</option>`)}
            </select>${this.messages('domain')}</div>
          <div><label for="comparison">Comparison</label>
            <select id="comparison" name="comparison">
              <option value="PAIRWISE">Pairwise: two responses, a preference strength</option>
              <option value="RANK">Rank: two to six responses, a full ranking</option>
            </select>${this.messages('comparison')}</div>
        </div>
        <label for="instructions">Instructions for experts</label>
        <textarea id="instructions" name="instructions" maxlength="50000" aria-invalid=${this.invalid('instructions')}></textarea>${this.messages('instructions')}

        <fieldset>
          <legend>Rubric dimensions (1 to 12)</legend>
          <p class="hint">A key is lower case letters, digits and _ (it names the dimension in exports); experts score each response on the scale.</p>
          ${this.dimensions.map((d, i) => html`<div class="dim">
            <div><label for="dim-key-${i}">Key</label>
              <input id="dim-key-${i}" .value=${d.key} maxlength="40" aria-invalid=${this.invalid(`dimensions[${i}].key`)}
                @input=${(e: Event) => this.setDimension(i, { key: (e.target as HTMLInputElement).value })}></div>
            <div><label for="dim-desc-${i}">Description</label>
              <input id="dim-desc-${i}" .value=${d.description} maxlength="2000" aria-invalid=${this.invalid(`dimensions[${i}].description`)}
                @input=${(e: Event) => this.setDimension(i, { description: (e.target as HTMLInputElement).value })}></div>
            <div><label for="dim-min-${i}">Scale from</label>
              <input id="dim-min-${i}" type="number" min="-100" max="100" .value=${String(d.scaleMin)}
                @input=${(e: Event) => this.setDimension(i, { scaleMin: Number((e.target as HTMLInputElement).value) })}></div>
            <div><label for="dim-max-${i}">to</label>
              <input id="dim-max-${i}" type="number" min="-100" max="100" .value=${String(d.scaleMax)}
                @input=${(e: Event) => this.setDimension(i, { scaleMax: Number((e.target as HTMLInputElement).value) })}></div>
            <div><button type="button" class="secondary small" ?disabled=${this.dimensions.length === 1}
              @click=${() => this.removeDimension(i)} aria-label="Remove dimension ${i + 1}">Remove</button></div>
          </div>
          ${this.messages(`dimensions[${i}].key`)}${this.messages(`dimensions[${i}].description`)}
          ${this.messages(`dimensions[${i}].scaleMin`)}${this.messages(`dimensions[${i}].scaleMax`)}`)}
          ${this.messages('dimensions')}
          <p><button type="button" class="secondary" @click=${this.addDimension} ?disabled=${this.dimensions.length >= 12}>Add a dimension</button></p>
        </fieldset>

        <fieldset>
          <legend>Work and pay (${this.currency})</legend>
          <div class="fields">
            <div><label for="judgmentsPerItem">Judgments per item</label>
              <input id="judgmentsPerItem" name="judgmentsPerItem" type="number" min="1" max="10" value="3">${this.messages('judgmentsPerItem')}</div>
            <div><label for="minTier">Minimum tier</label>
              <select id="minTier" name="minTier"><option>1</option><option>2</option><option>3</option></select>${this.messages('minTier')}</div>
            <div><label for="expectedMinutesPerItem">Expected minutes per item</label>
              <input id="expectedMinutesPerItem" name="expectedMinutesPerItem" type="number" min="1" max="600" value="10">${this.messages('expectedMinutesPerItem')}</div>
            <div><label for="hourlyRate">Hourly rate (${this.currency})</label>
              <input id="hourlyRate" name="hourlyRate" inputmode="decimal" step=${step} value="45.00" aria-invalid=${this.invalid('hourlyRate')}>${this.messages('hourlyRate')}${this.messages('hourlyRate.amountMinor')}</div>
            <div><label for="budget">Budget (${this.currency})</label>
              <input id="budget" name="budget" inputmode="decimal" step=${step} value="1000.00" aria-invalid=${this.invalid('budget')}>${this.messages('budget')}${this.messages('budget.amountMinor')}</div>
          </div>
        </fieldset>
        <p><button type="submit" ?disabled=${this.busy}>${this.busy ? 'Creating…' : 'Create the job as a draft'}</button>
          <a href="/lab/jobs">Cancel</a></p>
      </form>`;
  }
}
customElements.define('arbiter-lab-job-create', LabJobCreate);

registerRoutes(
  { path: '/lab/jobs', tag: 'arbiter-lab-jobs', title: 'Your jobs', roles: ['LAB'], nav: { label: 'Jobs', order: 10 } },
  { path: '/lab/jobs/new', tag: 'arbiter-lab-job-create', title: 'Create a job', roles: ['LAB'] },
);
