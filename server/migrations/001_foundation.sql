-- 001: the server foundation (tenants, users, admin tokens, enrollment codes, devices, keys).
-- Numbering: odd numbers (001, 003, …) belong to the foundation; even numbers (002_audit.sql,
-- 004_…) to audit ingestion, policy publishing and webhooks. Tables created by later migrations
-- get the app role's privileges automatically (ALTER DEFAULT PRIVILEGES below), but each tenant
-- table must still ENABLE + FORCE row level security and add the tenant_isolation policy itself.

-- The role every application transaction switches to (SET LOCAL ROLE). Not the owner and without
-- BYPASSRLS, so the policies below apply to it even when the connecting user is a superuser.
do $$
begin
  create role starring_app nologin nobypassrls;
exception when duplicate_object then null;
end $$;

-- A non-superuser owner must be a member to SET ROLE; a superuser needs nothing.
do $$
begin
  execute format('grant starring_app to %I', current_user);
exception when others then null;
end $$;

grant usage on schema public to starring_app;
alter default privileges in schema public grant select, insert, update, delete on tables to starring_app;
alter default privileges in schema public grant usage, select on sequences to starring_app;

-- Installation-wide tables (no tenant): only public or sealed data.

create table tenants (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null,
  -- The tenant CA certificate (public); every tenant's CA goes into the TLS trust list.
  ca_cert_pem text not null,
  -- OIDC sign-in for this tenant's admins (issuer URL, client id); null = tokens only.
  oidc_issuer text,
  oidc_client_id text,
  created_at timestamptz not null default now()
);

-- Super-admin (operator) tokens: may create tenants. Only the SHA-256 of the token is stored.
create table operator_tokens (
  id uuid primary key default gen_random_uuid(),
  token_sha256 text not null unique,
  label text not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

-- The server's own TLS identity (one row): an installation CA and the server certificate it signs.
create table server_tls (
  id integer primary key check (id = 1),
  ca_cert_pem text not null,
  ca_key_sealed text not null,
  cert_pem text not null,
  key_sealed text not null,
  created_at timestamptz not null default now()
);

-- Tenant tables: every row carries tenant_id, and RLS shows a transaction only its tenant's rows.

create table tenant_keys (
  tenant_id text primary key references tenants (id),
  ca_key_sealed text not null,
  receipt_public_key_pem text not null,
  receipt_private_key_sealed text not null,
  policy_public_key_pem text not null,
  policy_private_key_sealed text not null,
  created_at timestamptz not null default now()
);

create table users (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  email text not null,
  name text not null,
  roles text[] not null default '{}',
  department text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, email)
);

create table admin_tokens (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  token_sha256 text not null unique,
  label text not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  primary key (tenant_id, id)
);

create table enrollment_codes (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  code_sha256 text not null,
  label text,
  expires_at timestamptz not null,
  used_at timestamptz,
  used_by_device text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, code_sha256)
);

create table devices (
  tenant_id text not null references tenants (id),
  -- The 32-hex audit device id, equal to the certificate's CN.
  id text not null check (id ~ '^[0-9a-f]{32}$'),
  name text not null,
  platform text not null,
  app_version text not null,
  cert_serial text not null,
  cert_pem text not null,
  audit_public_key_pem text not null,
  enrolled_at timestamptz not null default now(),
  last_seen_at timestamptz,
  last_sync_at timestamptz,
  revoked_at timestamptz,
  primary key (tenant_id, id)
);

-- Admin sign-in sessions (OIDC); the cookie holds the token, the table its SHA-256.
create table admin_sessions (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  session_sha256 text not null unique,
  subject text not null,
  email text,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

do $$
declare t text;
begin
  foreach t in array array['tenant_keys', 'users', 'admin_tokens', 'enrollment_codes', 'devices', 'admin_sessions']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (tenant_id = current_setting(''app.tenant_id'', true)) '
      'with check (tenant_id = current_setting(''app.tenant_id'', true))', t);
  end loop;
end $$;

grant select, insert, update, delete on all tables in schema public to starring_app;
-- The migration ledger is the owner's alone.
revoke all on schema_migrations from starring_app;
