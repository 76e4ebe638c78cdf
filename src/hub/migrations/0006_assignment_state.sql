-- Assignments change question by question (issue 12): each question's list of agencies is decided
-- by last writer wins on the edit's time, like answers, so two of the officer's devices changing
-- different questions at the same moment both keep their change. This records, per question,
-- when and by whom its list was last decided (a question absent here takes any edit).
create table assignment_state (
  workspace_id text not null references workspaces(id),
  question_code text not null,
  edited_at timestamptz not null,
  edited_by text not null references users(id),
  primary key (workspace_id, question_code)
);
