import { css } from 'lit';

/**
 * The look every page shares. Colours meet WCAG 2.2 AA: body text #1f2328 and muted text #4b5563 on
 * white (≥ 7:1), the accent #1d4ed8 on white (6.7:1) and white on it, errors #b42318 (6.3:1); control
 * borders #6b7280 (4.8:1, above the 3:1 non-text minimum); a visible focus ring on every control.
 */
export const base = css`
  :host { display: block; color: #1f2328; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  *, *::before, *::after { box-sizing: border-box; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  h2 { font-size: 1.2rem; margin: 1.25rem 0 .5rem; }
  h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
  p { margin: .25rem 0 .75rem; }
  a { color: #1d4ed8; }
  .muted { color: #4b5563; }
  .card { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 1rem 1.25rem; margin-bottom: 1rem; }
  label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
  .hint { font-weight: 400; color: #4b5563; font-size: .875rem; }
  input, select, textarea {
    font: inherit; color: inherit; width: 100%; padding: .5rem .6rem; border: 1px solid #6b7280; border-radius: 6px; background: #fff;
  }
  textarea { min-height: 5rem; resize: vertical; }
  input[type=checkbox], input[type=radio] { width: auto; }
  button, .button {
    font: inherit; font-weight: 600; cursor: pointer; border-radius: 6px; padding: .5rem 1rem;
    border: 1px solid #1d4ed8; background: #1d4ed8; color: #fff; text-decoration: none; display: inline-block;
  }
  button.secondary { background: #fff; color: #1d4ed8; }
  button.small { padding: .2rem .55rem; font-size: .875rem; }
  button:disabled { opacity: .6; cursor: not-allowed; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .error { color: #b42318; font-size: .9rem; margin: .25rem 0; }
  .ok { color: #116329; }
  [aria-invalid=true] { border-color: #b42318; border-width: 2px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
  th { font-size: .875rem; color: #4b5563; }
  .row { display: flex; gap: .75rem; align-items: center; flex-wrap: wrap; }
  .badge { display: inline-block; padding: 0 .5rem; border-radius: 999px; background: #eef2ff; color: #1e3a8a; font-size: .85rem; font-weight: 600; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
