// The bench's real-world-shaped figures (issue 11): filings inside a document's own cluster.
import { describe, expect, it } from 'vitest';
import { evaluateReal } from '../../bench/classifier.bench';
import { classify } from '../../../src/domain/classifier';
import { model2024 } from './helpers';

const m = model2024();
const SERVICE = `UPTD PPA KABUPATEN LEMBAH SARI
LAPORAN PENANGANAN KASUS
Anak korban kekerasan seksual (13 th) diterima melalui rujukan puskesmas. Dilakukan visum et repertum, pendampingan psikologis 4 sesi dan pendampingan hukum sampai persidangan.`;
const doc = (indicator: string, question: string) => ({
  file: `t-${indicator}.txt`, indicator, accept: [indicator], question, questionAccept: [question],
  level: 'kota', issuer: '', kind: 'report', hard: '', pageTexts: [SERVICE],
});

describe('bench: filings inside the own cluster', () => {
  it('a victim service labelled 21B, filed under the cluster neighbour that looks most right, is counted and flagged', () => {
    const r = evaluateReal(m, [doc('21B', '21B.1')]);
    expect(r.misfile.sameCluster.filings).toBe(1);
    expect(r.misfile.sameCluster.recall).toBe(1);
    expect(r.misfile.sameCluster.falseAlarmsReadInOwnCluster).toBe(0);
  });

  it('the same text labelled 22A alone is a false alarm read inside its own cluster', () => {
    const c = classify(m, { text: SERVICE });
    expect(c.indicator).toBe('21B');
    const r = evaluateReal(m, [doc('22A', '22A.1')]);
    expect(r.misfile.falseAlarms).toBe(1);
    expect(r.misfile.sameCluster.falseAlarmsReadInOwnCluster).toBe(1);
  });
});
