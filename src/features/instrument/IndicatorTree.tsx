import { useState } from 'react';
import type { Indicator } from '../../domain/rules/schema';
import { statusOf } from '../../domain/progress';
import { ProgressRing } from '../../shared/components/ProgressRing';
import { href } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';
import { useNarrow } from '../../shared/useNarrow';
import { useWorkspace } from '../../shared/workspace';
import { useInstrumentUi } from './store';

/** The pseudo-indicator that lists every question of the instrument (an agency's copy: every one of its own). */
export const ALL = 'semua';

/**
 * Instrumen's left pane: every question, then each group's indicators with their progress and
 * points. In an agency's copy (`own`: its questions) only the indicators holding its questions,
 * each with how many of them are ready, and no points (they are the city's).
 */
export function IndicatorTree({ showAll, current, filtering, own }: { showAll: boolean; current: string; filtering: boolean; own: ReadonlySet<string> | null }) {
  const { ws, rules, answers, score } = useWorkspace();
  const { t, pts, lt } = useFmt();
  // on a narrow window the tree folds above the questions
  const narrow = useNarrow();
  const [open, setOpen] = useState(false);
  const readyCount = (codes: string[]) => codes.filter((c) => statusOf(answers, c) === 'ready').length;
  const shown = (ind: Indicator) => ind.questions.map((q) => q.code).filter((c) => !own || own.has(c));
  const allCodes = own ? [...own] : [...rules.questionByCode.keys()];
  const allLabel = own ? t('instrument.ownQuestions', { name: ws.agency?.name ?? '', count: own.size }) : t('instrument.allQuestions', { count: rules.questionCount });
  const allReady = readyCount(allCodes);

  return (
    <details className="tree-fold" data-testid="tree-fold" open={!narrow || open} onToggle={(e) => narrow && setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{showAll ? allLabel : `${t('instrument.indicator')} ${current} · ${lt(rules.indicatorByCode.get(current)!.title)}`}</summary>
      <a href={href(ws.id, 'instrumen', ALL)} className={`tree-ind tree-all${showAll ? ' active' : ''}`} aria-current={showAll ? 'page' : undefined} onClick={() => setOpen(false)}>
        <ProgressRing value={allReady} total={allCodes.length} label={t('instrument.progress', { done: allReady, total: allCodes.length })} />
        <span className="ind-title">{allLabel}</span>
      </a>
      {rules.groups.map((g) => {
        const inds = rules.indicators.filter((i) => i.group === g.id && shown(i).length > 0);
        if (!inds.length) return null;
        const gs = score.groups.find((x) => x.id === g.id)!;
        return (
          <section key={g.id} className="tree-group">
            <h3 title={lt(g.name)}>
              <span>{lt(g.short)}</span>
              {!own && (
                <span className="num muted">
                  {pts(gs.score)}/{pts(gs.max)}
                </span>
              )}
            </h3>
            <ul>
              {inds.map((ind) => {
                const codes = shown(ind);
                const ready = readyCount(codes);
                const is = score.indicators.find((x) => x.code === ind.code)!;
                const on = !filtering && ind.code === current;
                return (
                  <li key={ind.code}>
                    <a
                      href={href(ws.id, 'instrumen', ind.code)}
                      className={`tree-ind${on ? ' active' : ''}`}
                      aria-current={on ? 'page' : undefined}
                      data-indicator={ind.code}
                      onClick={() => {
                        useInstrumentUi.getState().reset();
                        setOpen(false);
                      }}
                    >
                      <ProgressRing value={ready} total={codes.length} label={t('instrument.progress', { done: ready, total: codes.length })} />
                      <span className="ind-code">{ind.code}</span>
                      <span className="ind-title" title={lt(ind.title)}>{lt(ind.title)}</span>
                      {own ? (
                        <span className="small muted">{t('instrument.ownProgress', { done: ready, total: codes.length })}</span>
                      ) : (
                        <span className="num small">
                          {pts(is.score)}/{pts(is.max)}
                        </span>
                      )}
                    </a>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </details>
  );
}
