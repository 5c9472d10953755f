-- What a session pays, fixed when it opens (DESIGN, Payouts: pay never reads today's table): the job's hourly
-- rate, the expert's tier in the job's domain (the task's tier for a claim or revision, the reviewer's for a QA
-- review) and that tier's multiplier in basis points (10000 = 1.0). Null for sessions opened before V13: the
-- finaliser then falls back to the job's rate and the multiplier table of today.
alter table work_session
    add column hourly_rate_minor  bigint check (hourly_rate_minor > 0),
    add column expert_tier        int    check (expert_tier >= 0),
    add column tier_multiplier_bp int    check (tier_multiplier_bp between 10000 and 100000);
