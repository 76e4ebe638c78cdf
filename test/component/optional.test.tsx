// @vitest-environment jsdom
/**
 * What a screen can do without (the menu's count of misfile flags, Beranda's line about them)
 * sits in `Optional`: when it throws (the classifier did not load offline, a read failed) it is
 * left out and the rest of the screen stays. The count is in the menu of every screen: without
 * this, one failure took every screen of the workspace down, Berkas and its backup included.
 */
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Optional } from '../../src/shared/components/Optional';

function Broken(): never {
  throw new Error('the classifier did not load');
}

describe('Optional', () => {
  it('leaves out what throws and keeps its siblings', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <nav>
        <a href="#/">Salah klaster<Optional><Broken /></Optional></a>
        <a href="#/berkas">Berkas</a>
      </nav>,
    );
    expect(screen.getByRole('link', { name: 'Salah klaster' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Berkas' })).toBeTruthy();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
    error.mockRestore();
  });

  it('shows what does not throw', () => {
    render(<Optional><span>3</span></Optional>);
    expect(screen.getByText('3')).toBeTruthy();
  });
});
