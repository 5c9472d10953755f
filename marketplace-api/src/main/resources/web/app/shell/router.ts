/**
 * Client-side routes. Each console (expert, lab, admin) registers its own pages from its own file,
 * so adding a console is adding a file: `registerRoutes({path: '/lab/jobs', tag: 'arbiter-lab-jobs', …})`.
 * The server answers the app's index for any such path, so reloads and shared links work.
 */

export interface Route {
  /** `/workbench/:taskId` style; parameters are handed to the page element as `params`. */
  path: string;
  /** The custom element that renders the page. */
  tag: string;
  title: string;
  /** Who may open it; empty = anyone, signed in or not. */
  roles?: string[];
  /** Shown in the navigation of users with one of `roles`, in this order. */
  nav?: { label: string; order: number };
}

interface CompiledRoute extends Route { regex: RegExp; names: string[] }

const routes: CompiledRoute[] = [];

export function registerRoutes(...added: Route[]): void {
  for (const route of added) {
    const names: string[] = [];
    const source = route.path.replace(/\/:([a-zA-Z]+)/g, (_, name: string) => {
      names.push(name);
      return '/([^/]+)';
    });
    routes.push({ ...route, regex: new RegExp(`^${source}/?$`), names });
  }
}

export interface Match { route: Route; params: Record<string, string> }

export function match(path: string): Match | null {
  for (const route of routes) {
    const m = route.regex.exec(path);
    if (m) {
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => { params[name] = decodeURIComponent(m[i + 1]); });
      return { route, params };
    }
  }
  return null;
}

export function navigationFor(roles: string[]): Route[] {
  return routes.filter(r => r.nav && (r.roles ?? []).some(role => roles.includes(role)))
    .sort((a, b) => (a.nav!.order - b.nav!.order));
}

export const NAVIGATE = 'arbiter-navigate';

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE));
}
