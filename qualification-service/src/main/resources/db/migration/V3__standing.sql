-- qualification-service owns an expert's standing per domain: evidence qualifies, admins grant and
-- revoke, and the quality facts task-service reports move the tier up or down (TierPolicy).

-- Every change of a standing gets the next version (1, 2, 3...), emitted with its event so that
-- followers can ignore stale ones. A revocation keeps the row with no tier, so that the version keeps
-- counting and no later event can pass for newer than the revocation.
alter table qualification alter column tier drop not null;
alter table qualification add column version bigint not null default 0;
-- The task-service decided-judgment count when the tier last changed: quality moves it again only on
-- enough judgments decided since.
alter table qualification add column judgments_at_last_move int not null default 0;
alter table qualification drop constraint qualification_source_check;
alter table qualification add constraint qualification_source_check
    check (source in ('EVIDENCE', 'ADMIN_GRANT', 'QUALITY'));

-- Quality moves are decided by a rule, not by a person: they have no actor.
alter table qualification_audit alter column actor_id drop not null;
alter table qualification_audit drop constraint qualification_audit_action_check;
alter table qualification_audit add constraint qualification_audit_action_check
    check (action in ('GRANT', 'REVOKE', 'EARNED', 'PROMOTED', 'DEMOTED'));

-- The latest quality facts task-service reported per expert and domain (ExpertQualityMeasured).
create table expert_quality (
    expert_id           uuid             not null,
    domain              text             not null,
    quality_score       double precision not null,
    gold_accuracy       double precision,
    consensus_agreement double precision,
    acceptance_rate     double precision,
    decided_judgments   int              not null,
    measured_at         timestamptz      not null,
    primary key (expert_id, domain)
);
