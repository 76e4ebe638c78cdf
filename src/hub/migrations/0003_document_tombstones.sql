-- Document deletions through the hub (issue 12, point 4): a deletion is a tombstone (deleted_at),
-- never a delete; a restore (Urungkan) clears it. Last writer wins by the time of the edit, as
-- for answers and links: these say when the document's state was last decided, and by whom.
alter table documents add column state_at timestamptz;
alter table documents add column state_by text references users(id);
