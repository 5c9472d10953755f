-- How deep a finalised session's written text referred into its responses (ReferenceReach; task-service README,
-- "Signals and the flag", reference_record): the word, counted from the top of its response, where the deepest
-- passage the text names first stands (0 when it names none), and the length of the longest response shown. Stored
-- by the finaliser with the signals, read back with the reading shares for the same expert's later sessions, so
-- that no session's responses are read again. Null for sessions finalised before V17: they are not in the record.
alter table work_session
    add column reference_reach_words  int check (reference_reach_words >= 0),
    add column longest_response_words int check (longest_response_words >= 0);
