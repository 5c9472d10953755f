import { LitElement, html, css } from 'lit';
import { base } from './styles';
import { session, ApiError } from './api';
import { match, navigate, navigationFor, NAVIGATE } from './router';

/**
 * The frame of every page: who is signed in, the navigation their roles allow, and the page of the
 * current address. Pages are custom elements registered by each console's files; a page element is
 * kept while its address stays the same, so a re-render never loses what someone typed.
 */
export class ArbiterApp extends LitElement {
  static properties = { ready: { state: true }, path: { state: true } };
  declare ready: boolean;
  declare path: string;
  private page: HTMLElement | null = null;
  private pageKey = '';

  static styles = [base, css`
    :host { min-height: 100vh; background: #f6f8fa; }
    header { background: #0b1f44; color: #fff; }
    .bar { max-width: 1440px; margin: 0 auto; display: flex; align-items: center; gap: 1.25rem; padding: .6rem 1rem; flex-wrap: wrap; }
    .brand { color: #fff; font-weight: 700; font-size: 1.1rem; text-decoration: none; }
    nav ul { list-style: none; display: flex; gap: .25rem; margin: 0; padding: 0; flex-wrap: wrap; }
    nav a { color: #fff; text-decoration: none; padding: .35rem .6rem; border-radius: 6px; }
    nav a[aria-current=page] { background: #1d4ed8; }
    nav a:hover { text-decoration: underline; }
    .who { margin-left: auto; display: flex; gap: .75rem; align-items: center; }
    .who a { color: #fff; }
    .who button { background: transparent; border-color: #fff; }
    main { max-width: 1440px; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
    .skip { position: absolute; left: -999px; }
    .skip:focus { left: 1rem; top: .5rem; background: #fff; color: #1d4ed8; padding: .25rem .5rem; z-index: 10; }
  `];

  constructor() {
    super();
    this.ready = false;
    this.path = location.pathname;
  }

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onLocation);
    window.addEventListener(NAVIGATE, this.onLocation);
    session.addEventListener('change', this.onSession);
    this.addEventListener('click', this.onClick);
    session.restore().catch(() => false).finally(() => { this.ready = true; });
  }

  disconnectedCallback(): void {
    window.removeEventListener('popstate', this.onLocation);
    window.removeEventListener(NAVIGATE, this.onLocation);
    session.removeEventListener('change', this.onSession);
    super.disconnectedCallback();
  }

  private onLocation = () => { this.path = location.pathname; };
  private onSession = () => { this.requestUpdate(); };

  /** Same-origin links inside the app change the page without a reload. */
  private onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.composedPath().find(n => n instanceof HTMLAnchorElement) as HTMLAnchorElement | undefined;
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin) return;
    if (anchor.pathname.startsWith('/api/') || anchor.pathname.startsWith('/q/')) return;
    event.preventDefault();
    navigate(anchor.pathname + anchor.search);
  };

  private async signOut() {
    await session.signOut().catch((e: ApiError) => e);
    navigate('/sign-in');
  }

  private home(): string {
    if (!session.signedIn) return '/sign-in';
    return navigationFor(session.me!.roles)[0]?.path ?? '/account';
  }

  private currentPage() {
    if (this.path === '/' || this.path === '') {
      queueMicrotask(() => navigate(this.home(), true));
      return null;
    }
    const found = match(this.path);
    if (!found) return html`<h1>Not found</h1><p>There is no page at this address. <a href="/">Go to the start page</a>.</p>`;
    const roles = found.route.roles ?? [];
    if (roles.length && !session.signedIn) {
      const next = encodeURIComponent(this.path + location.search);
      queueMicrotask(() => navigate(`/sign-in?next=${next}`, true));
      return null;
    }
    if (roles.length && !roles.some(r => session.hasRole(r))) {
      return html`<h1>Not available</h1><p>Your account cannot open this page.</p>`;
    }
    document.title = `${found.route.title} · Arbiter`;
    const key = this.path + location.search;
    if (!this.page || this.pageKey !== key) {
      this.page = document.createElement(found.route.tag);
      (this.page as unknown as { params: Record<string, string> }).params = found.params;
      this.pageKey = key;
    }
    return this.page;
  }

  render() {
    if (!this.ready) return html`<main aria-busy="true"><p class="muted">Loading…</p></main>`;
    const me = session.me;
    const nav = me ? navigationFor(me.roles) : [];
    return html`
      <a class="skip" href="#main">Skip to content</a>
      <header>
        <div class="bar">
          <a class="brand" href="/">Arbiter</a>
          <nav aria-label="Main">
            <ul>${nav.map(r => html`<li><a href=${r.path} aria-current=${this.path.startsWith(r.path) ? 'page' : 'false'}>${r.nav!.label}</a></li>`)}</ul>
          </nav>
          <div class="who">
            ${me
              ? html`<a href="/account">${me.displayName}</a><button class="small" @click=${this.signOut}>Sign out</button>`
              : html`<a href="/sign-in">Sign in</a><a href="/register">Register</a>`}
          </div>
        </div>
      </header>
      <main id="main" tabindex="-1">${this.currentPage()}</main>`;
  }
}
customElements.define('arbiter-app', ArbiterApp);
