import { useState, type FormEvent } from 'react';
import { explainSignInError, graphqlRequest, roleProblem } from '../../lib/graphql';
import { VIEWER } from '../operations';
import type { ViewerRole } from '../types';

/** Resolves when the API says the key is an ADMIN key; throws an Error with the reason otherwise. */
export async function verifyAdminKey(key: string): Promise<void> {
  let role: ViewerRole;
  try {
    role = (await graphqlRequest<{ viewer: { role: ViewerRole } }>(VIEWER, {}, key)).viewer.role;
  } catch (error) {
    throw new Error(explainSignInError(error));
  }
  const problem = roleProblem(role);
  if (problem) throw new Error(problem);
}

export function SignInPage(props: { onSignedIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError('Enter an admin API key.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await verifyAdminKey(trimmed);
      props.onSignedIn(trimmed);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <form className="card" onSubmit={submit}>
        <h1>Moim admin</h1>
        <p className="muted">Sign in with an ADMIN API key. It is kept only in this browser tab.</p>
        <label htmlFor="admin-key">Admin key</label>
        <input
          id="admin-key"
          name="admin-key"
          type="password"
          autoComplete="off"
          value={key}
          onChange={(event) => setKey(event.target.value)}
        />
        {error && (
          <p className="error" role="alert" data-testid="signin-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
