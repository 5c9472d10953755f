-- qualification-service owns an expert's tier per domain; task-service only follows its events. Each
-- of them carries the standing's version: the row keeps the version it applied last, so a stale or
-- redelivered event (an older version) never overwrites a newer tier.
alter table expert_domain add column version bigint not null default 0;

-- A revocation leaves a tombstone: the row stays, with its version and no tier (nor source), so that
-- an older ExpertQualified arriving late cannot bring the expert back, and every eligibility join
-- (d.tier >= j.min_tier) already leaves the expert out.
alter table expert_domain alter column tier drop not null;
alter table expert_domain alter column source drop not null;

-- Quality no longer moves tiers here (task-service reports it as ExpertQualityMeasured and
-- qualification-service decides), so the evidence count since the last move is not ours to keep.
alter table expert_quality drop column judgments_at_last_move;
