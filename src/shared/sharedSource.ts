/**
 * A value every screen reads through useSyncExternalStore from one place: `get` gives it (or
 * throws what reading it threw, for the error boundary), and each listener hears every change.
 * Subclasses read it (the evidence list's documents, the misfile flags): `start` when the first
 * screen subscribes, `stop` when the last one leaves (at once, or later: `lastLeft`).
 */
export abstract class SharedSource<T> {
  private error: unknown = null;
  private stopTimer: ReturnType<typeof setTimeout> | null = null;
  protected readonly listeners = new Set<() => void>();

  constructor(protected value: T) {}

  get = (): T => {
    if (this.error) throw this.error;
    return this.value;
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.cancelStop();
    this.start();
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) this.lastLeft();
    };
  };

  /** Begin reading (again); called for every subscriber, so it returns when it reads already. */
  protected abstract start(): void;

  /** Stop reading and forget (`reset`): nobody shows the value. */
  protected abstract stop(): void;

  /** The last screen left: stop now; a subclass may keep the value a while (stopLater). */
  protected lastLeft(): void {
    this.stop();
  }

  /** Stop after `ms` unless a screen subscribes first. */
  protected stopLater(ms: number): void {
    this.cancelStop();
    this.stopTimer = setTimeout(() => {
      this.stopTimer = null;
      if (!this.listeners.size) this.stop();
    }, ms);
  }

  protected cancelStop(): void {
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.stopTimer = null;
  }

  protected set(value: T): void {
    this.value = value;
    this.error = null;
    this.notify();
  }

  protected fail(e: unknown): void {
    this.error = e;
    this.notify();
  }

  /** Forget the value and any error, telling nobody (nobody is listening). */
  protected reset(value: T): void {
    this.cancelStop();
    this.value = value;
    this.error = null;
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}
