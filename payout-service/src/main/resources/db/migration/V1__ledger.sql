-- The double-entry ledger. Every movement of money is one ledger_transaction whose entries sum to
-- zero; balances are sums of entries, never stored, so they cannot drift from the history.

create table expert_payee (
    expert_id    uuid primary key,
    email        text        not null,
    display_name text        not null,
    currency     char(3)     not null,
    opened_at    timestamptz not null default now()
);

create table ledger_account (
    id         uuid primary key,
    -- null for the platform's own accounts
    expert_id  uuid references expert_payee (expert_id),
    kind       text    not null check (kind in ('EXPERT_PENDING', 'EXPERT_HELD', 'EXPERT_PAYABLE', 'EXPERT_PAID',
                                                 'PLATFORM_LABOR_EXPENSE', 'PLATFORM_CASH')),
    currency   char(3) not null,
    opened_at  timestamptz not null default now(),
    unique (expert_id, kind, currency)
);
create unique index ledger_account_platform_kind on ledger_account (kind, currency) where expert_id is null;

create table ledger_transaction (
    id              uuid primary key,
    kind            text        not null,
    -- what caused it (an event id, a payout batch…); one cause never moves money twice
    idempotency_key text        not null unique,
    description     text        not null,
    created_at      timestamptz not null default now()
);

create table ledger_entry (
    id             bigserial primary key,
    transaction_id uuid    not null references ledger_transaction (id),
    account_id     uuid    not null references ledger_account (id),
    -- positive increases the account's balance, negative decreases it
    amount_minor   bigint  not null check (amount_minor <> 0),
    currency       char(3) not null
);
create index ledger_entry_account on ledger_entry (account_id);
create index ledger_entry_transaction on ledger_entry (transaction_id);

-- A transaction must balance per currency at commit time.
create function ledger_transaction_balanced() returns trigger language plpgsql as $$
begin
    if exists (select 1 from ledger_entry where transaction_id = new.transaction_id
               group by currency having sum(amount_minor) <> 0) then
        raise exception 'ledger transaction % does not balance', new.transaction_id using errcode = '23514';
    end if;
    return null;
end $$;

create constraint trigger ledger_entry_balanced after insert or update on ledger_entry
    deferrable initially deferred for each row execute function ledger_transaction_balanced();
