import type { ComponentChildren } from 'preact';
import { formatTime, t } from '../../i18n';
import type { Idea } from '../../protocol';
import type { IdeaView } from '../../ideaViews';
import { personName } from '../../people';

interface Props {
  view: IdeaView;
  /** The id of the text, which the card and its buttons are described by. */
  textId: string;
  /** "edited by NAME", or null to say only "edited". */
  editor: string | null;
  /** The viewer moderates the idea's track (the hidden badge says so). */
  moderate: boolean;
  /** Shown in place of the text (the edit form). */
  replaceText?: ComponentChildren;
  /** How many support the idea and the "Me too" toggle, last among the badges. */
  support?: ComponentChildren;
}

export function authorLabel(idea: Idea): string {
  return idea.author ? personName(idea.author) : t('idea.anonymous');
}

/** What an idea card shows: its text, author and badges (pinned, time, unsaved, edited, hidden). */
export function IdeaDisplay({ view, textId, editor, moderate, replaceText, support }: Props) {
  const { idea, mine, unsaved } = view;
  const saved = idea.id > 0;
  return (
    <>
      {replaceText ?? (
        <p id={textId} class="idea__text">
          {idea.text}
        </p>
      )}
      <footer class="idea__meta">
        <span class="idea__author">
          {idea.author ? (
            <>
              <span class="idea__name">{personName(idea.author)}</span>
              {idea.author.organisation ? <span class="idea__org"> · {idea.author.organisation}</span> : null}
            </>
          ) : (
            <span class="idea__name">{t('idea.anonymous')}</span>
          )}
          {mine ? <span class="idea__you"> {t('idea.you')}</span> : null}
        </span>
        <span class="idea__badges">
          {idea.pinned ? (
            <span class="badge badge--pinned">
              <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
                <path d="M10 1l5 5-2 1-3 3 .5 3.5L9 15l-3-3-4 4-1-1 4-4-3-3 1.5-1.5L7 6l3-3z" fill="currentColor" />
              </svg>{' '}
              {t('idea.pinned')}
            </span>
          ) : null}
          {saved && !unsaved ? (
            <time class="idea__time" dateTime={new Date(idea.createdAt).toISOString()}>
              <span class="visually-hidden">{t('idea.postedAt', { time: formatTime(idea.createdAt) })}</span>
              <span aria-hidden="true">{formatTime(idea.createdAt)}</span>
            </time>
          ) : null}
          {unsaved ? <span class="badge badge--unsaved">{t('idea.unsaved')}</span> : null}
          {idea.editedAt !== null ? (
            <span class="badge badge--edited" data-testid="edited">
              {editor !== null ? t('idea.editedBy', { name: editor }) : t('idea.edited')}
            </span>
          ) : null}
          {idea.hidden ? (
            <span class="badge badge--hidden">{moderate ? t('idea.hidden') : t('idea.hiddenForAuthor')}</span>
          ) : null}
          {support}
        </span>
      </footer>
    </>
  );
}
