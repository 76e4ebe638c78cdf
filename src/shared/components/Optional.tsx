import { Component, type ReactNode } from 'react';

/**
 * For what a screen can do without (the menu's count of flags, a line on Beranda): if it throws
 * (the classifier did not load, a read failed), it shows nothing instead of taking the screen, or
 * every screen, down with it. The screens that are about that thing show the error themselves.
 */
export class Optional extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: unknown) {
    console.warn('an optional part of the screen failed and is left out:', error);
  }

  render() {
    return this.state.failed ? null : this.props.children;
  }
}
