import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphqlRequest, roleProblem, signInProblemOf, type SignInProblem } from '../../lib/graphql';
import { LanguageSwitch } from '../LanguageSwitch';
import { ViewerDocument } from '../../generated/graphql';

/** Null when the API says the key is an ADMIN key, else why not. */
export async function verifyAdminKey(key: string): Promise<SignInProblem | null> {
  try {
    const role = (await graphqlRequest(ViewerDocument, {}, key)).viewer.role;
    return roleProblem(role);
  } catch (error) {
    return signInProblemOf(error);
  }
}

type SignInError = SignInProblem | { code: 'emptyKey' };

export function SignInPage(props: { onSignedIn: (key: string) => void }) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const [error, setError] = useState<SignInError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError({ code: 'emptyKey' });
      return;
    }
    setBusy(true);
    setError(null);
    const problem = await verifyAdminKey(trimmed);
    setBusy(false);
    if (problem) setError(problem);
    else props.onSignedIn(trimmed);
  };

  return (
    <div className="signin">
      <form className="card" onSubmit={submit}>
        <LanguageSwitch />
        <h1>{t('app.title')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        <label htmlFor="admin-key">{t('signIn.keyLabel')}</label>
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
            {error.code === 'emptyKey' ? t('signIn.emptyKey') : t(`signIn.problem.${error.code}`, error)}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.checking') : t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
