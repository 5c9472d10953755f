import { LitElement, html, css, nothing } from 'lit';
import { base } from '../shell/styles';
import { session, ApiError } from '../shell/api';
import { navigate, registerRoutes } from '../shell/router';

interface Domain { key: string; name: string }
interface Panel { models: { name: string }[]; minFailures: number; requiredValid: number; maxAttempts: number }
interface Standing { domain: string; validQuestions: number; requiredValid: number; attemptsUsed: number; maxAttempts: number;
  attemptsLeft?: number; qualified: boolean; tier?: number }
interface Summary { id: string; domain: string; status: string; failures: number; minFailures: number; prompt: string; createdAt: string }
interface Attempt { model: string; answer: string; verdict: string; round?: number; current?: boolean; reasoning?: string; error?: string }
interface Question extends Summary { attempts: Attempt[]; answerType: string; referenceAnswer: string; rationale: string;
  reviews?: { referenceCorrect: boolean; unambiguous: boolean; expertLevel: boolean; comment?: string }[]; duplicateOf?: string }
interface ToReview { questionId: string; domain: string; prompt: string; answerType: string; options?: string[] }
interface Receipt { referenceAnswer: string; rubric?: string; rationale: string; blindAgrees?: boolean; blindAnswerAgrees?: boolean;
  panelAnswers?: Attempt[] }

const ANSWER_TYPES = [
  { value: 'EXACT', text: 'Exact answer (a word, name or short phrase)' },
  { value: 'NUMERIC', text: 'Number (with a tolerance)' },
  { value: 'MULTIPLE_CHOICE', text: 'Multiple choice' },
  { value: 'FREE_FORM', text: 'Free form (graded against a rubric)' },
];

/** Why a question counts or does not: said in words, beside its status. */
export const STATUS_TEXT: Record<string, string> = {
  EVALUATING: 'The panel is answering it now.',
  INCONCLUSIVE: 'The panel could not be graded reliably; it does not count as an attempt against you.',
  NOT_STUMPING: 'Too many models answered it correctly, so it does not show expertise the models lack.',
  AWAITING_REVIEW: 'It stumped the panel; qualified peers are now checking your answer key.',
  VALID: 'It counts towards your qualification.',
  REJECTED: 'Peers found the answer key wrong or ambiguous.',
  DUPLICATE: 'It is too close to a question already submitted.',
};

const human = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');

function problems(error: ApiError | null, field: string) {
  const messages = (error?.problem.violations ?? []).filter(v => v.field === field || v.field.startsWith(field + '[')).map(v => v.message);
  return messages.length ? html`<p class="error" id="err-${field}">${messages.join('; ')}</p>` : nothing;
}

/** Qualification: where the expert stands per domain, writing a question, their questions, the peer review queue. */
export class QualificationPage extends LitElement {
  static properties = { domains: { state: true }, panel: { state: true }, standing: { state: true }, questions: { state: true },
    domain: { state: true }, answerType: { state: true }, error: { state: true }, busy: { state: true }, loadError: { state: true } };
  declare domains: Domain[];
  declare panel: Panel | null;
  declare standing: Standing | null;
  declare questions: Summary[];
  declare domain: string;
  declare answerType: string;
  declare error: ApiError | null;
  declare busy: boolean;
  declare loadError: string;

  static styles = [base, css`
    .layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }
    @media (max-width: 1000px) { .layout { grid-template-columns: 1fr; } }
    fieldset { border: 0; padding: 0; margin: .5rem 0; }
    legend { font-weight: 600; }
    label.choice { font-weight: 400; display: flex; gap: .4rem; margin: .2rem 0; }
    table.questions { table-layout: fixed; }
    table.questions td:last-child { width: 9.5rem; }
    .prompt { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: anywhere; }
  `];

  constructor() {
    super();
    this.domains = []; this.panel = null; this.standing = null; this.questions = []; this.domain = '';
    this.answerType = 'EXACT'; this.error = null; this.busy = false; this.loadError = '';
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const [domains, panel, questions] = await Promise.all([
        session.get<Domain[]>('/api/domains'), session.get<Panel>('/api/qualification/panel'),
        session.get<Summary[]>('/api/qualification/questions')]);
      this.domains = domains;
      this.panel = panel;
      this.questions = questions ?? [];
      this.domain = this.domain || domains[0]?.key || '';
      await this.loadStanding();
    } catch (e) {
      this.loadError = (e as Error).message;
    }
  }

  private async loadStanding() {
    const domain = this.domain;
    if (!domain) return;
    const standing = await session.get<Standing>(`/api/qualification/status?domain=${encodeURIComponent(domain)}`).catch(() => null);
    // the first load (default domain) can answer after the one for the domain just chosen: keep only the current one
    if (domain === this.domain) this.standing = standing;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const body: Record<string, unknown> = {
      domain: this.domain,
      prompt: String(form.get('prompt') ?? ''),
      answerType: this.answerType,
      referenceAnswer: String(form.get('referenceAnswer') ?? ''),
      rationale: String(form.get('rationale') ?? ''),
    };
    if (this.answerType === 'MULTIPLE_CHOICE') {
      body.options = String(form.get('options') ?? '').split('\n').map(s => s.trim()).filter(Boolean);
    }
    if (this.answerType === 'NUMERIC' && String(form.get('tolerance') ?? '').trim()) body.tolerance = Number(form.get('tolerance'));
    if (this.answerType === 'FREE_FORM' && String(form.get('rubric') ?? '').trim()) body.rubric = String(form.get('rubric'));
    this.busy = true;
    this.error = null;
    try {
      const created = await session.post<{ id: string }>('/api/qualification/questions', body);
      navigate(`/qualification/questions/${created.id}`);
    } catch (e) {
      this.error = e instanceof ApiError ? e : new ApiError({ status: 0, detail: 'The server could not be reached.' });
    } finally {
      this.busy = false;
    }
  }

  private invalid(field: string) { return (this.error?.problem.violations ?? []).some(v => v.field === field) ? 'true' : 'false'; }

  render() {
    if (this.loadError) return html`<p class="error" role="alert">${this.loadError}</p>`;
    const s = this.standing;
    const p = this.panel;
    return html`<h1>Qualification</h1>
      <p class="muted">Qualify in a domain by writing questions that stump a panel of models (${p ? p.models.map(m => m.name).join(', ') : '…'}):
        at least ${p?.minFailures ?? '…'} models must answer wrongly, and qualified peers must confirm your answer key.
        ${p?.requiredValid ?? '…'} valid questions qualify you.</p>
      <div class="layout">
        <section class="card" aria-labelledby="write-h">
          <h2 id="write-h">Write a question</h2>
          <form @submit=${this.submit} novalidate>
            <label for="domain">Domain</label>
            <select id="domain" .value=${this.domain} @change=${(e: Event) => { this.domain = (e.target as HTMLSelectElement).value; void this.loadStanding(); }}>
              ${this.domains.map(d => html`<option value=${d.key} ?selected=${d.key === this.domain}>${d.name}</option>`)}
            </select>
            ${s ? html`<p role="status">${s.qualified ? html`<strong class="ok">Qualified, tier ${s.tier}.</strong> ` : ''}
              ${s.validQuestions} of ${s.requiredValid} valid questions · <strong>${s.attemptsLeft ?? Math.max(0, s.maxAttempts - s.attemptsUsed)} of ${s.maxAttempts} attempts left</strong></p>` : ''}
            <label for="prompt">Question</label>
            <textarea id="prompt" name="prompt" required aria-invalid=${this.invalid('prompt')}></textarea>${problems(this.error, 'prompt')}
            <fieldset><legend>Answer type</legend>
              ${ANSWER_TYPES.map(t => html`<label class="choice"><input type="radio" name="answerType" value=${t.value}
                .checked=${this.answerType === t.value} @change=${() => { this.answerType = t.value; }}> ${t.text}</label>`)}
            </fieldset>${problems(this.error, 'answerType')}
            ${this.answerType === 'MULTIPLE_CHOICE' ? html`<label for="options">Options <span class="hint">(one per line)</span></label>
              <textarea id="options" name="options" aria-invalid=${this.invalid('options')}></textarea>${problems(this.error, 'options')}` : ''}
            <label for="referenceAnswer">Reference answer ${this.answerType === 'MULTIPLE_CHOICE' ? html`<span class="hint">(the correct option, as written)</span>` : ''}</label>
            <input id="referenceAnswer" name="referenceAnswer" aria-invalid=${this.invalid('referenceAnswer')}>${problems(this.error, 'referenceAnswer')}
            ${this.answerType === 'NUMERIC' ? html`<label for="tolerance">Tolerance <span class="hint">(how far off still counts as right)</span></label>
              <input id="tolerance" name="tolerance" inputmode="decimal" aria-invalid=${this.invalid('tolerance')}>${problems(this.error, 'tolerance')}` : ''}
            ${this.answerType === 'FREE_FORM' ? html`<label for="rubric">Rubric <span class="hint">(what a right answer must contain)</span></label>
              <textarea id="rubric" name="rubric" aria-invalid=${this.invalid('rubric')}></textarea>${problems(this.error, 'rubric')}` : ''}
            <label for="rationale">Why this is the answer <span class="hint">(for the peers who review your key)</span></label>
            <textarea id="rationale" name="rationale" aria-invalid=${this.invalid('rationale')}></textarea>${problems(this.error, 'rationale')}
            ${this.error && !this.error.problem.violations?.length ? html`<p class="error" role="alert">${this.error.message}</p>` : ''}
            <p><button type="submit" ?disabled=${this.busy}>Submit to the panel</button></p>
          </form>
        </section>
        <div>
          <section class="card" aria-labelledby="mine-h"><h2 id="mine-h">Your questions</h2>
            ${this.questions.length === 0 ? html`<p class="muted">None yet.</p>` : html`<table class="questions"><tbody>${this.questions.map(q => html`<tr>
              <td><a href="/qualification/questions/${q.id}" class="prompt">${q.prompt}</a><div class="muted">${q.domain}</div></td>
              <td><span class="badge">${human(q.status)}</span><div class="hint">${q.failures}/${q.minFailures} stumped</div></td></tr>`)}</tbody></table>`}
          </section>
          <section class="card"><h2>Review peers' answer keys</h2>
            <p class="muted">Once qualified, you help check others' keys: you answer first, blind, then see the key.</p>
            <a class="button secondary" href="/qualification/review?domain=${encodeURIComponent(this.domain)}">Review a question</a>
          </section>
        </div>
      </div>`;
  }
}
customElements.define('arbiter-qualification', QualificationPage);

/** One question: the panel's verdict arriving model by model (polled while it is being evaluated). */
export class QuestionPage extends LitElement {
  static properties = { params: { attribute: false }, question: { state: true }, error: { state: true } };
  declare params: { questionId: string };
  declare question: Question | null;
  declare error: string;
  private timer: number | undefined;
  static styles = [base, css`
    .verdict-CORRECT { color: #b42318; font-weight: 600; }
    .verdict-INCORRECT { color: #116329; font-weight: 600; }
    .answer { white-space: pre-wrap; }
  `];

  constructor() { super(); this.question = null; this.error = ''; }

  connectedCallback(): void {
    super.connectedCallback();
    void this.poll();
  }

  disconnectedCallback(): void {
    window.clearTimeout(this.timer);
    super.disconnectedCallback();
  }

  private async poll() {
    try {
      this.question = await session.get<Question>(`/api/qualification/questions/${this.params.questionId}`);
      if (this.question.status === 'EVALUATING' && this.isConnected) this.timer = window.setTimeout(() => void this.poll(), 1500);
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  render() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    const q = this.question;
    if (!q) return html`<p class="muted" aria-busy="true">Loading…</p>`;
    const current = q.attempts.filter(a => a.current !== false);
    return html`<p><a href="/qualification">← Qualification</a></p>
      <h1>Your question</h1>
      <div class="card"><p class="answer">${q.prompt}</p>
        <p class="muted">${q.domain} · ${human(q.answerType ?? '')} · your answer: <strong>${q.referenceAnswer}</strong></p></div>
      <section class="card" aria-live="polite"><h2>Panel verdict</h2>
        <p><span class="badge">${human(q.status)}</span> ${STATUS_TEXT[q.status] ?? ''}</p>
        <p>${q.failures} of ${current.length} models stumped (at least ${q.minFailures} needed).</p>
        <table><thead><tr><th scope="col">Model</th><th scope="col">Its answer</th><th scope="col">Verdict</th></tr></thead>
          <tbody>${current.map(a => html`<tr><td>${a.model}</td><td class="answer">${a.answer ?? a.error ?? '—'}</td>
            <td class="verdict-${a.verdict}">${a.verdict === 'INCORRECT' ? 'Stumped (wrong)' : a.verdict === 'CORRECT' ? 'Answered correctly' : human(a.verdict)}</td></tr>`)}
          ${q.status === 'EVALUATING' ? html`<tr><td colspan="3" class="muted">Waiting for the other models…</td></tr>` : ''}</tbody></table>
      </section>
      ${q.reviews?.length ? html`<section class="card"><h2>Peer reviews of your key</h2><ul>${q.reviews.map(r => html`<li>
        Key ${r.referenceCorrect ? 'correct' : 'wrong'}, ${r.unambiguous ? 'unambiguous' : 'ambiguous'}, ${r.expertLevel ? 'expert level' : 'not expert level'}.
        ${r.comment ?? ''}</li>`)}</ul></section>` : ''}`;
  }
}
customElements.define('arbiter-question', QuestionPage);

/** Reviewing a peer's key blind: answer first, then the key and the panel's answers are shown, then the verdict on the key. */
export class ReviewPage extends LitElement {
  static properties = { item: { state: true }, receipt: { state: true }, note: { state: true }, error: { state: true },
    blind: { state: true }, combined: { state: true }, done: { state: true }, domains: { state: true }, domain: { state: true } };
  declare domains: Domain[];
  declare domain: string;
  declare item: ToReview | null;
  declare receipt: Receipt | null;
  declare note: string;
  declare error: ApiError | null;
  declare blind: string;
  declare combined: boolean;
  declare done: boolean;
  static styles = [base, css`.answer { white-space: pre-wrap; } label.choice { font-weight: 400; display: flex; gap: .4rem; }`];

  constructor() {
    super();
    this.item = null; this.receipt = null; this.note = ''; this.error = null; this.blind = ''; this.combined = false; this.done = false;
    this.domains = []; this.domain = new URLSearchParams(location.search).get('domain') ?? '';
  }

  connectedCallback(): void {
    super.connectedCallback();
    void session.get<Domain[]>('/api/domains').then(domains => { this.domains = domains; }).catch(() => { /* the chooser stays empty */ });
    if (this.domain) void this.next();
  }

  /** An admin (or an expert qualified in several domains) picks the domain whose keys wait for review. */
  private choose(event: Event) {
    this.domain = (event.target as HTMLSelectElement).value;
    history.replaceState(null, '', `${location.pathname}?domain=${encodeURIComponent(this.domain)}`);
    this.item = null; this.note = '';
    if (this.domain) void this.next();
  }

  private async next() {
    const domain = this.domain;
    // the last question goes at once: a page showing it while the next loads would take an answer meant for it
    this.item = null; this.receipt = null; this.done = false; this.blind = ''; this.error = null; this.note = ''; this.combined = false;
    try {
      this.item = await session.get<ToReview | null>(`/api/qualification/reviews/next?domain=${encodeURIComponent(domain)}`);
      if (!this.item) this.note = 'Nothing to review in this domain right now.';
    } catch (e) {
      this.note = e instanceof ApiError && e.status === 403 ? 'Reviewing opens once you are qualified in this domain.' : (e as Error).message;
    }
  }

  private async sendBlind() {
    if (!this.item) return;
    this.error = null;
    try {
      this.receipt = await session.post<Receipt>(`/api/qualification/reviews/${this.item.questionId}/blind`, { blindAnswer: this.blind });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
        // this server takes the blind answer with the verdict in one request; the key is shown after it
        this.combined = true;
        return;
      }
      this.error = e as ApiError;
    }
  }

  private async sendReview(event: SubmitEvent) {
    event.preventDefault();
    if (!this.item) return;
    const form = new FormData(event.target as HTMLFormElement);
    const body: Record<string, unknown> = {
      referenceCorrect: form.get('referenceCorrect') === 'on', unambiguous: form.get('unambiguous') === 'on',
      expertLevel: form.get('expertLevel') === 'on', comment: String(form.get('comment') ?? ''),
    };
    if (this.combined) body.blindAnswer = this.blind;
    try {
      const answer = await session.post<Receipt>(`/api/qualification/reviews/${this.item.questionId}`, body);
      if (this.combined) this.receipt = answer;
      this.done = true;
    } catch (e) {
      this.error = e as ApiError;
    }
  }

  render() {
    const back = session.hasRole('EXPERT') ? html`<p><a href="/qualification">← Qualification</a></p>` : '';
    const chooser = html`<p><label for="review-domain">Domain to review</label>
      <select id="review-domain" @change=${this.choose}>
        <option value="" ?selected=${!this.domain}>Choose a domain</option>
        ${this.domains.map(d => html`<option value=${d.key} ?selected=${d.key === this.domain}>${d.name}</option>`)}
      </select></p>`;
    if (!this.domain) return html`${back}<h1>Review an answer key</h1>${chooser}`;
    if (this.note) return html`${back}<h1>Review an answer key</h1>${chooser}<p role="status">${this.note}</p>`;
    const item = this.item;
    if (!item) return html`<p class="muted" aria-busy="true">Loading…</p>`;
    const agrees = this.receipt?.blindAgrees ?? this.receipt?.blindAnswerAgrees;
    return html`${back}<h1>Review an answer key</h1>${chooser}
      <div class="card"><p class="answer">${item.prompt}</p>
        ${item.options?.length ? html`<ol>${item.options.map(o => html`<li>${o}</li>`)}</ol>` : ''}
        <p class="muted">${item.domain} · ${human(item.answerType)}</p></div>
      <section class="card"><h2><label for="blind">Your answer (before you see the key)</label></h2>
        <textarea id="blind" .value=${this.blind} ?readonly=${!!this.receipt || this.combined}
          @input=${(e: InputEvent) => { this.blind = (e.target as HTMLTextAreaElement).value; }}></textarea>
        ${problems(this.error, 'blindAnswer')}
        ${!this.receipt && !this.combined ? html`<p><button @click=${this.sendBlind} ?disabled=${!this.blind.trim()}>Show me the key</button></p>` : ''}
      </section>
      ${this.receipt ? html`<section class="card"><h2>The author's key</h2>
        <p><strong>${this.receipt.referenceAnswer}</strong> ${agrees === true ? html`<span class="ok">— your answer agrees</span>` : agrees === false ? html`<span class="error">— your answer differs</span>` : ''}</p>
        <p class="answer">${this.receipt.rationale}</p>
        ${this.receipt.panelAnswers?.length ? html`<table><tbody>${this.receipt.panelAnswers.map(a => html`<tr><td>${a.model}</td><td class="answer">${a.answer}</td><td>${human(a.verdict)}</td></tr>`)}</tbody></table>` : ''}
      </section>` : ''}
      ${(this.receipt || this.combined) && !this.done ? html`<form class="card" @submit=${this.sendReview}>
        <h2>Your verdict on the key</h2>
        ${this.combined ? html`<p class="muted">This server shows the key after your verdict.</p>` : ''}
        <label class="choice"><input type="checkbox" name="referenceCorrect"> The reference answer is correct</label>
        <label class="choice"><input type="checkbox" name="unambiguous"> The question has one unambiguous answer</label>
        <label class="choice"><input type="checkbox" name="expertLevel"> It takes real expertise to answer</label>
        <label for="comment">Comment</label><textarea id="comment" name="comment"></textarea>
        ${this.error && !this.error.problem.violations?.length ? html`<p class="error" role="alert">${this.error.message}</p>` : ''}
        <p><button type="submit">Send the review</button></p></form>` : ''}
      ${this.done ? html`<p class="ok" role="status">Thank you; your review is recorded.</p><button class="secondary" @click=${this.next}>Review another</button>` : ''}`;
  }
}
customElements.define('arbiter-key-review', ReviewPage);

registerRoutes(
  { path: '/qualification', tag: 'arbiter-qualification', title: 'Qualification', roles: ['EXPERT'], nav: { label: 'Qualification', order: 20 } },
  { path: '/qualification/questions/:questionId', tag: 'arbiter-question', title: 'Your question', roles: ['EXPERT', 'ADMIN'] },
  { path: '/qualification/review', tag: 'arbiter-key-review', title: 'Review an answer key', roles: ['EXPERT', 'ADMIN'] },
  { path: '/admin/answer-keys', tag: 'arbiter-key-review', title: 'Review an answer key', roles: ['ADMIN'], nav: { label: 'Answer keys', order: 35 } },
);
