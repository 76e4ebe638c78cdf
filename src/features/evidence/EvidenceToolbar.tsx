/**
 * Bukti's search box, filters and order, and their state (EvidencePage applies them to the list).
 */
import { useState } from 'react';
import type { EvidenceKind } from '../../domain/model';
import { AgencyFilter, type AgencyFilterExtra } from '../../shared/components/AgencyFilter';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { DOC_SORTS, useDocSort, type DocSort } from './docSort';

const KINDS: EvidenceKind[] = ['pdf', 'image', 'docx', 'doc', 'xlsx', 'xls', 'odt', 'ods', 'text'];

export interface EvidenceFilters {
  query: string;
  kind: EvidenceKind | '';
  agency: string;
  group: string;
  linked: '' | 'yes' | 'no';
  problems: boolean;
  sort: DocSort;
}

export type SetFilter = <K extends keyof EvidenceFilters>(key: K, value: EvidenceFilters[K]) => void;

/** The filters' state: each starts afresh with the screen, the order is kept (docSort.ts). */
export function useEvidenceFilters(): [EvidenceFilters, SetFilter] {
  const [f, setF] = useState<Omit<EvidenceFilters, 'sort'>>({ query: '', kind: '', agency: '', group: '', linked: '', problems: false });
  const [sort, setSort] = useDocSort();
  const set: SetFilter = (key, value) => (key === 'sort' ? setSort(value as DocSort) : setF((prev) => ({ ...prev, [key]: value })));
  return [{ ...f, sort }, set];
}

/** `agencyFilter`: false in an agency's copy (it holds its own documents only). */
/** `agencyCounts`: documents confirmed as each agency's own. */
export function EvidenceToolbar({ f, set, agencyFilter, guesses, agencyCounts }: { f: EvidenceFilters; set: SetFilter; agencyFilter: boolean; guesses: AgencyFilterExtra; agencyCounts: ReadonlyMap<string, number> }) {
  const { rules, agencies } = useWorkspace();
  const { t, lt } = useFmt();
  return (
    <div className="toolbar">
      <input type="search" aria-label={t('evidence.search')} placeholder={t('evidence.search')} value={f.query} onChange={(e) => set('query', e.target.value)} />
      <select aria-label={t('evidence.filters.kind')} value={f.kind} onChange={(e) => set('kind', e.target.value as EvidenceKind | '')}>
        <option value="">
          {t('evidence.filters.kind')}: {t('evidence.filters.all')}
        </option>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`evidence.kinds.${k}`)}
          </option>
        ))}
      </select>
      {/* an agency's copy holds its own documents only: 32 agencies to pick from is noise (the sixth walk) */}
      {agencyFilter && <AgencyFilter agencies={agencies} value={f.agency} onChange={(v) => set('agency', v)} label={t('evidence.filters.agency')} allLabel={t('evidence.filters.all')} extra={guesses} counts={agencyCounts} />}
      <select aria-label={t('evidence.filters.group')} value={f.group} onChange={(e) => set('group', e.target.value)}>
        <option value="">
          {t('evidence.filters.group')}: {t('evidence.filters.all')}
        </option>
        {rules.groups.map((g) => (
          <option key={g.id} value={g.id}>
            {lt(g.short)}
          </option>
        ))}
      </select>
      <select aria-label={t('evidence.filters.linked')} value={f.linked} onChange={(e) => set('linked', e.target.value as '' | 'yes' | 'no')}>
        <option value="">
          {t('evidence.filters.linked')}: {t('evidence.filters.all')}
        </option>
        <option value="yes">{t('evidence.filters.linkedYes')}</option>
        <option value="no">{t('evidence.filters.linkedNo')}</option>
      </select>
      <select aria-label={t('evidence.sort.label')} value={f.sort} onChange={(e) => set('sort', e.target.value as DocSort)}>
        {DOC_SORTS.map((s) => (
          <option key={s} value={s}>
            {t('evidence.sort.label')}: {t(`evidence.sort.${s}`)}
          </option>
        ))}
      </select>
      <label className="check small">
        <input type="checkbox" checked={f.problems} onChange={(e) => set('problems', e.target.checked)} /> {t('evidence.filters.problemsOnly')}
      </label>
    </div>
  );
}
