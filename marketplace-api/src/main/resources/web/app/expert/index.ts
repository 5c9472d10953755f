/** The expert console: every page an expert uses, each registering its own route. */
import './job-board';
import './workbench';
import './my-work';
import './sessions';
import './qualification';
import './earnings';
