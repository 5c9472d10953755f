import { LitElement, html, css } from 'lit';
import { base } from '../shell/styles';
import { session, ApiError, Money, formatMoney } from '../shell/api';
import { navigate, registerRoutes } from '../shell/router';
import { platform, effectiveRate } from './platform';

interface Job {
  id: string;
  title: string;
  domain: string;
  instructions: string;
  comparison: string;
  minTier: number;
  hourlyRate: Money;
  expectedMinutesPerItem: number;
  items: number;
  dimensions: { key: string }[];
}

/** Open jobs the expert may take, with what an hour pays them (their tier's multiplier applied). */
export class JobBoard extends LitElement {
  static properties = { jobs: { state: true }, error: { state: true }, claiming: { state: true }, notice: { state: true } };
  declare jobs: Job[] | null;
  declare error: string;
  declare claiming: string;
  declare notice: string;
  private multipliers: Record<string, number> = {};

  static styles = [base, css`
    ul.jobs { list-style: none; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); }
    .rate { font-size: 1.35rem; font-weight: 700; }
    .instructions { white-space: pre-wrap; max-height: 6.5em; overflow: hidden; }
  `];

  constructor() { super(); this.jobs = null; this.error = ''; this.claiming = ''; this.notice = ''; }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const [jobs, terms] = await Promise.all([session.get<Job[]>('/api/jobs'), platform()]);
      this.multipliers = terms.tierMultipliers;
      this.jobs = jobs;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private tierIn(domain: string): number {
    return session.me?.qualifications.find(q => q.domain === domain)?.tier ?? 0;
  }

  private async claim(job: Job) {
    this.claiming = job.id;
    this.notice = '';
    try {
      const task = await session.post<{ taskId: string } | null>('/api/tasks/claim', { jobId: job.id });
      if (!task) {
        this.notice = `Nothing is left to claim in “${job.title}” right now.`;
        return;
      }
      navigate(`/workbench/${task.taskId}`);
    } catch (e) {
      this.notice = e instanceof ApiError ? e.message : 'The claim did not go through; try again.';
    } finally {
      this.claiming = '';
    }
  }

  render() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    if (!this.jobs) return html`<p class="muted" aria-busy="true">Loading jobs…</p>`;
    return html`
      <h1>Job board</h1>
      <p class="muted">Open jobs in the domains you are qualified for. Pay is hourly for your active time; the rate shown includes your tier's multiplier.</p>
      ${this.notice ? html`<p class="error" role="status">${this.notice}</p>` : ''}
      ${this.jobs.length === 0 ? html`<div class="card"><p>No open job matches your qualifications yet. <a href="/qualification">Qualify in another domain</a>.</p></div>` : ''}
      <ul class="jobs">${this.jobs.map(job => {
        const tier = this.tierIn(job.domain);
        const rate = effectiveRate(job.hourlyRate, this.multipliers[String(tier)] ?? 1);
        return html`<li class="card">
          <h2>${job.title}</h2>
          <p class="row"><span class="badge">${job.domain}</span><span class="muted">${job.comparison === 'PAIRWISE' ? 'Pairwise' : 'Ranking'} · ${job.dimensions.length} dimension${job.dimensions.length === 1 ? '' : 's'}</span></p>
          <p><span class="rate">${formatMoney(rate)}</span> <span class="muted">an hour at your tier ${tier} (base ${formatMoney(job.hourlyRate)})</span></p>
          <p class="muted">About ${job.expectedMinutesPerItem} minutes an item</p>
          <p class="instructions">${job.instructions}</p>
          <button @click=${() => this.claim(job)} ?disabled=${this.claiming !== ''} aria-label="Claim a task in ${job.title}">
            ${this.claiming === job.id ? 'Claiming…' : 'Claim a task'}</button>
        </li>`;
      })}</ul>`;
  }
}
customElements.define('arbiter-job-board', JobBoard);

registerRoutes({ path: '/jobs', tag: 'arbiter-job-board', title: 'Job board', roles: ['EXPERT'], nav: { label: 'Jobs', order: 10 } });
