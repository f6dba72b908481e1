/**
 * What an idea's author (and a moderator) may do to its text: edit it, and (the author
 * only) delete it. Both are queued actions: they survive going offline. The form takes the
 * text's place; the question and the buttons sit below the card's badges.
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Idea } from '../../protocol';
import type { Session } from '../../session';
import { ConfirmButtons } from '../../ui/ConfirmButtons';
import { overLimit, useLimits } from '../../ui/hooks';
import { authorLabel } from './IdeaDisplay';
import type { IdeaPanels } from './ideaPanels';

interface Props {
  idea: Idea;
  mine: boolean;
  session: Session;
  panels: IdeaPanels;
  /** The id of the card's text (buttons are described by it) and prefix of the form's ids. */
  textId: string;
  formId: string;
}

/** The edit form, in place of the text. */
export function IdeaEditForm({ idea, mine, session, panels, formId }: Omit<Props, 'textId'>) {
  const [draft, setDraft] = useState(idea.text);
  const max = useLimits(session)?.idea;
  const save = (e: Event) => {
    e.preventDefault();
    const text = draft.trim();
    if (text === '' || overLimit(text, max)) return;
    if (text !== idea.text) session.actions.ideas.edit(idea.id, text);
    panels.close();
  };
  return (
    <form class="idea__edit" onSubmit={save}>
      <label class="visually-hidden" for={`${formId}-edit`}>
        {mine ? t('idea.editLabel') : t('idea.editOtherLabel', { name: authorLabel(idea) })}
      </label>
      <textarea
        id={`${formId}-edit`}
        class="input"
        rows={3}
        maxLength={max}
        value={draft}
        onInput={(e) => setDraft(e.currentTarget.value)}
        ref={(el) => {
          panels.focusTarget.current = el;
        }}
      />
      <div class="idea__actions">
        <button type="submit" class="btn btn--small btn--primary" disabled={draft.trim() === ''}>
          {t('idea.save')}
        </button>
        <button type="button" class="btn btn--small btn--ghost" onClick={panels.close}>
          {t('idea.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The question before a delete. */
export function IdeaDeleteConfirm({ idea, session, panels }: Pick<Props, 'idea' | 'session' | 'panels'>) {
  return (
    <div class="idea__actions" role="group" aria-label={t('idea.deleteConfirm')}>
      <span class="idea__confirm">{t('idea.deleteConfirm')}</span>
      <ConfirmButtons
        yes={t('idea.deleteYes')}
        no={t('idea.cancel')}
        onYes={() => {
          session.actions.ideas.delete(idea.id);
          panels.setPanel('none');
        }}
        onNo={panels.close}
      />
    </div>
  );
}

/** The Edit and Delete buttons, as the viewer may use them. */
export function IdeaAuthorButtons({
  panels,
  textId,
  canEdit,
  canDelete,
}: Pick<Props, 'panels' | 'textId'> & { canEdit: boolean; canDelete: boolean }) {
  return (
    <>
      {canEdit ? (
        <button
          type="button"
          class="btn btn--small btn--ghost"
          aria-describedby={textId}
          onClick={(e) => panels.open('edit', e)}
        >
          {t('idea.edit')}
        </button>
      ) : null}
      {canDelete ? (
        <button
          type="button"
          class="btn btn--small btn--ghost"
          aria-describedby={textId}
          onClick={(e) => panels.open('delete', e)}
        >
          {t('idea.delete')}
        </button>
      ) : null}
    </>
  );
}
