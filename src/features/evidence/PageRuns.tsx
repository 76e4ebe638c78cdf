/**
 * The pages of a long document that speak about other indicators than the whole (issue 11): "hlm.
 * 12-15 -> 17", each with its best question to link, the link citing the run's pages.
 */
import { suggestRunQuestions, type Classification, type Model } from '../../domain/classifier';
import type { EvidenceDoc } from '../../domain/model';
import { getDb } from '../../db/client';
import { linkDocument } from '../../db/evidence';
import { pageLabel, type PageCite } from '../../domain/evidence/pageCite';
import { withUndo } from '../../shared/linkUndo';
import { useFmt } from '../../shared/useFmt';

interface Props {
  workspaceId: string;
  doc: EvidenceDoc;
  c: Classification;
  model: Model;
  /** Codes the document is linked to already. */
  linked: Set<string>;
  frozen: boolean;
}

export function PageRuns({ workspaceId, doc, c, model, linked, frozen }: Props) {
  const { t } = useFmt();
  const runs = (c.pages ?? []).filter((r) => r.indicator !== c.indicator);
  const link = (code: string, cite: PageCite) => withUndo(workspaceId, linkDocument(getDb(), workspaceId, doc.id, code, cite), t('evidence.pageRuns.linked', { name: doc.name, code, page: pageLabel(cite) }), t);
  if (!runs.length) return null;
  return (
    <div className="small" data-testid="page-runs">
      <p className="muted">{t('evidence.pageRuns.title')}</p>
      <ul className="plain">
        {runs.map((r) => {
          // the run's question from the run's own words (a Perda's chapter on birth certificates asks 4's question on certificates)
          const code = suggestRunQuestions(model, c, r, 1)[0];
          const cite: PageCite = r.to > r.from ? { page: r.from, pageTo: r.to } : { page: r.from };
          const where = r.from === r.to ? t('evidence.pageRuns.page', { page: r.from }) : t('evidence.pageRuns.pages', { from: r.from, to: r.to });
          return (
            <li key={`${r.from}-${r.indicator}`} data-run={`${r.from}-${r.to}:${r.indicator}`}>
              {where} → {t('evidence.pageRuns.indicator', { indicator: r.indicator })}
              {code && !frozen && !linked.has(code) && (
                <>
                  {' '}
                  <button type="button" className="link" aria-label={t('evidence.pageRuns.linkOne', { name: doc.name, code, page: pageLabel(cite) })} onClick={() => void link(code, cite)}>
                    {t('evidence.pageRuns.link', { code })}
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
