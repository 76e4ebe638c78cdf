// @vitest-environment jsdom
/**
 * Perangkat Daerah's "belum dijawab, N hari" follows the clock, not only the log: computed when
 * the log changed, a tab left open from Friday said "1 hari" on Monday.
 */
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AgencyLogRow } from '../../src/domain/agencyExchange';
import { ExchangeCell, useAgencyExchanges } from '../../src/features/agencies/AgencyExchange';
import { initI18n } from '../../src/i18n';

const DAY = 86_400_000;
const packAt = Date.UTC(2026, 11, 4, 2); // Friday 4 Dec, 09:00 WIB
const log: AgencyLogRow[] = [{ at: packAt, kind: 'export', detail: { role: 'pack', forId: 'dinkes' } }];
vi.mock('dexie-react-hooks', () => ({ useLiveQuery: () => log }));
vi.mock('../../src/db/client', () => ({ getDb: () => null }));

const agencies = [{ id: 'dinkes', name: 'Dinkes' }];
function Row() {
  const e = useAgencyExchanges('w', agencies);
  return <ExchangeCell exchange={e?.get('dinkes')} />;
}

beforeAll(async () => {
  await initI18n('id');
});
afterEach(() => vi.useRealTimers());

describe("an agency's wait", () => {
  it('grows by the day while the page stays open, and at once when the laptop wakes', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(packAt + DAY + 60_000);
    render(<Row />);
    expect(screen.getByText('belum dijawab, 1 hari')).toBeTruthy();
    // the tab stays open: the hourly tick brings the next day
    act(() => vi.advanceTimersByTime(DAY));
    expect(screen.getByText('belum dijawab, 2 hari')).toBeTruthy();
    // asleep over the weekend (no timer ran): waking says Monday's count without waiting for a tick
    vi.setSystemTime(packAt + 7 * DAY + 60_000);
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    const wait = screen.getByText('belum dijawab, 7 hari');
    expect(wait.className).toBe('warn');
  });
});
