import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import type { ResultOf } from '../../protocol';
import { joinUrl, staffUrl } from '../../router';
import { CopyField } from '../../ui/CopyField';

interface Props {
  result: ResultOf['create_event'];
}

/** What an admin hands out after creating an event: the code and the two links. */
export function EventCreated({ result }: Props) {
  const { event, facilitatorToken } = result;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [event.id]);
  return (
    <section class="panel created" aria-labelledby="created-heading">
      <h2 id="created-heading" ref={heading} tabIndex={-1}>
        {t('admin.created', { title: event.title })}
      </h2>
      <p class="created__code-label">{t('admin.joinCode')}</p>
      <p class="created__code" data-testid="join-code">
        {event.code}
      </p>
      <CopyField label={t('admin.joinLink')} value={joinUrl(event.code)} />
      <CopyField label={t('admin.facilitatorLink')} value={staffUrl('facilitate', event.code, facilitatorToken)} />
    </section>
  );
}
