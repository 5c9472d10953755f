import { LitElement, html, css, PropertyValues } from 'lit';
import { base } from '../shell/styles';

interface Segment { text: string; match: number }

const MAX_MATCHES = 5000;

/**
 * One response, readable at tens of thousands of words: it scrolls on its own, has its own find box
 * (matches marked, Enter / Shift+Enter or the buttons step through them), tells the workbench which
 * part is on screen (`view`), and offers the selected text as a critique's quote (`quote`).
 * The text is always rendered as text (a Lit text binding), never as HTML.
 */
export class ResponsePane extends LitElement {
  static properties = {
    label: {}, text: {}, query: { state: true }, current: { state: true }, hasSelection: { state: true },
  };
  declare label: string;
  declare text: string;
  declare query: string;
  declare current: number;
  declare hasSelection: boolean;
  private segments: Segment[] = [];
  private matchCount = 0;

  static styles = [base, css`
    :host { display: flex; flex-direction: column; min-width: 0; min-height: 0; overflow: hidden; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; }
    .head { display: flex; align-items: center; gap: .5rem; padding: .5rem .75rem; border-bottom: 1px solid #d0d7de; flex-wrap: wrap; }
    .label { font-weight: 700; font-size: 1.1rem; background: #0b1f44; color: #fff; border-radius: 6px; padding: 0 .55rem; }
    .find { display: flex; gap: .25rem; align-items: center; flex: 1; min-width: 12rem; }
    .find input { padding: .25rem .4rem; font-size: .9rem; }
    .count { font-size: .8rem; color: #4b5563; white-space: nowrap; min-width: 4.5rem; }
    .body { overflow: auto; flex: 1 1 0; min-height: 0; padding: .75rem 1rem; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.6;
            contain: content; }
    .body:focus-visible { outline-offset: -3px; }
    mark { background: #fde68a; color: inherit; }
    mark.current { background: #f59e0b; outline: 2px solid #92400e; }
    .foot { padding: .35rem .75rem; border-top: 1px solid #d0d7de; font-size: .85rem; display: flex; justify-content: space-between; gap: .5rem; align-items: center; }
  `];

  constructor() {
    super();
    this.label = '';
    this.text = '';
    this.query = '';
    this.current = 0;
    this.hasSelection = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('selectionchange', this.onSelection);
  }

  disconnectedCallback(): void {
    document.removeEventListener('selectionchange', this.onSelection);
    super.disconnectedCallback();
  }

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has('query') || changed.has('text')) this.computeSegments();
  }

  private computeSegments(): void {
    const q = this.query.trim().toLowerCase();
    this.segments = [];
    this.matchCount = 0;
    if (q.length < 2) return;
    const haystack = this.text.toLowerCase();
    let from = 0;
    let at = haystack.indexOf(q, from);
    while (at >= 0 && this.matchCount < MAX_MATCHES) {
      if (at > from) this.segments.push({ text: this.text.slice(from, at), match: -1 });
      this.segments.push({ text: this.text.slice(at, at + q.length), match: this.matchCount++ });
      from = at + q.length;
      at = haystack.indexOf(q, from);
    }
    this.segments.push({ text: this.text.slice(from), match: -1 });
    if (this.current >= this.matchCount) this.current = 0;
  }

  private get body(): HTMLElement { return this.renderRoot.querySelector('.body') as HTMLElement; }

  private step(by: number) {
    if (this.matchCount === 0) return;
    this.current = (this.current + by + this.matchCount) % this.matchCount;
    void this.updateComplete.then(() => this.revealCurrent());
  }

  private revealCurrent() {
    const mark = this.renderRoot.querySelector('mark.current') as HTMLElement | null;
    if (!mark) return;
    const body = this.body;
    body.scrollTop = mark.offsetTop - body.offsetTop - body.clientHeight / 3;
  }

  private onFindKey(event: KeyboardEvent) {
    if (event.key === 'Enter') {
      event.preventDefault();
      this.step(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      this.query = '';
    }
  }

  private onFindInput(event: InputEvent) {
    this.query = (event.target as HTMLInputElement).value;
    this.current = 0;
    void this.updateComplete.then(() => this.revealCurrent());
  }

  private onScroll() {
    const body = this.body;
    const height = Math.max(1, body.scrollHeight);
    this.dispatchEvent(new CustomEvent('view', {
      detail: { label: this.label, from: body.scrollTop / height, to: Math.min(1, (body.scrollTop + body.clientHeight) / height) },
      bubbles: true, composed: true,
    }));
  }

  private selectedText(): string {
    const root = this.renderRoot as ShadowRoot & { getSelection?: () => Selection | null };
    const selection = root.getSelection ? root.getSelection() : document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return '';
    const range = selection.getRangeAt(0);
    if (!this.body.contains(range.commonAncestorContainer)) return '';
    return selection.toString();
  }

  private onSelection = () => { this.hasSelection = this.selectedText().trim().length > 0; };

  private quote() {
    const text = this.selectedText();
    if (!text.trim()) return;
    this.dispatchEvent(new CustomEvent('quote', { detail: { label: this.label, quote: text }, bubbles: true, composed: true }));
  }

  private onCopy() {
    this.dispatchEvent(new CustomEvent('copied', {
      detail: { label: this.label, length: this.selectedText().length }, bubbles: true, composed: true,
    }));
  }

  render() {
    const words = this.text.trim() ? this.text.trim().split(/\s+/).length : 0;
    return html`
      <div class="head">
        <span class="label" aria-hidden="true">${this.label}</span>
        <div class="find" role="search">
          <label class="visually-hidden" for="find">Find in response ${this.label}</label>
          <input id="find" type="search" placeholder="Find in ${this.label}" .value=${this.query}
                 @input=${this.onFindInput} @keydown=${this.onFindKey}>
          <button class="small secondary" @click=${() => this.step(-1)} aria-label="Previous match in ${this.label}" ?disabled=${this.matchCount === 0}>↑</button>
          <button class="small secondary" @click=${() => this.step(1)} aria-label="Next match in ${this.label}" ?disabled=${this.matchCount === 0}>↓</button>
          <span class="count" aria-live="polite">${this.query.trim().length >= 2 ? `${this.matchCount ? this.current + 1 : 0} of ${this.matchCount}` : ''}</span>
        </div>
      </div>
      <div class="body" tabindex="0" role="region" aria-label="Response ${this.label}" @scroll=${this.onScroll} @copy=${this.onCopy}>${this.segments.length
        ? this.segments.map(s => s.match < 0 ? s.text : html`<mark class=${s.match === this.current ? 'current' : ''}>${s.text}</mark>`)
        : this.text}</div>
      <div class="foot">
        <span class="muted">${words.toLocaleString()} words</span>
        <button class="small secondary" @click=${this.quote} ?disabled=${!this.hasSelection}
                aria-label="Quote the text selected in response ${this.label} in a critique">Quote selection</button>
      </div>`;
  }
}
customElements.define('arbiter-response-pane', ResponsePane);
