/**
 * One page's link to the server: a Connection feeding a Store, with what must survive a
 * reload (token, last state with its seq, pending commands, unconfirmed section edits) kept
 * in localStorage. The open proposal sections live in `sections`, made by the proposal page
 * (its code, CodeMirror's, loads only there); the page warns before it unloads while one of
 * them has unconfirmed edits.
 */
import type { Actions } from './actions';
import { createActions } from './actions';
import type { RegistryOptions, SectionRegistry } from './collab/registry';
import type { ConnectionListener } from './connection';
import { browserEnvironment, Connection, serverUrl } from './connection';
import { currentLocale, onLanguageChange } from './i18n';
import { isLanguage } from './i18n/languages';
import { newId } from './ids';
import type { Agenda, Draft, EventInfo, EventSummary, JoinCommand, Member } from './protocol';
import type { EventState } from './store';
import { emptyEventState, eventStateOf, Store, initialState } from './store';
import type { SessionKind } from './storage';
import {
  keys,
  keysWithPrefix,
  localStore,
  readJson,
  removeKey,
  removePrefix,
  sessionKey,
  sessionStore,
  writeJson,
} from './storage';

export interface SessionCallbacks {
  /** The stored token was refused: the page should ask to join again. */
  identityRejected?(code: string): void;
  adminRejected?(code: string): void;
}

const SAVE_DELAY_MS = 250;

function isEventState(v: unknown): v is EventState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s.lastSeq === 'number' && typeof s.ideas === 'object' && s.ideas !== null;
}

/** The app's language as the server knows languages (none for the pseudo-locale). */
function appLanguage(): string | null {
  const language = currentLocale();
  return isLanguage(language) ? language : null;
}

/** This tab's id, kept in sessionStorage (a reload keeps it; another tab gets its own). */
function tabId(): string {
  const store = sessionStore();
  let id = store.getItem(keys.tab);
  if (id === null) {
    id = newId();
    try {
      store.setItem(keys.tab, id);
    } catch {
      // Storage full: this tab simply has a fresh id each time.
    }
  }
  return id;
}

export class Session {
  readonly store = new Store(initialState);
  readonly connection: Connection;
  /** Every command the page sends, by name (see actions/). */
  readonly actions: Actions;
  private readonly key: string | null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopLanguage: (() => void) | null = null;
  /** The open proposal sections, once the proposal page has made the registry. */
  private registry: SectionRegistry | null = null;
  private started = false;
  /** The event and agenda of the last `eventInfo`, for the board before the snapshot. */
  private preview: { event: EventInfo; agenda: Agenda | null } | null = null;
  private frozen = false;
  private readonly onBeforeUnload = (e: BeforeUnloadEvent) => {
    this.registry?.flush();
    if (!this.registry?.unsaved()) return;
    e.preventDefault();
    e.returnValue = '';
  };
  private readonly onPageHide = () => this.registry?.flush();

  /**
   * @param code  the event's join code, or null for a page not tied to an event (admin)
   * @param kind  which identity of that event this page speaks for
   */
  constructor(
    readonly code: string | null,
    readonly kind: SessionKind,
    callbacks: SessionCallbacks = {},
  ) {
    this.key = code === null ? null : sessionKey(code, kind);
    const storage = localStore();
    const listener: Partial<ConnectionListener> = {
      message: (msg) => this.store.dispatch(msg),
      status: (status) => this.store.dispatch({ type: 'status', status }),
      pending: (commands, resent) => this.store.dispatch({ type: 'pending', commands, resent }),
      posted: (command, idea) => this.store.dispatch({ type: 'posted', command, idea }),
      hello: (you, ballots) => {
        this.store.dispatch({ type: 'you', you });
        if (ballots) this.store.dispatch({ type: 'ballots', ballots });
      },
      commandFailed: (_command, code) => this.store.dispatch({ type: 'notice', notice: { id: newId(), code } }),
      identityRejected: (code) => {
        this.forget();
        callbacks.identityRejected?.(code);
      },
      adminRejected: (code) => callbacks.adminRejected?.(code),
      clock: (offset) => this.store.dispatch({ type: 'clock', offset }),
    };
    this.connection = new Connection({
      url: serverUrl(),
      storage,
      pendingKey: this.key === null ? null : keys.pending(this.key),
      environment: browserEnvironment(),
      listener,
      language: appLanguage,
    });
    this.actions = createActions(this.connection);
    this.store.dispatch({ type: 'pending', commands: this.connection.pending(), resent: this.connection.resent() });

    const token = this.key === null ? null : storage.getItem(keys.token(this.key));
    if (token !== null && this.key !== null) {
      const saved = readJson<unknown>(storage, keys.state(this.key));
      if (isEventState(saved)) this.store.dispatch({ type: 'restore', state: saved });
      this.connection.setIdentity(token, () => this.store.getState().lastSeq);
    }
  }

  /** Stores a token given in a link; a different token than before starts from scratch. */
  static adoptToken(code: string, kind: SessionKind, token: string): void {
    const storage = localStore();
    const key = sessionKey(code, kind);
    if (storage.getItem(keys.token(key)) !== token) {
      // Another person's seat (a shared device): nothing of the last one's is sent as theirs.
      removeKey(storage, keys.state(key));
      removeKey(storage, keys.pending(key));
      removePrefix(storage, keys.sections(key));
      storage.setItem(keys.token(key), token);
    }
  }

  static storedToken(code: string, kind: SessionKind): string | null {
    return localStore().getItem(keys.token(sessionKey(code, kind)));
  }

  get hasIdentity(): boolean {
    return this.connection.identity !== null;
  }

  start(): void {
    this.started = true;
    this.unsubscribe = this.store.subscribe((state) => {
      this.scheduleSave();
      if (state.frozen !== this.frozen) {
        this.frozen = state.frozen;
        this.registry?.setFrozen(state.frozen);
      }
    });
    addEventListener('beforeunload', this.onBeforeUnload);
    addEventListener('pagehide', this.onPageHide);
    this.connection.start();
    this.stopLanguage = onLanguageChange(() => this.connection.announceLanguage());
    this.resumeStoredSections();
  }

  stop(): void {
    this.started = false;
    removeEventListener('beforeunload', this.onBeforeUnload);
    removeEventListener('pagehide', this.onPageHide);
    this.unsubscribe?.();
    this.stopLanguage?.();
    this.registry?.closeAll();
    this.connection.stop();
    this.save();
  }

  // Proposal sections ---------------------------------------------------------------

  /** What a SectionRegistry of this session needs (but its editor extensions). */
  sectionOptions(): Omit<RegistryOptions, 'extensions'> {
    const key = this.key ?? 'none';
    return {
      transport: this.connection,
      storage: localStore(),
      storageKey: (proposal, section) => keys.section(key, proposal, section),
      tabId: tabId(),
      self: () => this.store.getState().you?.id ?? null,
      maxLength: () => this.store.getState().limits?.sectionChars ?? null,
    };
  }

  /**
   * Section edits left unconfirmed by an earlier page of this session (a reload, a crash)
   * are sent in the background, wherever the page is: the editor's code loads only then.
   */
  private resumeStoredSections(): void {
    if (this.key === null || !this.hasIdentity) return;
    const prefix = keys.sections(this.key);
    const found: [number, number, string][] = [];
    for (const k of keysWithPrefix(localStore(), prefix)) {
      const m = /^(\d+)\.(\d+)$/.exec(k.slice(prefix.length));
      if (m) found.push([Number(m[1]), Number(m[2]), k]);
    }
    if (found.length === 0) return;
    import('./collab/sections').then(
      (m) => {
        if (this.started) m.resumeSections(this, found);
      },
      () => {
        // Offline before the code arrived: the edits wait in storage for the next page.
      },
    );
  }

  /** The section registry, made by `create` the first time. */
  sections(create: () => SectionRegistry): SectionRegistry {
    if (this.registry === null) {
      this.registry = create();
      this.registry.setFrozen(this.store.getState().frozen);
    }
    return this.registry;
  }

  // Identity and the connection ------------------------------------------------------

  /** The event's title and tracks, and whether it takes new sign-ups with its code. */
  eventInfo(code: string): Promise<{ event: EventInfo; selfJoin: boolean }> {
    return this.actions.event.info(code).then((r) => {
      if (r.limits) this.store.dispatch({ type: 'limits', limits: r.limits });
      this.preview = { event: r.event, agenda: r.agenda ?? null };
      return { event: r.event, selfJoin: r.selfJoin !== false };
    });
  }

  /** Joins as a participant; the token is kept for later visits. */
  async join(fields: Omit<Draft<JoinCommand>, 'type'>): Promise<Member> {
    const language = appLanguage();
    const result = await this.actions.event.join({ ...fields, ...(language ? { language } : {}) });
    if (this.key !== null) localStore().setItem(keys.token(this.key), result.token);
    this.connection.setIdentity(result.token, () => this.store.getState().lastSeq);
    this.store.dispatch({ type: 'you', you: result.you });
    // The board and its composer at once, from what the form knew; the snapshot (often already
    // here) replaces it.
    if (this.preview) this.store.dispatch({ type: 'preview', ...this.preview });
    return result.you;
  }

  /**
   * The events (the admin page) and the retention period (null: none), keeping the limits of
   * new events that come with them.
   */
  listEvents(): Promise<{ events: EventSummary[]; retentionDays: number | null }> {
    return this.actions.admin.listEvents().then((r) => {
      if (r.limits) this.store.dispatch({ type: 'limits', limits: r.limits });
      return { events: r.events, retentionDays: typeof r.retentionDays === 'number' ? r.retentionDays : null };
    });
  }

  /** The token this page speaks with (for the HTTP downloads), or null. */
  get token(): string | null {
    return this.connection.identity;
  }

  /** The admin page's secret, proven on every (re)connect. */
  setAdminSecret(secret: string | null): void {
    this.connection.setAdminSecret(secret);
  }

  /** Reconnects now rather than after the backoff. */
  retryNow(): void {
    this.connection.retryNow();
  }

  dismissNotice(id: string): void {
    this.store.dispatch({ type: 'dismiss', id });
  }

  // Persistence ----------------------------------------------------------------------

  private forget(): void {
    if (this.key === null) return;
    const storage = localStore();
    removeKey(storage, keys.token(this.key));
    removeKey(storage, keys.state(this.key));
    removePrefix(storage, keys.sections(this.key));
    this.store.dispatch({ type: 'restore', state: emptyEventState });
  }

  private scheduleSave(): void {
    if (this.saveTimer !== null) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.save();
    }, SAVE_DELAY_MS);
  }

  private save(): void {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.key === null || !this.hasIdentity) return;
    const state = this.store.getState();
    if (state.event === null) return;
    writeJson(localStore(), keys.state(this.key), eventStateOf(state));
  }
}
