-- Kirim catatan compares the evaluator's notes with its last delivery (src/hub/reviews.ts): that
-- lookup runs under the workspace's lock, so it is indexed instead of scanning the feed backwards.
create index changes_deliveries on changes (workspace_id, user_id, seq) where kind = 'reviews-delivered';
