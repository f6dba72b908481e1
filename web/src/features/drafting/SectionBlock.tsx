import type { EditorView } from '@codemirror/view';
import { EditorView as View } from '@codemirror/view';
import { useEffect, useRef, useState } from 'preact/hooks';
import { peerColour, setFocusedPassage } from '../../collab/decorations';
import type { SectionSync } from '../../collab/sectionSync';
import type { SyncStatus } from '../../collab/syncTypes';
import { sectionsOf } from '../../collab/sections';
import { commentThreads, findQuote, mayEditProposal, quoteOf } from './drafting';
import { errorText, formatNumber, t, tn } from '../../i18n';
import type { Comment, Proposal, TemplateSection } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import type { Passage } from './CommentThreads';
import { CommentThreads } from './CommentThreads';
import { SectionEditor } from './SectionEditor';
import { SectionHistory } from './SectionHistory';

interface Props {
  session: Session;
  state: AppState;
  proposal: Proposal;
  index: number;
  section: TemplateSection;
  /** The viewer may edit now (team or staff, not frozen). */
  editable: boolean;
  /** The viewer may comment. */
  commenting: boolean;
}

/** The counter shows from this share of the limit on. */
const COUNTER_FROM = 0.8;

/** The section sync's status, re-rendered on every change. */
function useSyncStatus(sync: SectionSync): SyncStatus {
  const [status, setStatus] = useState(sync.status);
  useEffect(() => {
    setStatus(sync.status);
    return sync.subscribe(setStatus);
  }, [sync]);
  return status;
}

function saveText(status: SyncStatus): string {
  switch (status.save) {
    case 'loading':
      return status.online ? t('section.loading') : t('section.waitingOnline');
    case 'saved':
      return t('section.saved');
    case 'saving':
      return t('section.saving');
    case 'unsaved':
      return t('section.unsaved');
    case 'held':
      return t('section.held');
  }
}

/** One template section of a proposal: heading, hint, live editor, save state, presence, comments, history. */
export function SectionBlock({ session, state, proposal, index, section, editable, commenting }: Props) {
  const [sync, setSync] = useState<SectionSync | null>(null);
  const viewRef = useRef<EditorView | null>(null);
  const [emptySelection, setEmptySelection] = useState(true);
  const [passage, setPassage] = useState<Passage | null>(null);
  const [history, setHistory] = useState(false);
  const [notFound, setNotFound] = useState<number | null>(null);

  useEffect(() => {
    const registry = sectionsOf(session);
    const s = registry.acquire(proposal.id, index);
    setSync(s);
    return () => registry.release(s);
  }, [session, proposal.id, index]);

  const id = `p${proposal.id}-s${index}`;
  const threads = commentThreads(state.comments, proposal.id, index);

  const commentOnSelection = () => {
    const view = viewRef.current;
    if (!view || !sync) return;
    const sel = view.state.selection.main;
    if (sel.empty) return;
    const at = sync.toSynced(sel.from, sel.to);
    setPassage({
      section: index,
      from: Math.min(at.anchor, at.head),
      to: Math.max(at.anchor, at.head),
      version: at.version,
      quote: quoteOf(view.state.sliceDoc(sel.from, sel.to), state.limits?.quote),
    });
  };

  /** Highlights a comment's passage if it is still in the text; says so otherwise. */
  const showPassage = (comment: Comment) => {
    const view = viewRef.current;
    if (!view || !sync || comment.quote === null) return;
    const near =
      comment.from !== null && comment.version !== null ? sync.fromVersion(comment.from, comment.version, 1) : null;
    const found = findQuote(view.state.doc.toString(), comment.quote, near);
    if (found === null) {
      setNotFound(comment.id);
      view.dispatch({ effects: setFocusedPassage.of(null) });
      return;
    }
    setNotFound(null);
    view.dispatch({
      effects: [setFocusedPassage.of(found), View.scrollIntoView(found.from, { y: 'center' })],
    });
  };

  return (
    <section class="section-block" aria-labelledby={`${id}-heading`} data-testid="section">
      <div class="section-block__main">
        <h2 id={`${id}-heading`} class="section-block__heading">
          {section.heading}
        </h2>
        {state.frozen ? (
          <p id={`${id}-frozen`} class="section-frozen" data-testid="section-frozen">
            <span class="frozen-banner__icon" aria-hidden="true">
              ❄
            </span>
            {mayEditProposal(state.you, proposal) ? t('frozen.sectionEditor') : t('frozen.section')}
          </p>
        ) : null}
        {section.hint ? (
          <p id={`${id}-hint`} class="hint section-block__hint">
            {section.hint}
          </p>
        ) : null}
        {sync ? (
          <SectionBody
            sync={sync}
            state={state}
            editable={editable}
            label={section.heading}
            describedBy={
              [state.frozen ? `${id}-frozen` : '', section.hint ? `${id}-hint` : ''].join(' ').trim() || null
            }
            hint={section.hint}
            viewRef={viewRef}
            onSelection={setEmptySelection}
            id={id}
          />
        ) : null}
        <div class="section-block__tools">
          {commenting ? (
            <button
              type="button"
              class="btn btn--small"
              disabled={emptySelection}
              title={emptySelection ? t('comments.selectFirst') : undefined}
              onClick={commentOnSelection}
            >
              {t('comments.onSelection')}
            </button>
          ) : null}
          <button
            type="button"
            class="btn btn--small btn--ghost"
            aria-expanded={history}
            aria-controls={`${id}-history`}
            onClick={() => setHistory(!history)}
          >
            {history ? t('history.hide') : t('history.show')}
          </button>
        </div>
        {history && sync ? (
          <div id={`${id}-history`}>
            <SectionHistory
              session={session}
              state={state}
              sync={sync}
              proposal={proposal}
              index={index}
              restore={editable}
            />
          </div>
        ) : null}
      </div>
      <aside class="section-block__comments" aria-label={t('comments.onSection', { heading: section.heading })}>
        <CommentThreads
          session={session}
          state={state}
          proposal={proposal}
          threads={threads}
          section={index}
          commenting={commenting}
          passage={passage}
          onPassageDone={() => setPassage(null)}
          onShowPassage={showPassage}
          notFound={notFound}
          idPrefix={id}
        />
      </aside>
    </section>
  );
}

interface BodyProps {
  sync: SectionSync;
  state: AppState;
  editable: boolean;
  label: string;
  describedBy: string | null;
  hint: string;
  viewRef: { current: EditorView | null };
  onSelection: (empty: boolean) => void;
  id: string;
}

/** The editor with its save state, the people in the section and the character counter. */
function SectionBody({ sync, state, editable, label, describedBy, hint, viewRef, onSelection, id }: BodyProps) {
  const status = useSyncStatus(sync);
  const you = state.you?.id ?? null;
  // Everyone with the proposal open has every section open: those with a cursor here are
  // the ones writing (or reading closely) here.
  const others = status.editors.filter((e) => e.member !== you);
  const writing = others.filter((e) => e.anchor !== null);
  const reading = others.length - writing.length;
  const canType = editable && status.save !== 'loading';
  const max = state.limits?.sectionChars;
  return (
    <div class={`section-editor section-editor--${status.save}`}>
      <div class="section-editor__status">
        <p class={`save-state save-state--${status.save}`} data-testid="save-state">
          <span class="save-state__dot" aria-hidden="true" />
          {saveText(status)}
        </p>
        {others.length > 0 ? (
          <p class="section-editor__people" data-testid="section-people">
            {writing.length > 0 ? <span class="visually-hidden">{t('section.peopleHere')} </span> : null}
            {writing.map((e) => (
              <span key={e.member} class={`peer-chip cm-peer--${peerColour(e.member)}`}>
                {e.name}
              </span>
            ))}
            {reading > 0 ? <span class="muted section-editor__reading">{tn('section.reading', reading)}</span> : null}
          </p>
        ) : null}
      </div>
      <SectionEditor
        sync={sync}
        editable={canType}
        label={label}
        describedBy={describedBy}
        placeholder={hint}
        viewRef={viewRef}
        onSelection={onSelection}
      />
      {max !== undefined && status.length >= Math.round(max * COUNTER_FROM) ? (
        <p class={status.length >= max ? 'counter counter--near' : 'counter'} id={`${id}-counter`}>
          {t('section.counter', { count: formatNumber(status.length), max: formatNumber(max) })}
          {status.length >= max ? ` ${t('section.full')}` : ''}
        </p>
      ) : null}
      <SyncProblemView sync={sync} status={status} max={max} />
    </div>
  );
}

/** Why the last changes were not saved, and what happened to them. */
function SyncProblemView({ sync, status, max }: { sync: SectionSync; status: SyncStatus; max: number | undefined }) {
  const problem = status.problem;
  if (problem === null) return null;
  let text: string;
  if (problem.dropped) {
    text =
      problem.code === 'too_large'
        ? max === undefined
          ? t('section.dropped.too_long')
          : t('section.dropped.too_large', { max: formatNumber(max) })
        : problem.code === 'forbidden'
          ? t('section.dropped.forbidden')
          : t('section.dropped.bad_value');
  } else if (problem.code === 'frozen') {
    text = t('section.frozenHeld');
  } else if (problem.code === 'not_found') {
    text = problem.dropped ? t('section.goneDropped') : t('section.gone');
  } else {
    text = t('section.problem', { reason: errorText(problem.code) });
  }
  return (
    <div class="notice section-problem" role="alert">
      <div>
        <p>{text}</p>
        {problem.lostText ? (
          <details class="section-problem__lost">
            <summary>{t('section.lostText')}</summary>
            <textarea
              class="input section-problem__text"
              readOnly
              rows={6}
              value={problem.lostText}
              aria-label={t('section.lostText')}
            />
          </details>
        ) : null}
      </div>
      <div class="section-problem__actions">
        {status.save === 'held' ? (
          <button type="button" class="btn btn--small btn--ghost" onClick={() => sync.discard()}>
            {t('section.discard')}
          </button>
        ) : (
          <button type="button" class="btn btn--small btn--ghost" onClick={() => sync.dismissProblem()}>
            {t('notice.dismiss')}
          </button>
        )}
      </div>
    </div>
  );
}
