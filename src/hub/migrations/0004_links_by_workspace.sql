-- The province view reads each workspace's live links (GET /api/province): without this index
-- it scanned every city's links once per city (35 cities of 5,000 linked documents: 2.9 s a view).
create index links_workspace on links (workspace_id, question_code) where removed_at is null;
