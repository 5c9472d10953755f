-- An expert's quality in a domain, recomputed after each review decision: gold accuracy, agreement
-- with the consensus of other experts and acceptance. A tier moves only on enough fresh evidence.
create table expert_quality (
    expert_id            uuid             not null,
    domain               text             not null,
    quality_score        double precision not null,
    gold_accuracy        double precision,
    consensus_agreement  double precision,
    acceptance_rate      double precision,
    decided_judgments    int              not null,
    judgments_at_last_move int            not null default 0,
    updated_at           timestamptz      not null default now(),
    primary key (expert_id, domain)
);
