import { useState, type FormEvent } from 'react';
import { explainSignInError, graphqlRequest } from '../../lib/graphql';
import { VERIFY_ADMIN } from '../operations';

// Any id works: the point is whether the API lets this key ask at all.
const PROBE_ID = 'admin-console-sign-in-check';

export async function verifyAdminKey(key: string): Promise<void> {
  await graphqlRequest(VERIFY_ADMIN, { id: PROBE_ID }, key).catch((error: unknown) => {
    // An admin asking for a job that does not exist may get NOT_FOUND / BAD_USER_INPUT: that still proves access.
    if (error instanceof Error && 'kind' in error && (error.kind === 'bad-input' || isNotFound(error))) return;
    throw error;
  });
}

function isNotFound(error: Error): boolean {
  const errors = (error as { errors?: { extensions?: { code?: string } }[] }).errors ?? [];
  return errors.some((e) => e.extensions?.code === 'NOT_FOUND');
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
      setError(explainSignInError(caught));
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
