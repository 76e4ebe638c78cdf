import { useQuery } from '@tanstack/react-query';
import { getDb } from '../../db/client';
import { pageLabel, type PageCite } from '../../domain/evidence/pageCite';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';

/** What the city changed since the evaluator's review (the "changed since my review" filter). */
export function ChangesPanel() {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  const db = getDb();
  const changes = useQuery({ queryKey: ['changes', ws.id, ws.updatedAt], queryFn: async () => (await import('../../db/exchange')).changesSinceReview(db, ws.id) });
  const d = changes.data;
  if (!d) return null;
  // a move within a question is a change of the pages cited: "17.2 (hlm. 3) → 17.2 (hlm. 3–5)"
  const placeLabel = (p: { code: string } & PageCite) => (pageLabel(p) ? `${p.code} (${t('evidence.pageCite', { page: pageLabel(p) })})` : p.code);
  return (
    <section className="card changes" data-testid="changes">
      <h2>{t('review.changesTitle')}</h2>
      <ul className="plain small">
        {d.evidence.added.map((c, i) => (
          <li key={`a${i}`} data-change="added">
            + {t('review.added', { code: c.code, name: c.name })}
          </li>
        ))}
        {d.evidence.replaced.map((c, i) => (
          <li key={`r${i}`} data-change="replaced">
            ⇄ {t('review.replaced', { code: c.code, from: c.from.name, to: c.to.name })}
          </li>
        ))}
        {d.evidence.moved.map((c, i) => (
          <li key={`m${i}`} data-change="moved">
            → {t('review.moved', { name: c.name, from: placeLabel(c.from), to: placeLabel(c.to) })}
          </li>
        ))}
        {d.evidence.removed.map((c, i) => (
          <li key={`x${i}`} data-change="removed">
            − {t('review.removed', { code: c.code, name: c.name })}
          </li>
        ))}
        {d.reanswered.map((c) => (
          <li key={`q${c.code}`} data-change="reanswered">
            ✎ {t('review.reanswered', { code: c.code, fields: c.fields.map((f) => t(`review.field.${f}`)).join(', ') })}
          </li>
        ))}
      </ul>
    </section>
  );
}

