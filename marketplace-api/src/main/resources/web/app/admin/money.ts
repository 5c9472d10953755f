import { LitElement, html, css } from 'lit';
import { base } from '../shell/styles';
import { session, ApiError, Money, formatMoney } from '../shell/api';
import { registerRoutes } from '../shell/router';
import { kitStyles, problemText, notBuilt, download } from '../console/kit';

interface BatchSummary { id: string; status: 'DRAFT' | 'APPROVED' | 'SETTLED'; periodEnd: string; createdBy: string; createdAt: string; approvedBy?: string; lineCount: number; total: Money }
interface BatchLine { expertId: string; displayName?: string; amount: Money; reference?: string; status?: string; settlementReference?: string; failureReason?: string }
interface Batch extends Omit<BatchSummary, 'lineCount'> { lines: BatchLine[]; currency?: string }

/** A fresh key per deliberate action: a retried click of the same action reuses it (see `keys`). */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Payout batches: create one for a period, approve one another admin created (the page never offers
 * approving your own; the server refuses it with 403 anyway), download its CSV once approved, record
 * the bank's settlement line by line. Until payout-service has batches, an honest "not available yet".
 */
export class AdminPayouts extends LitElement {
  static properties = {
    batches: { state: true }, open: { state: true }, unavailable: { state: true }, error: { state: true }, note: { state: true }, busy: { state: true },
  };
  declare batches: BatchSummary[] | null;
  declare open: Batch | null;
  declare unavailable: boolean;
  declare error: string;
  declare note: string;
  declare busy: boolean;
  /** One Idempotency-Key per pending action, so a double click or a retry after a timeout moves money once. */
  private keys = new Map<string, string>();
  static styles = [base, kitStyles, css`.settle td { vertical-align: middle; } .settle input, .settle select { min-width: 8rem; }`];

  constructor() { super(); this.batches = null; this.open = null; this.unavailable = false; this.error = ''; this.note = ''; this.busy = false; }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.batches = await session.get<BatchSummary[]>('/api/admin/payouts/batches?limit=50');
    } catch (e) {
      if (notBuilt(e) || (e instanceof ApiError && e.status === 405)) this.unavailable = true;
      else this.error = problemText(e);
    }
  }

  private key(action: string): string {
    if (!this.keys.has(action)) this.keys.set(action, newKey());
    return this.keys.get(action)!;
  }

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const periodEnd = String(new FormData(event.target as HTMLFormElement).get('periodEnd') ?? '');
    await this.run(`create:${periodEnd}`, async key => {
      const batch = await session.post<Batch>('/api/admin/payouts/batches', { periodEnd }, { headers: { 'Idempotency-Key': key } });
      this.open = batch;
      this.note = `Batch created with ${batch.lines.length} payee${batch.lines.length === 1 ? '' : 's'}, ${formatMoney(batch.total)}. Another admin approves it.`;
    });
  }

  private async show(id: string) {
    this.note = '';
    this.error = '';
    try { this.open = await session.get<Batch>(`/api/admin/payouts/batches/${encodeURIComponent(id)}`); } catch (e) { this.error = problemText(e); }
  }

  private async approve(batch: Batch) {
    await this.run(`approve:${batch.id}`, async () => {
      this.open = await session.post<Batch>(`/api/admin/payouts/batches/${encodeURIComponent(batch.id)}/approve`);
      this.note = 'Approved: the CSV can be downloaded and sent to the bank.';
    });
  }

  private async csv(batch: Batch) {
    try {
      const bytes = await download(`/api/admin/payouts/batches/${encodeURIComponent(batch.id)}/export.csv`, `arbiter-payout-${batch.id}.csv`, 'text/csv');
      this.note = `Downloaded the CSV (${bytes.toLocaleString()} bytes).`;
    } catch (e) { this.error = problemText(e); }
  }

  private async settle(event: SubmitEvent, batch: Batch) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const lines = batch.lines.filter(l => !l.status || l.status === 'IN_BATCH').map((l, i) => {
      const status = String(form.get(`status-${i}`) ?? '');
      const line: Record<string, string> = { expertId: l.expertId, status, reference: String(form.get(`ref-${i}`) ?? '') };
      const reason = String(form.get(`reason-${i}`) ?? '').trim();
      if (status === 'FAILED' && reason) line.reason = reason;
      return line;
    }).filter(l => l.status);
    await this.run(`settle:${batch.id}:${JSON.stringify(lines)}`, async key => {
      this.open = await session.post<Batch>(`/api/admin/payouts/batches/${encodeURIComponent(batch.id)}/settlement`, { lines }, { headers: { 'Idempotency-Key': key } });
      this.note = `Settlement recorded for ${lines.length} line${lines.length === 1 ? '' : 's'}; failed lines are payable again.`;
    });
  }

  private async run(action: string, work: (key: string) => Promise<void>) {
    this.busy = true; this.error = ''; this.note = '';
    try {
      await work(this.key(action));
      this.keys.delete(action);
      await this.load();
    } catch (e) {
      if (!(e instanceof ApiError) || e.status >= 500 || e.status === 0) {
        // the outcome is unknown: keep the key so that trying again cannot pay twice
      } else {
        this.keys.delete(action);
      }
      this.error = e instanceof ApiError && e.status === 403 ? `Refused (403): ${e.message}` : problemText(e);
    } finally {
      this.busy = false;
    }
  }

  private renderOpen(b: Batch) {
    const mine = b.createdBy === session.me?.id;
    const unsettled = b.lines.filter(l => !l.status || l.status === 'IN_BATCH');
    return html`<section class="card" aria-labelledby="h-batch" id="open-batch">
      <h2 id="h-batch">Batch ${b.id.slice(0, 8)} <span class="badge" id="batch-status">${b.status}</span></h2>
      <dl class="facts"><dt>Period end</dt><dd>${b.periodEnd}</dd><dt>Total</dt><dd>${formatMoney(b.total)}</dd>
        <dt>Created by</dt><dd><code>${b.createdBy}</code>${mine ? ' (you)' : ''}</dd>
        ${b.approvedBy ? html`<dt>Approved by</dt><dd><code>${b.approvedBy}</code></dd>` : ''}</dl>
      ${b.status === 'DRAFT' && mine ? html`<p class="notice">You created this batch; a second admin approves it (four eyes).</p>` : ''}
      ${b.status === 'DRAFT' && !mine ? html`<p><button @click=${() => this.approve(b)} ?disabled=${this.busy}>Approve this batch</button></p>` : ''}
      ${b.status !== 'DRAFT' ? html`<p><button class="secondary" @click=${() => this.csv(b)}>Download the CSV for the bank</button></p>` : ''}
      <div class="tablewrap"><table><thead><tr><th scope="col">Payee</th><th scope="col">Amount</th><th scope="col">Reference</th><th scope="col">Status</th></tr></thead>
        <tbody>${b.lines.map(l => html`<tr><td>${l.displayName ?? ''} <code>${l.expertId.slice(0, 8)}</code></td><td>${formatMoney(l.amount)}</td>
          <td>${l.reference ?? ''}</td><td>${l.status ?? ''}${l.failureReason ? `: ${l.failureReason}` : ''}</td></tr>`)}</tbody></table></div>
      ${b.status === 'APPROVED' && unsettled.length ? html`<h3>Record the settlement</h3>
        <form @submit=${(e: SubmitEvent) => this.settle(e, b)}><div class="tablewrap"><table class="settle">
          <thead><tr><th scope="col">Payee</th><th scope="col">Outcome</th><th scope="col">Bank reference</th><th scope="col">Reason if failed</th></tr></thead>
          <tbody>${unsettled.map((l, i) => html`<tr><td>${l.displayName ?? l.expertId.slice(0, 8)} · ${formatMoney(l.amount)}</td>
            <td><label class="visually-hidden" for="status-${i}">Outcome for ${l.expertId}</label><select id="status-${i}" name="status-${i}">
              <option value="">not yet</option><option value="PAID">Paid</option><option value="FAILED">Failed</option></select></td>
            <td><label class="visually-hidden" for="ref-${i}">Bank reference for ${l.expertId}</label><input id="ref-${i}" name="ref-${i}" maxlength="200"></td>
            <td><label class="visually-hidden" for="reason-${i}">Failure reason for ${l.expertId}</label><input id="reason-${i}" name="reason-${i}" maxlength="500"></td></tr>`)}</tbody>
        </table></div><p><button type="submit" ?disabled=${this.busy}>Record the settlement</button></p></form>` : ''}
    </section>`;
  }

  render() {
    const today = new Date().toISOString().slice(0, 10);
    return html`<h1>Payout batches</h1>
      ${this.unavailable ? html`<p class="unavailable" role="status" id="batches-unavailable">Payout batches are not available on this server yet (payout-service answers 404).</p>` : html`
      <form class="card row" @submit=${this.create}>
        <div><label for="periodEnd">Pay what was payable up to</label><input id="periodEnd" name="periodEnd" type="date" max=${today} .value=${today}></div>
        <div><button type="submit" ?disabled=${this.busy}>Create a batch</button></div>
      </form>`}
      ${this.note ? html`<p class="notice" role="status" id="payout-note">${this.note}</p>` : ''}
      ${this.error ? html`<p class="problem" role="alert" id="payout-error">${this.error}</p>` : ''}
      ${this.open ? this.renderOpen(this.open) : ''}
      ${this.batches ? html`<div class="card tablewrap"><table id="batches"><caption class="visually-hidden">Payout batches</caption>
        <thead><tr><th scope="col">Batch</th><th scope="col">Status</th><th scope="col">Period end</th><th scope="col">Payees</th><th scope="col">Total</th><th scope="col">Created by</th></tr></thead>
        <tbody>${this.batches.map(b => html`<tr><td><button class="secondary small" @click=${() => this.show(b.id)}>Open ${b.id.slice(0, 8)}</button></td>
          <td>${b.status}</td><td>${b.periodEnd}</td><td>${b.lineCount}</td><td>${formatMoney(b.total)}</td>
          <td>${b.createdBy === session.me?.id ? 'you' : html`<code>${b.createdBy.slice(0, 8)}</code>`}</td></tr>`)}</tbody></table></div>` : ''}`;
  }
}
customElements.define('arbiter-admin-payouts', AdminPayouts);

interface Verify { balanced: boolean; transactions: number; entries: number; discrepancies: unknown[] }

/** The ledger check: does every transaction balance, and every stored balance equal its entries? */
export class AdminLedger extends LitElement {
  static properties = { result: { state: true }, error: { state: true }, busy: { state: true } };
  declare result: Verify | null;
  declare error: string;
  declare busy: boolean;
  static styles = [base, kitStyles];
  constructor() { super(); this.result = null; this.error = ''; this.busy = false; }

  private async verify() {
    this.busy = true; this.error = '';
    try { this.result = await session.get<Verify>('/api/admin/ledger/verify'); } catch (e) { this.error = problemText(e); } finally { this.busy = false; }
  }

  render() {
    const r = this.result;
    return html`<h1>Ledger check</h1>
      <p class="muted">Re-adds every entry: each transaction balances, the trial balance is zero per currency, each stored balance equals its entries, and no balance that must not go negative has.</p>
      <p><button @click=${this.verify} ?disabled=${this.busy}>${this.busy ? 'Checking…' : 'Check the ledger now'}</button></p>
      ${this.error ? html`<p class="problem" role="alert">${this.error}</p>` : ''}
      ${r ? html`<div class="card" role="status" id="ledger-result">
        <p class=${r.balanced ? 'ok' : 'error'}><strong>${r.balanced ? '✓ Balanced' : '✗ Not balanced'}</strong>: ${r.transactions.toLocaleString()} transactions, ${r.entries.toLocaleString()} entries checked.</p>
        ${r.discrepancies.length ? html`<ul>${r.discrepancies.map(d => html`<li><code>${JSON.stringify(d)}</code></li>`)}</ul>` : html`<p>No discrepancy.</p>`}
      </div>` : ''}`;
  }
}
customElements.define('arbiter-admin-ledger', AdminLedger);

interface Domain { key: string; name: string }

/** A manual qualification grant (e.g. a vetted expert moving in), with its written reason; audited. */
export class AdminGrants extends LitElement {
  static properties = { domains: { state: true }, error: { state: true }, note: { state: true } };
  declare domains: Domain[];
  declare error: ApiError | null;
  declare note: string;
  static styles = [base, kitStyles, css`form { max-width: 40rem; }`];
  constructor() { super(); this.domains = []; this.error = null; this.note = ''; }

  connectedCallback(): void {
    super.connectedCallback();
    session.get<Domain[]>('/api/domains').then(d => { this.domains = d; }).catch(() => { this.domains = []; });
  }

  private async grant(event: SubmitEvent) {
    event.preventDefault();
    const formEl = event.target as HTMLFormElement;
    const form = new FormData(formEl);
    const body = { expertId: String(form.get('expertId') ?? '').trim(), domain: String(form.get('domain') ?? ''),
      tier: Number(form.get('tier')), reason: String(form.get('reason') ?? '') };
    this.error = null; this.note = '';
    try {
      await session.post('/api/admin/qualifications', body);
      this.note = `Granted ${body.domain} at tier ${body.tier} to ${body.expertId}.`;
      formEl.reset();
    } catch (e) {
      this.error = e instanceof ApiError ? e : new ApiError({ status: 0, detail: 'The server could not be reached.' });
    }
  }

  private messages(field: string) {
    return (this.error?.problem.violations ?? []).filter(v => v.field === field).map(v => html`<p class="error">${v.message}</p>`);
  }

  render() {
    return html`<h1>Grant a qualification</h1>
      <form class="card" @submit=${this.grant} novalidate>
        <label for="expertId">Expert id <span class="hint">(from the expert's account page or a session)</span></label>
        <input id="expertId" name="expertId" required maxlength="64">${this.messages('expertId')}
        <label for="domain">Domain</label><select id="domain" name="domain">${this.domains.map(d => html`<option value=${d.key}>${d.name}</option>`)}</select>${this.messages('domain')}
        <label for="tier">Tier</label><select id="tier" name="tier"><option>1</option><option>2</option><option>3</option></select>${this.messages('tier')}
        <label for="grant-reason">Reason <span class="hint">(kept in the audit trail)</span></label>
        <textarea id="grant-reason" name="reason" required maxlength="2000"></textarea>${this.messages('reason')}
        ${this.error && !this.error.problem.violations?.length ? html`<p class="problem" role="alert">${this.error.status === 404 ? 'No such expert (a new account takes a moment to reach the qualification service).' : this.error.message}</p>` : ''}
        ${this.note ? html`<p class="notice" role="status">${this.note}</p>` : ''}
        <p><button type="submit">Grant</button></p>
      </form>`;
  }
}
customElements.define('arbiter-admin-grants', AdminGrants);

registerRoutes(
  { path: '/admin/payouts', tag: 'arbiter-admin-payouts', title: 'Payout batches', roles: ['ADMIN'], nav: { label: 'Payouts', order: 30 } },
  { path: '/admin/grants', tag: 'arbiter-admin-grants', title: 'Grant a qualification', roles: ['ADMIN'], nav: { label: 'Grants', order: 40 } },
  { path: '/admin/ledger', tag: 'arbiter-admin-ledger', title: 'Ledger check', roles: ['ADMIN'], nav: { label: 'Ledger', order: 50 } },
);
