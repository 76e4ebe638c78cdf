-- Province accounts (issue 12, point 5): a province's evaluators see every city of their province
-- side by side (scores, predicates, groups, questions without evidence; never the evidence).

-- One-time codes that create a province account; only their hash is kept. Made on the hub's
-- machine (`npm run hub -- --new-province-code "Jawa Tengah"`), never through the API.
create table province_codes (
  code_hash text primary key,
  province text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  used_by text references users(id)
);

-- Province names are typed by people: "Provinsi Jawa Tengah", "jawa  tengah" and "Jawa Tengah"
-- are one province.
create function province_key(p text) returns text language sql immutable as $$
  select regexp_replace(regexp_replace(lower(btrim(coalesce(p, ''))), '\s+', ' ', 'g'), '^(provinsi|prov\.?) ', '')
$$;
create index workspaces_province on workspaces (province_key(province));
