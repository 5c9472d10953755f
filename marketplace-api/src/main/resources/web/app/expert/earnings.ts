import { LitElement, html, css } from 'lit';
import { base } from '../shell/styles';
import { session, ApiError, Money, formatMoney } from '../shell/api';
import { registerRoutes } from '../shell/router';

interface Balance { currency: string; pending: Money; held: Money; payable: Money; paid: Money; entries: Record<string, unknown>[] }
interface Line {
  sessionId: string; taskId: string; jobTitle: string; day: string; activeSeconds: number; paidSeconds: number;
  hourlyRate: Money; tierMultiplier: number; amount: Money; stage: string; holdReason?: string;
}
interface Statement { lines: Line[]; totals: Record<string, Money> | Money }

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const minutes = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

/** What the expert has earned, at each stage, and every line of the statement (CSV to download). */
export class Earnings extends LitElement {
  static properties = { balance: { state: true }, statement: { state: true }, error: { state: true }, statementNote: { state: true },
    from: { state: true }, to: { state: true } };
  declare balance: Balance | null;
  declare statement: Statement | null;
  declare error: string;
  declare statementNote: string;
  declare from: string;
  declare to: string;

  static styles = [base, css`
    .totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .75rem; margin-bottom: 1rem; }
    .total { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: .75rem 1rem; }
    .total .amount { font-size: 1.4rem; font-weight: 700; }
    .held { color: #b42318; }
    .period { display: flex; gap: .75rem; align-items: end; flex-wrap: wrap; }
    .period label { margin-top: 0; }
    .period input { width: auto; }
  `];

  constructor() {
    super();
    this.balance = null; this.statement = null; this.error = ''; this.statementNote = '';
    const now = new Date();
    this.to = isoDay(now);
    this.from = isoDay(new Date(now.getTime() - 30 * 86400_000));
  }

  connectedCallback(): void {
    super.connectedCallback();
    session.get<Balance>('/api/payouts/me').then(b => { this.balance = b; }).catch(e => { this.error = (e as Error).message; });
    void this.loadStatement();
  }

  private query() { return `from=${encodeURIComponent(this.from)}&to=${encodeURIComponent(this.to)}`; }

  private async loadStatement() {
    this.statementNote = '';
    try {
      this.statement = await session.get<Statement>(`/api/payouts/me/statement?${this.query()}`);
    } catch (e) {
      this.statement = null;
      this.statementNote = e instanceof ApiError && e.status === 404
        ? 'Statements are not available on this server yet.' : (e as Error).message;
    }
  }

  /** The same statement as CSV, saved as a file (fetched with the access token, so no token is put in a URL). */
  private async downloadCsv() {
    try {
      const response = await session.get<Response>(`/api/payouts/me/statement?${this.query()}`, { accept: 'text/csv', raw: true });
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `arbiter-statement-${this.from}-to-${this.to}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      this.statementNote = (e as Error).message;
    }
  }

  render() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    const b = this.balance;
    return html`<h1>Earnings</h1>
      <p class="muted">You are paid for verified active time: active minutes up to the job's cap × the job's hourly rate × your tier's multiplier.
        Pay is pending while a session is verified, payable once the judgment is accepted (or after the waiting period), and paid when a payout batch settles.</p>
      ${b ? html`<div class="totals">
        ${(['pending', 'held', 'payable', 'paid'] as const).map(k => html`<div class="total"><div class="muted">${k[0].toUpperCase() + k.slice(1)}</div>
          <div class="amount ${k === 'held' && b[k]?.amountMinor ? 'held' : ''}">${formatMoney(b[k])}</div></div>`)}</div>`
        : html`<p class="muted" aria-busy="true">Loading…</p>`}
      <section class="card" aria-labelledby="statement-h">
        <h2 id="statement-h">Statement</h2>
        <div class="period">
          <div><label for="from">From</label><input id="from" type="date" .value=${this.from} @change=${(e: Event) => { this.from = (e.target as HTMLInputElement).value; }}></div>
          <div><label for="to">To</label><input id="to" type="date" .value=${this.to} @change=${(e: Event) => { this.to = (e.target as HTMLInputElement).value; }}></div>
          <button class="secondary" @click=${this.loadStatement}>Show</button>
          <button class="secondary" @click=${this.downloadCsv}>Download CSV</button>
        </div>
        ${this.statementNote ? html`<p class="muted" role="status">${this.statementNote}</p>` : ''}
        ${this.statement ? this.renderLines(this.statement.lines) : ''}
      </section>`;
  }

  private renderLines(lines: Line[]) {
    if (!lines.length) return html`<p>No lines in this period.</p>`;
    return html`<table>
      <thead><tr><th scope="col">Day</th><th scope="col">Job</th><th scope="col">Active</th><th scope="col">Paid time</th><th scope="col">Rate</th>
        <th scope="col">Multiplier</th><th scope="col">Amount</th><th scope="col">Stage</th></tr></thead>
      <tbody>${lines.map(l => html`<tr><td>${l.day}</td><td><a href="/sessions/${l.sessionId}">${l.jobTitle}</a></td>
        <td>${minutes(l.activeSeconds)}</td><td>${minutes(l.paidSeconds)}</td><td>${formatMoney(l.hourlyRate)}/h</td><td>×${l.tierMultiplier}</td>
        <td>${formatMoney(l.amount)}</td><td>${l.stage}${l.holdReason ? html`<div class="held">${l.holdReason}</div>` : ''}</td></tr>`)}</tbody>
    </table>`;
  }
}
customElements.define('arbiter-earnings', Earnings);

registerRoutes({ path: '/earnings', tag: 'arbiter-earnings', title: 'Earnings', roles: ['EXPERT'], nav: { label: 'Earnings', order: 50 } });
