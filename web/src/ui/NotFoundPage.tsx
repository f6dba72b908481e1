import { t } from '../i18n';
import { Shell } from './Shell';

export function NotFoundPage() {
  return (
    <Shell>
      <section class="panel">
        <h1>{t('app.notFound.title')}</h1>
        <p>{t('app.notFound.body')}</p>
        <p>
          <a href="/">{t('app.home')}</a>
        </p>
      </section>
    </Shell>
  );
}
