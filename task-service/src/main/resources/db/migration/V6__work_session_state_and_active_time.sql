-- A work session records its kind, its state and, once closed, its active time: the one figure that
-- the lab's spend and WorkSessionClosed (and so pay) both read. counts_until is when the session
-- stops counting: the lease of a claim, or the same span from the start of a revision or a review.
-- A QA review session belongs to the reviewer and names the judgment under review instead of a task.
alter table work_session add column kind text;
alter table work_session add column state text;
alter table work_session add column counts_until timestamptz;
alter table work_session add column active_seconds bigint;
alter table work_session add column judgment_id uuid references judgment (id);
alter table work_session alter column task_id drop not null;

update work_session s
set kind = case when s.opened_at > t.claimed_at + interval '1 second' then 'REVISION' else 'CLAIM' end,
    state = case when s.closed_at is null then 'OPEN' else 'CLOSED' end,
    counts_until = s.opened_at + (t.lease_expires_at - t.claimed_at)
from task t where t.id = s.task_id;

update work_session
set active_seconds = greatest(0, floor(extract(epoch from least(closed_at, counts_until) - opened_at)))
where closed_at is not null;

alter table work_session
    alter column kind set not null,
    alter column state set not null,
    alter column counts_until set not null,
    add constraint work_session_kind check (kind in ('CLAIM', 'REVISION', 'REVIEW')),
    add constraint work_session_subject check ((kind = 'REVIEW') = (judgment_id is not null)
                                               and (kind = 'REVIEW') = (task_id is null)),
    add constraint work_session_state check (state in ('OPEN', 'CLOSED')),
    add constraint work_session_close_reason check (close_reason in ('SUBMITTED', 'RELEASED', 'EXPIRED', 'REVIEWED', 'SUPERSEDED')),
    add constraint work_session_closed_when_closed check ((state = 'CLOSED') = (closed_at is not null)),
    add constraint work_session_active_when_closed check ((state = 'CLOSED') = (active_seconds is not null)),
    add constraint work_session_active_not_negative check (active_seconds >= 0);

-- A reviewer has at most one open session on a judgment (reloading the review queue reuses it), and
-- the sweep finds review sessions left open. Both only index open reviews, so claims pay nothing for them.
create unique index work_session_one_open_review on work_session (judgment_id, expert_id)
    where state = 'OPEN' and kind = 'REVIEW';
create index work_session_open_review_until on work_session (counts_until) where state = 'OPEN' and kind = 'REVIEW';
