import { LitElement, html, css } from 'lit';
import { base } from './styles';
import { session, ApiError, Violation } from './api';
import { navigate, registerRoutes } from './router';

const narrow = css`:host { max-width: 28rem; margin: 2rem auto; }`;

function fieldErrors(error: ApiError | null, field: string) {
  const messages = error?.violationsFor(field) ?? [];
  return messages.map(m => html`<p class="error" id="${field}-error">${m}</p>`);
}

/** Where to go after signing in: a path of this app only, never another site. */
function nextPath(): string {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export class SignInPage extends LitElement {
  static properties = { error: { state: true }, busy: { state: true } };
  declare error: ApiError | null;
  declare busy: boolean;
  static styles = [base, narrow];

  constructor() { super(); this.error = null; this.busy = false; }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = null;
    try {
      await session.signIn(String(form.get('email')), String(form.get('password')));
      navigate(nextPath(), true);
    } catch (e) {
      this.error = e instanceof ApiError ? e : new ApiError({ status: 0, detail: 'The server could not be reached.' });
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`<div class="card">
      <h1>Sign in</h1>
      <form @submit=${this.submit} novalidate>
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        ${this.error ? html`<p class="error" role="alert">${this.error.problem.status === 401 ? 'Email or password is not right.' : this.error.message}</p>` : ''}
        <p><button type="submit" ?disabled=${this.busy}>Sign in</button></p>
      </form>
      <p class="muted">New here? <a href="/register">Create an account</a>.</p>
    </div>`;
  }
}
customElements.define('arbiter-sign-in', SignInPage);

export class RegisterPage extends LitElement {
  static properties = { error: { state: true }, role: { state: true }, busy: { state: true } };
  declare error: ApiError | null;
  declare role: 'EXPERT' | 'LAB';
  declare busy: boolean;
  static styles = [base, narrow];

  constructor() { super(); this.error = null; this.role = 'EXPERT'; this.busy = false; }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const body: Record<string, string> = {
      email: String(form.get('email')),
      password: String(form.get('password')),
      displayName: String(form.get('displayName')),
      role: this.role,
    };
    if (this.role === 'LAB') {
      body.organization = String(form.get('organization'));
      const code = String(form.get('invitationCode') ?? '').trim();
      if (code) body.invitationCode = code;
    }
    this.busy = true;
    this.error = null;
    try {
      await session.post('/api/auth/register', body);
      await session.signIn(body.email, body.password);
      navigate('/', true);
    } catch (e) {
      this.error = e instanceof ApiError ? e : new ApiError({ status: 0, detail: 'The server could not be reached.' });
    } finally {
      this.busy = false;
    }
  }

  private invalid(field: string) { return (this.error?.violationsFor(field).length ?? 0) > 0 ? 'true' : 'false'; }

  render() {
    const general = this.error && !(this.error.problem.violations?.length) ? this.error.message : '';
    return html`<div class="card">
      <h1>Create an account</h1>
      <form @submit=${this.submit} novalidate>
        <fieldset style="border:0;padding:0;margin:0">
          <legend style="font-weight:600">I am</legend>
          <label style="font-weight:400"><input type="radio" name="role" value="EXPERT" .checked=${this.role === 'EXPERT'}
            @change=${() => { this.role = 'EXPERT'; }}> a domain expert (I judge model answers)</label>
          <label style="font-weight:400"><input type="radio" name="role" value="LAB" .checked=${this.role === 'LAB'}
            @change=${() => { this.role = 'LAB'; }}> with a lab (we post jobs)</label>
        </fieldset>
        <label for="displayName">Your name</label>
        <input id="displayName" name="displayName" autocomplete="name" required aria-invalid=${this.invalid('displayName')}>
        ${fieldErrors(this.error, 'displayName')}
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required aria-invalid=${this.invalid('email')}>
        ${fieldErrors(this.error, 'email')}
        <label for="password">Password <span class="hint">(10 to 128 characters)</span></label>
        <input id="password" name="password" type="password" autocomplete="new-password" required minlength="10" aria-invalid=${this.invalid('password')}>
        ${fieldErrors(this.error, 'password')}
        ${this.role === 'LAB' ? html`
          <label for="organization">Organization</label>
          <input id="organization" name="organization" autocomplete="organization" aria-invalid=${this.invalid('organization')}>
          ${fieldErrors(this.error, 'organization')}
          <label for="invitationCode">Invitation code <span class="hint">(to join an existing organization)</span></label>
          <input id="invitationCode" name="invitationCode" aria-invalid=${this.invalid('invitationCode')}>
          ${fieldErrors(this.error, 'invitationCode')}` : ''}
        ${general ? html`<p class="error" role="alert">${general}</p>` : ''}
        <p><button type="submit" ?disabled=${this.busy}>Create account</button></p>
      </form>
      <p class="muted">Already registered? <a href="/sign-in">Sign in</a>.</p>
    </div>`;
  }
}
customElements.define('arbiter-register', RegisterPage);

export class AccountPage extends LitElement {
  static styles = [base, narrow, css`:host { max-width: 40rem; } dt { font-weight: 600; } dd { margin: 0 0 .5rem; }`];

  render() {
    const me = session.me;
    if (!me) return html``;
    return html`<div class="card">
      <h1>Your account</h1>
      <dl>
        <dt>Name</dt><dd>${me.displayName}</dd>
        <dt>Email</dt><dd>${me.email}</dd>
        <dt>Role</dt><dd>${me.roles.join(', ')}</dd>
        ${me.organizationName ? html`<dt>Organization</dt><dd>${me.organizationName}</dd>` : ''}
        ${me.roles.includes('EXPERT') ? html`<dt>Qualifications</dt><dd>${me.qualifications.length
          ? html`<ul>${me.qualifications.map(q => html`<li>${q.domain}: tier ${q.tier}</li>`)}</ul>`
          : html`None yet. <a href="/qualification">Qualify in a domain</a>.`}</dd>` : ''}
      </dl>
    </div>`;
  }
}
customElements.define('arbiter-account', AccountPage);

registerRoutes(
  { path: '/sign-in', tag: 'arbiter-sign-in', title: 'Sign in' },
  { path: '/register', tag: 'arbiter-register', title: 'Create an account' },
  { path: '/account', tag: 'arbiter-account', title: 'Your account', roles: ['EXPERT', 'LAB', 'ADMIN'] },
);

export type { Violation };
