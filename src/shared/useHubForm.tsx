import { useState, type FormEvent } from 'react';
import { useHubError } from './hubErrors';

/**
 * The state of a hub sign-in form (Hub kota, Tampilan provinsi): its fields, a labelled input per
 * field, and a submit that shows the hub's refusal in the user's words.
 */
export function useHubForm<K extends string>(initial: Record<K, string>, optional: readonly NoInfer<K>[] = []) {
  const say = useHubError();
  const [f, setF] = useState(initial);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const field = (k: K, label: string, type = 'text', auto?: string) => (
    <label>
      {label}
      <input type={type} value={f[k]} autoComplete={auto} required={!optional.includes(k)} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
    </label>
  );
  /** A form's onSubmit: runs `action`; a refusal is shown, not thrown. */
  const submit = (action: () => Promise<unknown>) => async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await action();
    } catch (err) {
      setError(say(err));
    } finally {
      setBusy(false);
    }
  };
  const errorLine = error ? (
    <p role="alert" className="error">
      {error}
    </p>
  ) : null;
  return { f, field, submit, busy, setError, errorLine };
}
