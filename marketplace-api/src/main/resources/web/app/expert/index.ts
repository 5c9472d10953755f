/** The expert console: every page an expert uses, each registering its own route. */
import './job-board';
