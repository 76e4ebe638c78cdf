import { create } from 'zustand';
import type { AnswerStatus } from '../../domain/model';

/** Instrument screen UI state that survives switching screens (not stored: it is view state). */
interface InstrumentUi {
  query: string;
  agency: string;
  status: AnswerStatus | '';
  /** Only the questions an evaluator says need work (and not yet fixed). */
  needsWork: boolean;
  /** Only the questions without evidence linked ('none'), or with some ('some'). */
  evidence: EvidenceFilter;
  setEvidence: (e: EvidenceFilter) => void;
  setNeedsWork: (on: boolean) => void;
  setQuery: (q: string) => void;
  setAgency: (a: string) => void;
  setStatus: (s: AnswerStatus | '') => void;
  reset: () => void;
}

/** `unchecked`: the questions whose only evidence is links from the app's suggestions, not checked. */
export type EvidenceFilter = '' | 'none' | 'some' | 'unchecked';
/** The agency filter's value for questions no agency is assigned to. */
export const NO_AGENCY = '(none)';

export const useInstrumentUi = create<InstrumentUi>((set) => ({
  query: '',
  agency: '',
  status: '',
  needsWork: false,
  evidence: '',
  setEvidence: (evidence) => set({ evidence }),
  setNeedsWork: (needsWork) => set({ needsWork }),
  setQuery: (query) => set({ query }),
  setAgency: (agency) => set({ agency }),
  setStatus: (status) => set({ status }),
  reset: () => set({ query: '', agency: '', status: '', needsWork: false, evidence: '' }),
}));
