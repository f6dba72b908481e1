import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './ui/base.css';
import './ui/components.css';
import { App } from './App';
import { currentLocale, formatNumber, formatTime, onLanguageChange } from './i18n';
import { startLanguage } from './i18n/choice';
import { UpdatePrompt } from './ui/UpdatePrompt';
import { startServiceWorker } from './update/serviceWorker';

/**
 * The app, drawn again in full whenever the language changes: every text is looked up
 * anew while what people typed and where they are stays as it was.
 */
function Root() {
  const [language, setLanguage] = useState(currentLocale());
  useEffect(() => onLanguageChange(setLanguage), []);
  return (
    <>
      <App language={language} />
      <UpdatePrompt />
    </>
  );
}

/**
 * The browser loads what Intl needs on first use, which takes a tenth of a second and more on
 * a slow phone; done while the person reads the first screen, not when the board draws.
 */
function warmIntl(): void {
  formatTime(Date.now());
  formatNumber(1);
}

const root = document.getElementById('app');
void startLanguage().then(() => {
  if (root) render(<Root />, root);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warmIntl, { timeout: 1000 });
  else setTimeout(warmIntl, 200);
});
startServiceWorker();
