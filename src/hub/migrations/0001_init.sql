-- The hub's first schema. Never edit a migration that has shipped: add the next one.

create table hub_settings (
  key text primary key,
  value text not null
);

-- A city's (or kabupaten's) workspace. A province's hub holds many.
create table workspaces (
  id text primary key,
  name text not null,
  province text not null default '',
  rules_id text not null,
  created_at timestamptz not null default now()
);

-- role: admin (the DP3AKB officer), agency (an OPD user), evaluator, province.
create table users (
  id text primary key,
  workspace_id text references workspaces(id),
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('admin', 'agency', 'evaluator', 'province')),
  agency_id text,
  province text,
  created_at timestamptz not null default now(),
  check (role <> 'agency' or agency_id is not null)
);

-- One-time invitation codes; only their hash is kept.
create table invites (
  code_hash text primary key,
  workspace_id text not null references workspaces(id),
  role text not null check (role in ('admin', 'agency', 'evaluator')),
  agency_id text,
  created_by text not null references users(id),
  expires_at timestamptz not null,
  used_at timestamptz,
  used_by text references users(id)
);

-- Sessions: the cookie holds a random token; only its hash is kept.
create table sessions (
  token_hash text primary key,
  user_id text not null references users(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

-- Which agency answers which question (set by the officer).
create table assignments (
  workspace_id text not null references workspaces(id),
  question_code text not null,
  agency_id text not null,
  primary key (workspace_id, question_code, agency_id)
);

-- Evidence bytes are content-addressed (blobs/ab/abcdef...); a document is a name on a blob.
create table documents (
  id text primary key,
  workspace_id text not null references workspaces(id),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  name text not null,
  mime text not null default 'application/octet-stream',
  size bigint not null,
  agency_id text,
  uploaded_by text not null references users(id),
  created_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index documents_workspace on documents (workspace_id, created_at);
create index documents_sha on documents (workspace_id, sha256);

-- Answers, one row per field: last writer wins per field (the edit time decides).
create table answer_fields (
  workspace_id text not null references workspaces(id),
  question_code text not null,
  field text not null check (field in ('value', 'note', 'status', 'points')),
  value jsonb,
  edited_at timestamptz not null,
  edited_by text not null references users(id),
  primary key (workspace_id, question_code, field)
);

-- Links between documents and questions; removal is a tombstone (removed_at), never a delete.
create table links (
  workspace_id text not null references workspaces(id),
  document_id text not null references documents(id),
  question_code text not null,
  page int,
  page_to int,
  edited_at timestamptz not null,
  edited_by text not null references users(id),
  removed_at timestamptz,
  primary key (document_id, question_code)
);

-- The change feed clients pull from (cursor = seq). Every write that adds to it first takes the
-- workspace's advisory lock (sync.ts lockWorkspace), so seq order is commit order: a client can
-- never pass a change that commits later with a lower seq. Each row names the question it touches (or
-- the agency whose document it is), so an agency user is sent only its own.
create table changes (
  seq bigint generated always as identity primary key,
  workspace_id text not null references workspaces(id),
  kind text not null,
  question_code text,
  document_id text,
  agency_id text,
  -- the client device that made the change (so a device skips only its own, not its user's)
  origin text,
  body jsonb not null,
  overwritten jsonb,
  user_id text references users(id),
  at timestamptz not null default now()
);
create index changes_feed on changes (workspace_id, seq);
create index changes_question on changes (workspace_id, question_code, seq);

-- Client operations already applied (so a retried push changes nothing twice).
create table applied_ops (
  user_id text not null references users(id),
  op_id text not null,
  at timestamptz not null default now(),
  primary key (user_id, op_id)
);

-- Who did what. Append-only: the trigger refuses updates and deletes.
create table audit_log (
  seq bigint generated always as identity primary key,
  at timestamptz not null default now(),
  workspace_id text,
  user_id text,
  action text not null,
  target text,
  detail jsonb,
  ip text
);
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_append_only();
