-- Evaluator reviews through the hub (issue 12, point 3: "an evaluator reads all and writes
-- reviews"). A review is one evaluator's word on one question: a draft, seen only by that
-- evaluator's devices, until the evaluator sends the notes (Kirim catatan). Sending copies the
-- evaluator's current reviews into the feed as one delivery the officer's devices take as the
-- revision checklist; the countdown starts from the hub's time of that delivery.
create table reviews (
  workspace_id text not null references workspaces(id),
  question_code text not null,
  user_id text not null references users(id),
  verdict text check (verdict in ('sesuai', 'perlu-perbaikan', 'salah-klaster', 'dokumen-tidak-ada')),
  note text not null default '',
  points numeric,
  mark boolean not null default false,
  edited_at timestamptz not null,
  primary key (workspace_id, question_code, user_id)
);
