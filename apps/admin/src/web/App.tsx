import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { ImportPage } from './pages/ImportPage';
import { OpeningDetailPage } from './pages/OpeningDetailPage';
import { OpeningsPage } from './pages/OpeningsPage';
import { ReembedPage } from './pages/ReembedPage';
import { SignInPage } from './pages/SignInPage';
import { hrefOf, useRoute, type Route } from './route';
import { clearAdminKey, loadAdminKey, saveAdminKey } from './session';

const NAV: { route: Route; label: 'app.nav.import' | 'app.nav.openings' | 'app.nav.reembed' }[] = [
  { route: { page: 'import' }, label: 'app.nav.import' },
  { route: { page: 'openings' }, label: 'app.nav.openings' },
  { route: { page: 'reembed' }, label: 'app.nav.reembed' },
];

export function App() {
  const { t } = useTranslation();
  const [adminKey, setAdminKey] = useState(loadAdminKey);
  const route = useRoute();

  if (!adminKey) {
    return (
      <SignInPage
        onSignedIn={(key) => {
          saveAdminKey(key);
          setAdminKey(key);
        }}
      />
    );
  }

  const signOut = () => {
    clearAdminKey();
    setAdminKey(null);
  };
  const activePage = route.page === 'opening' ? 'openings' : route.page;

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <nav>
          {NAV.map((item) => (
            <a
              key={item.route.page}
              href={hrefOf(item.route)}
              className={item.route.page === activePage ? 'active' : undefined}
            >
              {t(item.label)}
            </a>
          ))}
          <a href="/graphiql/" target="_blank" rel="noreferrer">
            {t('app.nav.graphiql')}
          </a>
        </nav>
        <LanguageSwitch />
        <button type="button" className="secondary" onClick={signOut}>
          {t('app.signOut')}
        </button>
      </header>
      <main>
        {route.page === 'import' && <ImportPage adminKey={adminKey} onUnauthorized={signOut} />}
        {route.page === 'openings' && <OpeningsPage adminKey={adminKey} />}
        {route.page === 'opening' && <OpeningDetailPage adminKey={adminKey} id={route.id} />}
        {route.page === 'reembed' && <ReembedPage adminKey={adminKey} />}
      </main>
    </div>
  );
}
