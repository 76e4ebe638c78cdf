// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fileLimitMs, initialLane, pickNext, poolSize, SILENCE_MS, watchdogVerdict, type Lane, type Waiting } from '../../../src/shared/intakeSchedule';

const w = (id: string, lane: Lane): Waiting => ({ id, lane });

describe('intake lanes', () => {
  it('images start in the scan lane (by MIME or extension), PDFs and office files in the text lane; with OCR off all are text', () => {
    expect(initialLane('foto.jpg', '', true)).toBe('scan');
    expect(initialLane('IMG_0001', 'image/jpeg', true)).toBe('scan');
    expect(initialLane('scan.TIFF', '', true)).toBe('scan');
    expect(initialLane('laporan.pdf', 'application/pdf', true)).toBe('text');
    expect(initialLane('notulen.docx', '', true)).toBe('text');
    expect(initialLane('foto.jpg', 'image/jpeg', false)).toBe('text');
  });

  it('while text files wait, at most pool-1 readers do OCR; text files never wait behind scans', () => {
    const queue = [w('s1', 'scan'), w('t1', 'text'), w('s2', 'scan')];
    // pool of 2, both free: one takes a scan, the other must take the text file
    expect(pickNext(queue, [], 2)).toBe('s1');
    expect(pickNext([w('t1', 'text'), w('s2', 'scan')], ['scan'], 2)).toBe('t1');
    // pool of 4 with 3 scanning: the fourth reader stays with the text files
    expect(pickNext([w('t1', 'text'), w('s2', 'scan')], ['scan', 'scan', 'scan'], 4)).toBe('t1');
    expect(pickNext([w('t1', 'text'), w('s2', 'scan')], ['scan', 'text'], 4)).toBe('s2');
    // a single reader reads the text files first
    expect(pickNext(queue, [], 1)).toBe('t1');
  });

  it('with no text waiting, scans may use every reader; nothing waiting gives null', () => {
    expect(pickNext([w('s2', 'scan')], ['scan'], 2)).toBe('s2');
    expect(pickNext([w('s2', 'scan')], [], 1)).toBe('s2');
    expect(pickNext([], ['text'], 2)).toBeNull();
  });

  it('follows the order within a lane', () => {
    expect(pickNext([w('t1', 'text'), w('t2', 'text')], [], 2)).toBe('t1');
  });

  it('sizes the pool to the cores, at least 1 and at most 4', () => {
    expect(poolSize(undefined)).toBe(2);
    expect(poolSize(1)).toBe(1);
    expect(poolSize(2)).toBe(2);
    expect(poolSize(3)).toBe(3);
    expect(poolSize(16)).toBe(4);
  });
});

describe('watchdog', () => {
  const at = (ocrPages = 0, storing = false) => ({ startedAt: 0, lastSeen: 0, ocrPages, storing });

  it('ends a reader past the time limit; each OCR page begun adds a quarter of the limit', () => {
    expect(fileLimitMs(120, 0)).toBe(120_000);
    expect(fileLimitMs(120, 4)).toBe(240_000);
    const beating = (now: number, pages = 0) => watchdogVerdict({ ...at(pages), lastSeen: now - 1000 }, now, 120);
    expect(beating(120_000)).toBeNull();
    expect(beating(120_001)).toEqual({ kind: 'timeout', sec: 120 });
    expect(beating(120_001, 2)).toBeNull();
    expect(beating(180_001, 2)).toEqual({ kind: 'timeout', sec: 180 });
  });

  it('ends a reader that is silent too long, even within the time limit', () => {
    expect(watchdogVerdict(at(), SILENCE_MS, 600)).toBeNull();
    expect(watchdogVerdict(at(), SILENCE_MS + 1, 600)).toEqual({ kind: 'silent', sec: SILENCE_MS / 1000 });
    expect(watchdogVerdict({ ...at(), lastSeen: 50_000 }, 60_000, 600)).toBeNull();
  });

  it('never times out a file being stored (a write is atomic; ending it gains nothing), but silence still counts', () => {
    expect(watchdogVerdict({ ...at(0, true), lastSeen: 200_000 }, 200_500, 120)).toBeNull();
    expect(watchdogVerdict(at(0, true), 200_000, 120)).toEqual({ kind: 'silent', sec: SILENCE_MS / 1000 });
  });
});
