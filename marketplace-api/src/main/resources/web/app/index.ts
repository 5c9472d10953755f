/**
 * The app's entry point: the shell, then each console, each registering its own pages (routes).
 * A console is a folder; adding one is one import here.
 */
import './app.css';
import './shell/app-shell';
import './shell/auth-pages';
import './expert/index';
// The lab and admin consoles: app/lab/index.ts and app/admin/index.ts, imported here the same way.
