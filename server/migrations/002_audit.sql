-- 002: audit ingestion, policy publishing and webhooks (even numbers: the ingestion half of issue 7).
-- Every table is a tenant table with the same row-level security as 001: ENABLE + FORCE and the
-- tenant_isolation policy on current_setting('app.tenant_id'); 001's default privileges give the
-- starring_app role access.

-- Where the server's copy of each device's chain ends; the row lock serialises concurrent batches.
create table audit_heads (
  tenant_id text not null references tenants (id),
  device_id text not null check (device_id ~ '^[0-9a-f]{32}$'),
  seq bigint not null default 0,
  hash text not null default repeat('0', 64),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, device_id)
);

create table audit_entries (
  tenant_id text not null references tenants (id),
  device_id text not null,
  seq bigint not null,
  hash text not null,
  prev text not null,
  ts timestamptz not null,
  actor text not null,
  action text not null,
  outcome text not null,
  -- The entry as one JCS line (hash included): exports reproduce the device's exact bytes.
  line text not null,
  primary key (tenant_id, device_id, seq)
);
create index audit_entries_ts on audit_entries (tenant_id, ts);
create index audit_entries_actor on audit_entries (tenant_id, actor, ts);
create index audit_entries_action on audit_entries (tenant_id, action, ts);

create table audit_checkpoints (
  tenant_id text not null references tenants (id),
  device_id text not null,
  seq bigint not null,
  head text not null,
  -- SHA-256 of the checkpoint's JCS form: what the next checkpoint's prevCheckpoint names.
  digest text not null,
  checkpoint jsonb not null,
  received_at timestamptz not null default now(),
  primary key (tenant_id, device_id, seq, digest)
);

create table audit_receipts (
  tenant_id text not null references tenants (id),
  device_id text not null,
  from_seq bigint not null,
  to_seq bigint not null,
  receipt jsonb not null,
  issued_at timestamptz not null default now(),
  primary key (tenant_id, device_id, to_seq, from_seq)
);

-- Refused batches: a gap, or a chain that does not hold (kind), with the exact reason.
create table audit_alerts (
  tenant_id text not null references tenants (id),
  id bigint generated always as identity,
  device_id text not null,
  kind text not null check (kind in ('chain_broken', 'gap')),
  code text not null,
  seq bigint,
  expected_seq bigint,
  reason text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

create table policy_bundles (
  tenant_id text not null references tenants (id),
  version bigint not null check (version > 0),
  -- The PolicyReply body exactly as served, so the ETag (its SHA-256) is stable across restarts.
  body text not null,
  etag text not null,
  published_by text not null,
  published_at timestamptz not null default now(),
  primary key (tenant_id, version)
);

create table webhook_subscriptions (
  tenant_id text not null references tenants (id),
  id text not null,
  url text not null,
  -- whsec_<base64>: an HMAC key, not a password; it must be readable to sign deliveries.
  secret text not null,
  events text[] not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

create table webhook_deliveries (
  tenant_id text not null references tenants (id),
  id text not null,
  subscription_id text not null,
  event_type text not null,
  payload text not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  status text not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  dead_lettered_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, subscription_id) references webhook_subscriptions (tenant_id, id) on delete cascade
);
create index webhook_deliveries_due on webhook_deliveries (tenant_id, status, next_attempt_at);

do $$
declare t text;
begin
  foreach t in array array['audit_heads', 'audit_entries', 'audit_checkpoints', 'audit_receipts',
    'audit_alerts', 'policy_bundles', 'webhook_subscriptions', 'webhook_deliveries']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (tenant_id = current_setting(''app.tenant_id'', true)) '
      'with check (tenant_id = current_setting(''app.tenant_id'', true))', t);
  end loop;
end $$;

grant select, insert, update, delete on all tables in schema public to starring_app;
revoke all on schema_migrations from starring_app;
