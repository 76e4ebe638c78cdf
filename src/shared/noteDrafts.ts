/**
 * A question's notes as typed, kept in localStorage until they are stored: a note saved when the
 * page goes (pagehide) starts an IndexedDB write the reload or the closed tab can cut off (the
 * eighth walk typed a note and reloaded at once: it was gone). localStorage is written at once, so
 * what was typed survives, and the next time the workspace opens it is stored as an edit of its own.
 * A draft older than the stored answer (edited since, here or through the hub) is dropped.
 */
import type { Answer } from '../domain/model';

const PREFIX = 'siap-kla.draft-notes:';
const keyOf = (workspaceId: string, code: string) => `${PREFIX}${workspaceId}:${code}`;

interface Draft {
  text: string;
  at: number;
}

function readDraft(key: string): Draft | null {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? 'null') as Draft | null;
    return v && typeof v.text === 'string' && typeof v.at === 'number' ? v : null;
  } catch {
    return null;
  }
}

/** What is typed now (each change: a few hundred bytes, written at once). */
export function keepDraft(workspaceId: string, code: string, text: string, now = Date.now()): void {
  try {
    localStorage.setItem(keyOf(workspaceId, code), JSON.stringify({ text, at: now }));
  } catch {
    // storage full or refused: the save on pause and on leaving still runs
  }
}

/** Stored: the draft goes, unless more was typed since (that one is kept until its own save). */
export function dropDraft(workspaceId: string, code: string, stored: string): void {
  const key = keyOf(workspaceId, code);
  if (readDraft(key)?.text === stored) localStorage.removeItem(key);
}

/**
 * The drafts of this workspace left by a page that went before they were stored, newer than the
 * stored answer and different from it: to be stored now. The others are dropped.
 */
export function draftsToRecover(workspaceId: string, answers: ReadonlyMap<string, Answer>): { code: string; text: string; at: number }[] {
  const out: { code: string; text: string; at: number }[] = [];
  const prefix = `${PREFIX}${workspaceId}:`;
  for (const key of Object.keys(localStorage).filter((k) => k.startsWith(prefix))) {
    const code = key.slice(prefix.length);
    const d = readDraft(key);
    const a = answers.get(code);
    if (d && d.text !== (a?.notes ?? '') && d.at > (a?.updatedAt ?? 0)) out.push({ code, text: d.text, at: d.at });
    else localStorage.removeItem(key);
  }
  return out;
}
