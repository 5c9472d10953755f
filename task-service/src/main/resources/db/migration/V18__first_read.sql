-- How well a finalised session's best-read response was read before its first text was written (GlanceRecord; task-service
-- README, "Signals and the flag", glance_record): the reading credited to that response by then over what its words need
-- at the fast rate (1 = read at that rate or slower). Stored by the finaliser with the signals and read back with the
-- reading shares for the same expert's later sessions, in the same query. Null when the session was not judged (responses
-- too short, nothing written, no view events) or was finalised before V18: it is then not in the glance record.
alter table work_session
    add column first_read_share float8 check (first_read_share >= 0);
