/** The lab console: jobs, the rubric builder, items, progress, exports and disputes. */
import './jobs';
import './job-detail';
