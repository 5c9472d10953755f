-- What finalising a session looks up beyond the session itself, indexed so that each finalisation stays a
-- handful of index reads however many sessions and judgments there are:
-- other experts' sessions from the same network address (the device match has work_session_of_device) …
create index work_session_of_address on work_session (client_address, expert_id) where client_address is not null;
-- … and other experts' judgments on the same item (the near-copy signal compares rationales).
create index judgment_of_item on judgment (item_id);
