import { useEffect, useRef, useState } from 'preact/hooks';
import type { CommentThread } from './drafting';
import { charCount, mayResolve } from './drafting';
import { formatTime, t, tn } from '../../i18n';
import type { Comment, Proposal } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { useLimits, useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import { personName } from '../../people';

/** A passage of a section chosen for a new comment (positions in the text at `version`). */
export interface Passage {
  section: number;
  from: number;
  to: number;
  version: number;
  quote: string;
}

interface Props {
  session: Session;
  state: AppState;
  proposal: Proposal;
  threads: CommentThread[];
  /** The section these comments are on; null: the proposal as a whole. */
  section: number | null;
  commenting: boolean;
  /** A passage picked with "Comment on selection": the form opens for it. */
  passage?: Passage | null;
  onPassageDone?: () => void;
  /** Highlights a comment's passage in the section's editor. */
  onShowPassage?: (comment: Comment) => void;
  /** The comment whose passage is no longer in the text. */
  notFound?: number | null;
  idPrefix: string;
}

/** Comments (unresolved first) with their replies, a form for a new one, resolve and reopen. */
export function CommentThreads(p: Props) {
  const { state, threads, commenting, passage, idPrefix } = p;
  const open = threads.filter((th) => !th.comment.resolved);
  const resolved = threads.filter((th) => th.comment.resolved);
  const [writing, setWriting] = useState(false);
  useEffect(() => {
    if (passage) setWriting(true);
  }, [passage]);

  const heading = p.section === null ? t('comments.onProposal') : t('comments.title');
  return (
    <div class="comments" data-testid={p.section === null ? 'proposal-comments' : 'section-comments'}>
      <h3 class="comments__heading">
        {heading} <span class="count">{tn('comments.count', open.length)}</span>
      </h3>
      {threads.length === 0 && !writing ? (
        <p class="empty comments__empty">{p.section === null ? t('comments.none') : t('comments.noneOnSection')}</p>
      ) : null}
      <ul class="comments__list">
        {open.map((th) => (
          <ThreadView key={th.comment.id} {...p} thread={th} />
        ))}
      </ul>
      {resolved.length > 0 ? (
        <details class="comments__resolved">
          <summary>{tn('comments.resolvedCount', resolved.length)}</summary>
          <ul class="comments__list">
            {resolved.map((th) => (
              <ThreadView key={th.comment.id} {...p} thread={th} />
            ))}
          </ul>
        </details>
      ) : null}
      {commenting ? (
        writing ? (
          <CommentForm
            session={p.session}
            proposal={p.proposal}
            section={passage ? passage.section : p.section}
            passage={passage ?? null}
            parent={null}
            id={`${idPrefix}-new-comment`}
            onDone={() => {
              setWriting(false);
              p.onPassageDone?.();
            }}
          />
        ) : p.section === null ? (
          <button type="button" class="btn btn--small" onClick={() => setWriting(true)}>
            {t('comments.add')}
          </button>
        ) : null
      ) : state.you && state.you.role !== 'viewer' ? (
        <p class="hint">{t('comments.notYet')}</p>
      ) : null}
    </div>
  );
}

function ThreadView(p: Props & { thread: CommentThread }) {
  const { session, state, proposal, thread, commenting, idPrefix } = p;
  const c = thread.comment;
  const [replying, setReplying] = useState(false);
  const { busy, error, run } = useRequests();
  const resolvable = mayResolve(state, c);
  const toggle = () => run(() => session.actions.comments.resolve(c.id, !c.resolved));
  return (
    <li class={c.resolved ? 'comment comment--resolved' : 'comment'} data-testid="comment">
      <article aria-labelledby={`${idPrefix}-comment-${c.id}`}>
        <CommentBody comment={c} headingId={`${idPrefix}-comment-${c.id}`} />
        {c.quote !== null && c.quote !== '' ? (
          <blockquote class="comment__quote">
            {p.onShowPassage ? (
              <button
                type="button"
                class="comment__quote-btn"
                aria-label={t('comments.showPassage', { quote: c.quote })}
                onClick={() => p.onShowPassage?.(c)}
              >
                {c.quote}
              </button>
            ) : (
              c.quote
            )}
          </blockquote>
        ) : null}
        {p.notFound === c.id ? (
          <p class="hint comment__gone" role="status">
            {t('comments.passageGone')}
          </p>
        ) : null}
        {thread.replies.length > 0 ? (
          <ul class="comment__replies" aria-label={tn('comments.replies', thread.replies.length)}>
            {thread.replies.map((r) => (
              <li key={r.id} class="comment comment--reply" data-testid="reply">
                <CommentBody comment={r} headingId={`${idPrefix}-comment-${r.id}`} />
              </li>
            ))}
          </ul>
        ) : null}
        <div class="comment__actions">
          {commenting && !replying ? (
            <button type="button" class="btn btn--small btn--ghost" onClick={() => setReplying(true)}>
              {t('comments.reply')}
            </button>
          ) : null}
          {resolvable ? (
            <button type="button" class="btn btn--small btn--ghost" disabled={busy} onClick={toggle}>
              {c.resolved ? t('comments.reopen') : t('comments.resolve')}
            </button>
          ) : null}
        </div>
        <ErrorLine error={error} />
        {replying ? (
          <CommentForm
            session={session}
            proposal={proposal}
            section={null}
            passage={null}
            parent={c.id}
            id={`${idPrefix}-reply-${c.id}`}
            onDone={() => setReplying(false)}
          />
        ) : null}
      </article>
    </li>
  );
}

function CommentBody({ comment, headingId }: { comment: Comment; headingId: string }) {
  return (
    <>
      <p class="comment__meta" id={headingId}>
        <span class="comment__author">{personName(comment.author)}</span>
        {comment.author.organisation ? <span class="muted"> · {comment.author.organisation}</span> : null}
        <time class="muted" dateTime={new Date(comment.at).toISOString()}>
          {' '}
          · {formatTime(comment.at)}
        </time>
        {comment.resolved ? <span class="badge badge--resolved">{t('comments.resolved')}</span> : null}
      </p>
      <p class="comment__text">{comment.text}</p>
    </>
  );
}

interface FormProps {
  session: Session;
  proposal: Proposal;
  section: number | null;
  passage: Passage | null;
  parent: number | null;
  id: string;
  onDone: () => void;
}

/** Writes a comment (on the proposal, on a passage) or a reply. */
function CommentForm({ session, proposal, section, passage, parent, id, onDone }: FormProps) {
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const { busy, error, run } = useRequests();
  const max = useLimits(session)?.comment;
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), [passage]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = text.trim();
    if (body === '') {
      setInvalid(t('comments.empty'));
      input.current?.focus();
      return;
    }
    if (max !== undefined && charCount(body) > max) {
      setInvalid(t('comments.tooLong', { max }));
      input.current?.focus();
      return;
    }
    setInvalid(null);
    const done = await run(() =>
      session.actions.comments.add({
        proposal: proposal.id,
        section: passage ? passage.section : parent !== null ? null : section,
        from: passage ? passage.from : null,
        to: passage ? passage.to : null,
        version: passage ? passage.version : null,
        quote: passage ? passage.quote : null,
        parent,
        text: body,
      }),
    );
    if (done) {
      setText('');
      onDone();
    }
  };

  const problem = invalid ?? error;
  const label =
    parent !== null ? t('comments.replyLabel') : passage ? t('comments.onPassageLabel') : t('comments.newLabel');
  return (
    <form class="comment-form" onSubmit={submit} noValidate>
      {passage ? <blockquote class="comment__quote">{passage.quote}</blockquote> : null}
      <label for={id} class="comment-form__label">
        {label}
      </label>
      <textarea
        id={id}
        ref={input}
        class="input comment-form__text"
        rows={3}
        value={text}
        maxLength={max === undefined ? undefined : max * 2}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-error` : undefined}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setInvalid(null);
        }}
      />
      {problem ? (
        <p id={`${id}-error`} class="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="comment-form__actions">
        <button type="submit" class="btn btn--small btn--primary" disabled={busy}>
          {parent !== null ? t('comments.sendReply') : t('comments.send')}
        </button>
        <button type="button" class="btn btn--small btn--ghost" onClick={onDone}>
          {t('comments.cancel')}
        </button>
      </div>
    </form>
  );
}
