-- Stumping questions: one row per submission, whatever became of it.
create table question (
    id                 uuid primary key,
    author_id          uuid        not null,
    domain             text        not null,
    prompt             text        not null,
    answer_type        text        not null check (answer_type in ('EXACT', 'NUMERIC', 'MULTIPLE_CHOICE', 'FREE_FORM')),
    reference_answer   text        not null,
    options_json       text,
    tolerance          numeric,
    rubric             text,
    rationale          text        not null,
    status             text        not null check (status in ('EVALUATING', 'INCONCLUSIVE', 'NOT_STUMPING',
                                       'NEEDS_HUMAN_GRADING', 'AWAITING_REVIEW', 'VALID', 'REJECTED', 'DUPLICATE')),
    failures           int         not null default 0,
    min_failures       int         not null,
    evaluation_rounds  int         not null default 0,
    -- An evaluation in progress holds the question until then; an expired lease means it crashed.
    lease_until        timestamptz,
    next_evaluation_at timestamptz,
    duplicate_of       uuid references question (id),
    similarity         double precision,
    created_at         timestamptz not null,
    decided_at         timestamptz
);
create index question_author_domain on question (author_id, domain, created_at);
create index question_pending on question (status, next_evaluation_at) where status in ('EVALUATING', 'INCONCLUSIVE');
create index question_review on question (domain, created_at) where status = 'AWAITING_REVIEW';

-- Every model answer of every evaluation round, kept; "current" marks the latest round.
create table model_attempt (
    id          uuid primary key,
    question_id uuid        not null references question (id),
    round       int         not null,
    current     boolean     not null,
    model       text        not null,
    answer      text,
    verdict     text        not null check (verdict in ('CORRECT', 'INCORRECT', 'NO_ANSWER')),
    uncertain   boolean     not null default false,
    confidence  double precision,
    reasoning   text,
    latency_ms  bigint      not null,
    error       text,
    graded_by   uuid,
    created_at  timestamptz not null
);
create index model_attempt_question on model_attempt (question_id, round);
create index model_attempt_current on model_attempt (model) where current;

-- Peer reviews of answer keys: a blind answer first, then the judgment of the reference.
create table review (
    id                 uuid primary key,
    question_id        uuid        not null references question (id),
    reviewer_id        uuid        not null,
    reviewer_admin     boolean     not null,
    blind_answer       text        not null,
    blind_agrees       boolean,
    reference_correct  boolean     not null,
    unambiguous        boolean     not null,
    expert_level       boolean     not null,
    comment            text,
    created_at         timestamptz not null,
    unique (question_id, reviewer_id)
);
