-- The city's own name for its KLA office (DP3A, DPPPAPPKB…; Pengaturan), so every copy made
-- through the hub says it as the city does. Set by the officer; the later edit wins, like an
-- assignment: office_at and office_by record who decided it when ('' is the app's default).
alter table workspaces add column office text not null default '';
alter table workspaces add column office_at timestamptz;
alter table workspaces add column office_by text references users(id);
