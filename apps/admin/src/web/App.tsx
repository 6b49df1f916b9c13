import { useState } from 'react';
import { ImportPage } from './pages/ImportPage';
import { OpeningDetailPage } from './pages/OpeningDetailPage';
import { OpeningsPage } from './pages/OpeningsPage';
import { ReembedPage } from './pages/ReembedPage';
import { SignInPage } from './pages/SignInPage';
import { hrefOf, useRoute, type Route } from './route';
import { clearAdminKey, loadAdminKey, saveAdminKey } from './session';

const NAV: { route: Route; label: string }[] = [
  { route: { page: 'import' }, label: 'Import openings' },
  { route: { page: 'openings' }, label: 'Openings' },
  { route: { page: 'reembed' }, label: 'Re-embed' },
];

export function App() {
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
        <span className="brand">Moim admin</span>
        <nav>
          {NAV.map((item) => (
            <a
              key={item.route.page}
              href={hrefOf(item.route)}
              className={item.route.page === activePage ? 'active' : undefined}
            >
              {item.label}
            </a>
          ))}
          <a href="/graphiql/" target="_blank" rel="noreferrer">
            GraphQL IDE
          </a>
        </nav>
        <button type="button" className="secondary" onClick={signOut}>
          Sign out
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
