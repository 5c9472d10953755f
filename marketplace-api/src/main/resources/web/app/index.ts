/**
 * The app's entry point: the shell, then each console, each registering its own pages (routes).
 * A console is a folder; adding one is one import here.
 */
import './app.css';
import './shell/app-shell';
import './shell/auth-pages';
import './expert/index';
import './lab/index';
import './admin/index';
