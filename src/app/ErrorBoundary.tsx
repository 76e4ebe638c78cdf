import { Component, type ReactNode } from 'react';
import i18n from '../i18n';

/**
 * Last line of defence: a screen that throws (a failed database read, a chunk that did not load)
 * shows what happened and a reload button instead of a blank page. Stored data is untouched.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error: Error | null; key?: string }> {
  state: { error: Error | null; key?: string } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey?: string }, state: { error: Error | null; key?: string }) {
    // moving to another screen clears the error
    if (props.resetKey !== state.key) return { error: null, key: props.resetKey };
    return null;
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="page error-box" role="alert" data-testid="error-boundary">
        <p>{i18n.t('errors.unexpected', { reason: this.state.error.message })}</p>
        <button type="button" onClick={() => location.reload()}>
          {i18n.t('errors.reload')}
        </button>
      </div>
    );
  }
}
