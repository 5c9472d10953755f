import { LitElement, html, css } from 'lit';

/** The lease's time left, ticking on its own so the workbench around it never re-renders for it. */
export class LeaseClock extends LitElement {
  static properties = { expiresAt: {}, now: { state: true } };
  declare expiresAt: string;
  declare now: number;
  private timer: number | undefined;
  static styles = css`
    :host { font-variant-numeric: tabular-nums; font-weight: 600; }
    .low { color: #b42318; }
  `;

  constructor() { super(); this.expiresAt = ''; this.now = Date.now(); }

  connectedCallback(): void {
    super.connectedCallback();
    this.timer = window.setInterval(() => { this.now = Date.now(); }, 1000);
  }

  disconnectedCallback(): void {
    window.clearInterval(this.timer);
    super.disconnectedCallback();
  }

  render() {
    const left = Math.max(0, Date.parse(this.expiresAt) - this.now);
    const minutes = Math.floor(left / 60000);
    const seconds = Math.floor((left % 60000) / 1000);
    const text = left === 0 ? 'Lease expired' : `${minutes}:${String(seconds).padStart(2, '0')} left on the lease`;
    // announced only once a minute, not every second
    return html`<span class=${left < 5 * 60000 ? 'low' : ''} role="timer" aria-live=${seconds === 0 ? 'polite' : 'off'}>${text}</span>`;
  }
}
customElements.define('arbiter-lease-clock', LeaseClock);
