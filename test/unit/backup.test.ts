import { describe, expect, it } from 'vitest';
import { backupDue, backupFileName, backupReminder, backupsOf, citySlug, toRotate } from '../../src/domain/backup';

const at = (s: string) => Date.parse(s);

describe('backup rules', () => {
  it('names carry the city, the year and the time in WIB, so that sorting sorts by age', () => {
    expect(backupFileName('Kota Serang', 2024, at('2026-12-01T23:30:00Z'))).toBe('siap-kla-cadangan-kota-serang-2024-20261202-063000.kla');
    expect(citySlug('Kab. Tanjung Jabung Timur / Jambi')).toBe('kab-tanjung-jabung-timur-jambi');
    expect(citySlug('Bàndung')).toBe('bandung');
    expect(citySlug('///')).toBe('kota');
    const names = ['siap-kla-cadangan-kota-serang-2024-20261203-080000.kla', 'catatan.txt', 'siap-kla-cadangan-kota-serang-2024-20261201-080000.kla', 'siap-kla-cadangan-kota-serang-2023-20261202-080000.kla', 'siap-kla-cadangan-kota-serang-2024-20261202-080000.kla', 'siap-kla-cadangan-kota-serang-2024-x.kla'];
    expect(backupsOf(names, 'Kota Serang', 2024)).toEqual(['siap-kla-cadangan-kota-serang-2024-20261201-080000.kla', 'siap-kla-cadangan-kota-serang-2024-20261202-080000.kla', 'siap-kla-cadangan-kota-serang-2024-20261203-080000.kla']);
  });

  it('rotation keeps the newest, never fewer than one, and never touches other files or years', () => {
    const names = ['siap-kla-cadangan-kota-a-2024-20261201-080000.kla', 'siap-kla-cadangan-kota-a-2024-20261202-080000.kla', 'siap-kla-cadangan-kota-a-2024-20261203-080000.kla', 'siap-kla-cadangan-kota-a-2023-20250101-080000.kla', 'lain.kla'];
    expect(toRotate(names, 'Kota A', 2024, 2)).toEqual(['siap-kla-cadangan-kota-a-2024-20261201-080000.kla']);
    expect(toRotate(names, 'Kota A', 2024, 0)).toEqual(['siap-kla-cadangan-kota-a-2024-20261201-080000.kla', 'siap-kla-cadangan-kota-a-2024-20261202-080000.kla']);
    expect(toRotate(names, 'Kota A', 2024, 7)).toEqual([]);
  });

  it('a backup is due after a day; the reminder after a week, or when there has been none', () => {
    const now = at('2026-12-10T00:00:00Z');
    expect(backupDue(null, now)).toBe(true);
    expect(backupDue(now - 23 * 3600_000, now)).toBe(false);
    expect(backupDue(now - 24 * 3600_000, now)).toBe(true);
    expect(backupReminder(undefined, now)).toEqual({ due: true, days: null });
    expect(backupReminder(now - 6.9 * 86_400_000, now)).toEqual({ due: false, days: 6 });
    expect(backupReminder(now - 9 * 86_400_000, now)).toEqual({ due: true, days: 9 });
  });
});
