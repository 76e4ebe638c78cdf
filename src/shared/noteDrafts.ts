/**
 * A question's notes as typed, kept in localStorage until they are stored: a note saved when the
 * page goes (pagehide) starts an IndexedDB write the reload or the closed tab can cut off (the
 * eighth walk typed a note and reloaded at once: it was gone). localStorage is written at once, so
 * what was typed survives, and the next time the workspace opens it is stored as an edit of its own.
 * A draft older than the stored answer (edited since, here or through the hub) is dropped.
 * `useRecoveredDrafts` (called by the workspace provider) stores and says them when a workspace opens.
 */
import { useEffect, useState } from 'react';
import { getDb } from '../db/client';
import { updateAnswer } from '../db/queries';
import type { Answer, Workspace } from '../domain/model';
import type { Rules } from '../domain/rules/load';
import i18n from '../i18n';
import { showToast } from './toast';

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

/**
 * Notes typed just before the page went (a reload, a closed tab) whose save was cut off are kept
 * in localStorage (noteDrafts.ts): stored when the workspace opens, and said.
 */
export function useRecoveredDrafts(ws: Workspace, rules: Rules, answerList: Answer[] | undefined) {
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    if (!answerList || done === ws.id) return;
    setDone(ws.id);
    const drafts = draftsToRecover(ws.id, new Map(answerList.map((a) => [a.code, a])));
    if (!drafts.length) return;
    void (async () => {
      const db = getDb();
      const stored: string[] = [];
      const refused: string[] = [];
      for (const d of drafts) {
        // stored only if still newer than the answer when written: another tab's save of what it
        // typed after this draft (its 600 ms pause) is never overwritten by the draft
        const r = await db
          .transaction('rw', db.answers, db.activity, db.workspaces, async () => {
            const now = await db.answers.get([ws.id, d.code]);
            if (now && now.updatedAt >= d.at) return 'stale' as const;
            await updateAnswer(db, rules, ws.id, d.code, { notes: d.text });
            return 'stored' as const;
          })
          .catch(() => 'refused' as const);
        // refused (a copy closed to edits): the draft stays, and the officer is told
        if (r === 'refused') refused.push(d.code);
        else dropDraft(ws.id, d.code, d.text);
        if (r === 'stored') stored.push(d.code);
      }
      if (stored.length) showToast({ message: i18n.t('instrument.draftsRecovered', { codes: stored.join(', ') }) });
      else if (refused.length) showToast({ message: i18n.t('instrument.draftsRefused', { codes: refused.join(', ') }) });
    })();
  }, [ws.id, rules, answerList, done]);
}
