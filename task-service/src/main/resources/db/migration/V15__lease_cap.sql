-- An expert holds at most max_leases_per_expert live leases (tasks LEASED and not yet expired) of a job at once,
-- so that one expert cannot take every slot of it. The claim takes a per-expert advisory lock, counts the expert's
-- live leases (index below) and leases a slot only of a job under its cap, all in one transaction.
alter table job
    add column max_leases_per_expert int not null default 2 check (max_leases_per_expert between 1 and 1000);

create index task_live_lease_of_expert on task (expert_id, job_id) where state = 'LEASED';
