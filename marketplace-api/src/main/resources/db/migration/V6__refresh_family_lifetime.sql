-- A sign-in's refresh tokens (its family) have an absolute lifetime: rotation hands out new tokens, never
-- more time. Families that exist already end 30 days after their first token.
alter table refresh_token add column family_expires_at timestamptz;
update refresh_token t set family_expires_at = f.started + interval '30 days'
  from (select family_id, min(created_at) as started from refresh_token group by family_id) f
 where f.family_id = t.family_id;
alter table refresh_token alter column family_expires_at set not null;

-- An account's sign-ins go with it: removing an account removes its refresh tokens instead of being refused.
alter table refresh_token drop constraint refresh_token_account_id_fkey;
alter table refresh_token add constraint refresh_token_account_id_fkey
    foreign key (account_id) references account (id) on delete cascade;

-- A disabled account (set by an operator; no API sets it yet) can neither sign in nor refresh.
alter table account add column disabled_at timestamptz;
