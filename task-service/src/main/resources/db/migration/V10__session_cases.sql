-- Admin decisions on flagged sessions, the expert's one appeal, and what a confirmation does to the
-- session's judgment. A flag is evidence, never a verdict: an admin CLEARs or CONFIRMs a FLAGGED session
-- with a written reason; the expert may appeal a confirmation once, with a statement; another admin
-- UPHOLDs or OVERTURNs it. Every step is also written to an append-only audit trail.

-- A confirmed session voids its judgment (and the task that holds it): VOID keeps the state it had, so
-- an overturned appeal can restore it exactly. The database refuses a VOID that forgot where it came from.
alter table task
    drop constraint task_state_check,
    add constraint task_state_check check (state in ('LEASED', 'RELEASED', 'EXPIRED', 'SUBMITTED', 'REVISION',
                                                     'ACCEPTED', 'REJECTED', 'VOID')),
    add column state_before_void text,
    add constraint task_void_remembers check ((state = 'VOID') = (state_before_void is not null)),
    add constraint task_void_from_live check (state_before_void <> 'VOID');

alter table judgment
    drop constraint judgment_state_check,
    add constraint judgment_state_check check (state in ('SUBMITTED', 'REVISION', 'ACCEPTED', 'REJECTED', 'DISPUTED',
                                                         'VOID')),
    add column state_before_void text,
    add constraint judgment_void_remembers check ((state = 'VOID') = (state_before_void is not null)),
    add constraint judgment_void_from_live check (state_before_void <> 'VOID');

-- One case per session: its decision (at most one: the primary key), and at most one appeal, only of a
-- confirmation, decided by an admin other than the one who confirmed. Texts are bounded and not blank.
create table session_case (
    session_id        uuid        primary key references work_session (id),
    decision          text        not null check (decision in ('CLEAR', 'CONFIRM')),
    reason            text        not null,
    decided_by        uuid        not null,
    decided_at        timestamptz not null default now(),
    -- the judgment the session produced (a claim or revision) or reviewed (a QA review), if any
    judgment_id       uuid references judgment (id),
    appeal_statement  text,
    appealed_at       timestamptz,
    appeal_decision   text check (appeal_decision in ('UPHOLD', 'OVERTURN')),
    appeal_reason     text,
    appeal_decided_by uuid,
    appeal_decided_at timestamptz,
    constraint session_case_reason check (length(reason) <= 4000 and reason ~ '\S'),
    constraint session_case_statement check (length(appeal_statement) <= 8000 and appeal_statement ~ '\S'),
    constraint session_case_appeal_reason check (length(appeal_reason) <= 4000 and appeal_reason ~ '\S'),
    constraint session_case_appeal_only_of_confirm check (appeal_statement is null or decision = 'CONFIRM'),
    constraint session_case_appealed_when check ((appeal_statement is null) = (appealed_at is null)),
    constraint session_case_appeal_decided_whole check ((appeal_decision is null) = (appeal_reason is null)
                                                        and (appeal_decision is null) = (appeal_decided_by is null)
                                                        and (appeal_decision is null) = (appeal_decided_at is null)),
    constraint session_case_decision_needs_appeal check (appeal_decision is null or appeal_statement is not null),
    constraint session_case_second_admin check (appeal_decided_by <> decided_by)
);

-- A decision, once taken, stays as taken: the appeal and its decision are each written once, and a case
-- is never removed. (The audit trail below says the same from the other side.)
create function session_case_settled() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE'
       or (new.session_id, new.decision, new.reason, new.decided_by, new.decided_at)
          is distinct from (old.session_id, old.decision, old.reason, old.decided_by, old.decided_at)
       or new.judgment_id is distinct from old.judgment_id
       or (old.appeal_statement is not null
           and (new.appeal_statement, new.appealed_at) is distinct from (old.appeal_statement, old.appealed_at))
       or (old.appeal_decision is not null
           and (new.appeal_decision, new.appeal_reason, new.appeal_decided_by, new.appeal_decided_at)
               is distinct from (old.appeal_decision, old.appeal_reason, old.appeal_decided_by, old.appeal_decided_at))
    then
        raise exception 'session_case: a decision, an appeal and an appeal decision are each written once'
            using errcode = 'restrict_violation';
    end if;
    return new;
end;
$$;
create trigger session_case_settled before update or delete on session_case
    for each row execute function session_case_settled();

-- Every decision, appeal and appeal decision: who, when, what, why, and what it did to the judgment.
create table session_case_audit (
    id          bigserial   primary key,
    session_id  uuid        not null references work_session (id),
    action      text        not null check (action in ('CLEAR', 'CONFIRM', 'APPEAL', 'UPHOLD', 'OVERTURN')),
    actor_id    uuid        not null,
    -- the reason of a decision or the statement of an appeal
    text        text        not null check (length(text) <= 8000),
    state_from  text        not null,
    state_to    text        not null,
    judgment_id uuid,
    judgment_effect text    not null check (judgment_effect in ('NONE', 'VOIDED', 'ALREADY_VOID', 'RESTORED',
                                                                 'RESTORED_ON_NEW_SLOT', 'STILL_VOID', 'SPOT_CHECK')),
    at          timestamptz not null default now()
);
create index session_case_audit_of_session on session_case_audit (session_id, id);

create function session_case_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'session_case_audit is append-only: an audited decision is never changed or removed'
        using errcode = 'restrict_violation';
end;
$$;
create trigger session_case_audit_append_only before update or delete on session_case_audit
    for each row execute function session_case_audit_append_only();
create trigger session_case_audit_no_truncate before truncate on session_case_audit
    for each statement execute function session_case_audit_append_only();
