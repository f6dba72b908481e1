import { useEffect, useState } from 'preact/hooks';
import { currentLocale } from '../i18n';
import { onNavigate, parseRoute } from '../router';
import { AdminPage } from './AdminPage';
import { HomePage } from './HomePage';
import { JoinPage } from './JoinPage';
import { NotFoundPage } from './NotFoundPage';
import { StaffPage } from './StaffPage';

export function App() {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => onNavigate(() => setPath(location.pathname)), []);
  const route = parseRoute(path);

  useEffect(() => {
    document.documentElement.lang = currentLocale();
  }, []);

  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'join':
      return <JoinPage key={path} code={route.code} />;
    case 'admin':
      return <AdminPage />;
    case 'facilitate':
    case 'lead':
    case 'screen':
      return <StaffPage key={path} code={route.code} kind={route.page} />;
    default:
      return <NotFoundPage />;
  }
}
