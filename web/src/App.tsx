import { useEffect, useState } from 'preact/hooks';
import { onNavigate, parseRoute } from './router';
import { HomePage } from './features/join/HomePage';
import { JoinPage } from './features/join/JoinPage';
import { NotFoundPage } from './ui/NotFoundPage';
import { lazyView } from './ui/lazy';

// The admin page and the staff pages (console, big screen) are chunks of their own: the
// join page, which phones open on a slow network, does not carry them.
const AdminPage = lazyView(() => import('./features/admin/AdminPage').then((m) => m.AdminPage));
const StaffPage = lazyView(() => import('./features/console/StaffPage').then((m) => m.StaffPage));

interface Props {
  /** The language of the texts; a change draws every view again (see main.tsx). */
  language: string;
}

export function App(_props: Props) {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => onNavigate(() => setPath(location.pathname)), []);
  const route = parseRoute(path);

  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'join':
      // Keyed by the event, not the path: moving between the board and proposals keeps the session.
      return <JoinPage key={`join/${route.code}`} code={route.code} sub={route.sub} />;
    case 'admin':
      return <AdminPage />;
    case 'facilitate':
    case 'lead':
      return <StaffPage key={`${route.page}/${route.code}`} code={route.code} kind={route.page} sub={route.sub} />;
    case 'screen':
      return <StaffPage key={`screen/${route.code}`} code={route.code} kind="screen" sub={{ view: 'board' }} />;
    default:
      return <NotFoundPage />;
  }
}
