// @vitest-environment jsdom
/**
 * Hub kota's "not sent" list says when the hub refused the office's name (an older hub knows no
 * such step): before, the refusal was only in the round's report, which nothing showed.
 */
import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NotSent } from '../../src/features/exchange/HubCard';

describe("the hub's not-sent list", () => {
  it("names the office's refused name with the reason in the officer's words, and counts it", () => {
    render(<NotSent refused={[]} unsent={[]} office={{ office: 'DP3A', reason: 'bad-request', at: 1 }} />);
    expect(screen.getByTestId('hub-office-refused').textContent).toBe('Nama dinas pengampu: hub belum mengenal langkah ini (hub lebih lama dari aplikasi); minta pengelola hub memperbaruinya');
    expect(screen.getByTestId('hub-not-sent').textContent).toMatch(/^1 /);
  });

  it('says nothing when nothing was refused', () => {
    const { container } = render(<NotSent refused={[]} unsent={[]} />);
    expect(container.textContent).toBe('');
  });
});
