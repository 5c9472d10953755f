import { LitElement, html } from 'lit';
import { base } from '../shell/styles';
import { session } from '../shell/api';
import { registerRoutes } from '../shell/router';

interface MyTask {
  taskId: string; jobId: string; jobTitle: string; state: string; claimedAt: string; leaseExpiresAt: string;
  judgmentId?: string; judgmentState?: string;
  feedback?: { decision?: string; strengths?: string; issues?: string } | null;
}
interface Quality { domain?: string; [key: string]: unknown }

const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : '—');

/** The expert's tasks and what became of their judgments, with the reviewers' feedback. */
export class MyWork extends LitElement {
  static properties = { tasks: { state: true }, quality: { state: true }, error: { state: true } };
  declare tasks: MyTask[] | null;
  declare quality: Quality[] | null;
  declare error: string;
  static styles = [base];

  constructor() { super(); this.tasks = null; this.quality = null; this.error = ''; }

  connectedCallback(): void {
    super.connectedCallback();
    session.get<MyTask[]>('/api/tasks/mine').then(t => { this.tasks = t; }).catch(e => { this.error = (e as Error).message; });
    session.get<Quality[]>('/api/tasks/quality').then(q => { this.quality = q; }).catch(() => { this.quality = []; });
  }

  render() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    if (!this.tasks) return html`<p class="muted" aria-busy="true">Loading your work…</p>`;
    return html`
      <h1>My work</h1>
      ${this.renderStanding()}
      <section class="card"><h2>Tasks and judgments</h2>
      ${this.tasks.length === 0 ? html`<p>No tasks yet. <a href="/jobs">Find one on the job board</a>.</p>` : html`
        <table>
          <thead><tr><th scope="col">Job</th><th scope="col">Task</th><th scope="col">Judgment</th><th scope="col">Reviewer's feedback</th><th scope="col">Claimed</th></tr></thead>
          <tbody>${this.tasks.map(t => html`<tr>
            <td>${t.jobTitle}</td>
            <td>${t.state === 'CLAIMED' || t.state === 'REVISING'
              ? html`<a href="/workbench/${t.taskId}">${t.state === 'REVISING' ? 'Revise' : 'Continue'}</a>` : t.state}</td>
            <td>${t.judgmentState ?? '—'}</td>
            <td>${t.feedback ? html`${t.feedback.decision ? html`<strong>${t.feedback.decision}</strong> ` : ''}${t.feedback.issues ?? ''}
              ${t.feedback.strengths ? html`<div class="muted">Strengths: ${t.feedback.strengths}</div>` : ''}` : '—'}</td>
            <td>${when(t.claimedAt)}</td></tr>`)}</tbody>
        </table>`}
      </section>`;
  }

  /** The tier per domain (from the account) and the quality facts task-service keeps, as they come. */
  private renderStanding() {
    const qualifications = session.me?.qualifications ?? [];
    return html`<section class="card"><h2>Your standing</h2>
      ${qualifications.length === 0 ? html`<p>Not qualified yet. <a href="/qualification">Qualify in a domain</a>.</p>` : html`
        <ul>${qualifications.map(q => html`<li><strong>${q.domain}</strong>: tier ${q.tier}</li>`)}</ul>`}
      ${this.quality && this.quality.length ? html`<h3>Quality by domain</h3><table><tbody>${this.quality.map(q => html`<tr>
        ${Object.entries(q).map(([k, v]) => html`<td><span class="muted">${k}</span><br>${typeof v === 'object' ? JSON.stringify(v) : String(v)}</td>`)}
        </tr>`)}</tbody></table>` : ''}
      <p class="muted">Tiers rise with accepted judgments and agreement with your peers; a higher tier multiplies your hourly rate.</p>
    </section>`;
  }
}
customElements.define('arbiter-my-work', MyWork);

registerRoutes({ path: '/my-work', tag: 'arbiter-my-work', title: 'My work', roles: ['EXPERT'], nav: { label: 'My work', order: 30 } });
