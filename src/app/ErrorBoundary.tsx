import { Component, type ReactNode } from 'react';
import { isConnectionClosed } from '../db/client';
import i18n from '../i18n';

interface State {
  error: Error | null;
  key?: string;
  /** Redraws after the browser closed the database under a read, and since when they count. */
  retries: number;
  since: number;
  /** The error was shown: it stays until the screen changes (no flicker back to "opening again"). */
  shown: boolean;
}

/** Redraws tried after a closed connection before the error is shown, within RETRY_WINDOW_MS. */
const RETRIES = 3;
const RETRY_MS = 1000;
const RETRY_WINDOW_MS = 60_000;

/**
 * Last line of defence: a screen that throws (a failed database read, a chunk that did not load)
 * shows what happened and a reload button instead of a blank page. Stored data is untouched.
 * A read that failed because the browser closed the database under it (a disk that ran full:
 * Dexie opens it again on the next use) is not an error of the screen: it is drawn again after a
 * second, up to three times a minute, before the error is shown (CI, 7 Dec 2026: an intake on a
 * full disk lost its screen, and its progress, to "The connection was closed").
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  state: State = { error: null, retries: 0, since: 0, shown: false };
  private timer: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey?: string }, state: State) {
    // moving to another screen clears the error
    if (props.resetKey !== state.key) return { error: null, key: props.resetKey, retries: 0, since: 0, shown: false };
    return null;
  }

  private retrying(): boolean {
    const { error, retries, since, shown } = this.state;
    return !!error && !shown && isConnectionClosed(error) && (retries < RETRIES || Date.now() - since > RETRY_WINDOW_MS);
  }

  componentDidMount() {
    this.retryLater(); // a screen that failed on its first draw: the boundary mounts with the error
  }

  componentDidUpdate(prev: { resetKey?: string }) {
    // another screen: a redraw meant for the last one must not clear or count this one's error
    if (prev.resetKey !== this.props.resetKey) this.cancelRetry();
    this.retryLater();
  }

  private cancelRetry() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private retryLater() {
    if (this.state.error && !this.state.shown && !this.retrying()) return void this.setState({ shown: true });
    if (this.timer || !this.retrying()) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const now = Date.now();
      this.setState((s) => (now - s.since > RETRY_WINDOW_MS ? { error: null, retries: 1, since: now } : { error: null, retries: s.retries + 1, since: s.since }));
    }, RETRY_MS);
  }

  componentWillUnmount() {
    this.cancelRetry(); // StrictMode mounts again: the retry must be set up again then
  }

  render() {
    if (!this.state.error) return this.props.children;
    if (this.retrying())
      return (
        <p className="page muted" role="status" data-testid="reconnecting">
          {i18n.t('errors.reconnecting')}
        </p>
      );
    return (
      <div className="page error-box" role="alert" data-testid="error-boundary">
        <p>{i18n.t('errors.unexpected', { reason: this.state.error.message })}</p>
        {isConnectionClosed(this.state.error) && <p>{i18n.t('errors.connectionClosed')}</p>}
        <button type="button" onClick={() => location.reload()}>
          {i18n.t('errors.reload')}
        </button>
      </div>
    );
  }
}
