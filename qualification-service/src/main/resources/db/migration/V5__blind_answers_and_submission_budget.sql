-- Peer review of an answer key is two steps: the reviewer answers blind (and only then sees the key),
-- then judges the key. The blind answer is its own row, one per reviewer and question: a second one is
-- refused by the database, so a reviewer who has seen the key cannot answer again.
create table blind_answer (
    id          uuid primary key,
    question_id uuid        not null references question (id),
    reviewer_id uuid        not null,
    answer      text        not null check (char_length(answer) between 1 and 2000),
    -- Whether the blind answer reaches the key (EXACT, NUMERIC, MULTIPLE_CHOICE); null for FREE_FORM.
    agrees      boolean,
    created_at  timestamptz not null,
    unique (question_id, reviewer_id)
);

-- Reviews written before the two steps carried their blind answer in the same request.
insert into blind_answer (id, question_id, reviewer_id, answer, agrees, created_at)
select id, question_id, reviewer_id, blind_answer, blind_agrees, created_at from review;

-- No verdict on a key without the reviewer's blind answer first.
alter table review add constraint review_after_blind_answer
    foreign key (question_id, reviewer_id) references blind_answer (question_id, reviewer_id);

-- What a question cost in panel calls when it was submitted (one per panel model, plus one per judge
-- grading of a free-form answer; nothing for a duplicate): an expert's daily budget of panel calls adds
-- these up over the last 24 hours, in the database, so it holds across replicas and restarts.
alter table question add column panel_calls int not null default 0 check (panel_calls >= 0);

-- Questions of the last day, from before the column: the calls their first round made.
update question q set panel_calls = (select count(*) * case when q.answer_type = 'FREE_FORM' then 2 else 1 end
                                     from model_attempt a where a.question_id = q.id and a.round = 1)
where q.created_at > now() - interval '1 day';

-- An expert's recent submissions, for the rate limit and the budget.
create index question_author_created on question (author_id, created_at);
