-- Claims look only at OPEN slots (expired leases are found through item_slot_leased), starting at a
-- random point of the job's slots so that concurrent claimers spread out instead of all skipping
-- the same locked rows, and an expert rarely passes over slots of items they already hold.
drop index item_slot_claimable;
create index item_slot_open on item_slot (job_id, id) where state = 'OPEN';
