import { useEffect, useRef, useState } from 'preact/hooks';
import { formatTime, t } from '../i18n';
import type { Session } from '../session';
import type { IdeaView } from '../store';
import { IDEA_MAX } from './Composer';
import { useId } from './hooks';

interface Props {
  view: IdeaView;
  /** Absent for a read-only card (the screen wall). */
  session?: Session;
  /** The phase lets authors edit and delete their ideas. */
  authorActions?: boolean;
  /** The viewer may hide and unhide this idea. */
  moderate: boolean;
  large?: boolean;
}

const TINTS = 4;

/** One idea as a sticky note, with the actions its viewer may take. */
export function IdeaCard({ view, session, authorActions = true, moderate, large }: Props) {
  const { idea, mine, unsaved } = view;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(idea.text);
  const [confirming, setConfirming] = useState(false);
  const id = useId('idea');
  const editor = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (editing) editor.current?.focus();
  }, [editing]);
  const saved = idea.id > 0;
  const canEdit = session !== undefined && mine && saved && !large && authorActions;

  const classes = [
    'idea',
    `idea--tint${idea.id % TINTS}`,
    idea.hidden ? 'idea--hidden' : '',
    unsaved ? 'idea--unsaved' : '',
    large ? 'idea--large' : '',
  ]
    .filter(Boolean)
    .join(' ');

  const saveEdit = (e: Event) => {
    e.preventDefault();
    const text = draft.trim();
    if (text === '' || [...text].length > IDEA_MAX || !session) return;
    if (text !== idea.text) session.submit({ type: 'edit_idea', idea: idea.id, text });
    setEditing(false);
  };

  return (
    <article class={classes} aria-labelledby={editing && canEdit ? undefined : `${id}-text`}>
      {editing && canEdit ? (
        <form class="idea__edit" onSubmit={saveEdit}>
          <label class="visually-hidden" for={`${id}-edit`}>
            {t('idea.editLabel')}
          </label>
          <textarea
            id={`${id}-edit`}
            class="input"
            rows={3}
            maxLength={IDEA_MAX}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
            ref={editor}
          />
          <div class="idea__actions">
            <button type="submit" class="btn btn--small btn--primary" disabled={draft.trim() === ''}>
              {t('idea.save')}
            </button>
            <button type="button" class="btn btn--small btn--ghost" onClick={() => setEditing(false)}>
              {t('idea.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p id={`${id}-text`} class="idea__text">
          {idea.text}
        </p>
      )}
      <footer class="idea__meta">
        <span class="idea__author">
          {idea.author ? (
            <>
              <span class="idea__name">{idea.author.name}</span>
              {idea.author.organisation ? <span class="idea__org"> · {idea.author.organisation}</span> : null}
            </>
          ) : (
            <span class="idea__name">{t('idea.anonymous')}</span>
          )}
          {mine ? <span class="idea__you"> {t('idea.you')}</span> : null}
        </span>
        <span class="idea__badges">
          {saved && !unsaved ? (
            <time class="idea__time" dateTime={new Date(idea.createdAt).toISOString()}>
              <span class="visually-hidden">{t('idea.postedAt', { time: formatTime(idea.createdAt) })}</span>
              <span aria-hidden="true">{formatTime(idea.createdAt)}</span>
            </time>
          ) : null}
          {unsaved ? <span class="badge badge--unsaved">{t('idea.unsaved')}</span> : null}
          {idea.editedAt !== null ? <span class="badge badge--edited">{t('idea.edited')}</span> : null}
          {idea.hidden ? (
            <span class="badge badge--hidden">{moderate ? t('idea.hidden') : t('idea.hiddenForAuthor')}</span>
          ) : null}
        </span>
      </footer>
      {session && saved && !(editing && canEdit) && (canEdit || moderate) ? (
        confirming && canEdit ? (
          <div class="idea__actions" role="group" aria-label={t('idea.deleteConfirm')}>
            <span class="idea__confirm">{t('idea.deleteConfirm')}</span>
            <button
              type="button"
              class="btn btn--small btn--danger"
              onClick={() => {
                session.submit({ type: 'delete_idea', idea: idea.id });
                setConfirming(false);
              }}
            >
              {t('idea.deleteYes')}
            </button>
            <button type="button" class="btn btn--small btn--ghost" onClick={() => setConfirming(false)}>
              {t('idea.cancel')}
            </button>
          </div>
        ) : (
          <div class="idea__actions">
            {canEdit ? (
              <>
                <button
                  type="button"
                  class="btn btn--small btn--ghost"
                  aria-describedby={`${id}-text`}
                  onClick={() => {
                    setDraft(idea.text);
                    setEditing(true);
                  }}
                >
                  {t('idea.edit')}
                </button>
                <button
                  type="button"
                  class="btn btn--small btn--ghost"
                  aria-describedby={`${id}-text`}
                  onClick={() => setConfirming(true)}
                >
                  {t('idea.delete')}
                </button>
              </>
            ) : null}
            {moderate ? (
              <button
                type="button"
                class="btn btn--small btn--ghost"
                aria-describedby={`${id}-text`}
                onClick={() =>
                  session.submit({ type: idea.hidden ? 'unhide_idea' : 'hide_idea', idea: idea.id })
                }
              >
                {idea.hidden ? t('idea.unhide') : t('idea.hide')}
              </button>
            ) : null}
          </div>
        )
      ) : null}
    </article>
  );
}
