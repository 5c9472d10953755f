-- qualification-service owns an expert's standing per domain and versions every change of it. This copy
-- keeps the version it applied last, so a stale or redelivered event never overwrites a newer tier.
alter table expert_qualification add column version bigint not null default 0;

-- A revocation leaves a tombstone: the row stays with its version and no tier (nor source), so an older
-- ExpertQualified arriving late cannot bring the qualification back. GET /api/me leaves it out.
alter table expert_qualification alter column tier drop not null;
alter table expert_qualification alter column source drop not null;
