import { describe, expect, it } from 'vitest';
import type { Agenda, Announcement, Change, Comment, Idea, IdeaCommand, Member } from './protocol';
import type { AppState } from './store';
import {
  canModerate,
  connectedInTrack,
  eventStateOf,
  hasPosted,
  mayRemove,
  initialState,
  isConnected,
  isVisible,
  participantCount,
  reduce,
  visibleAnnouncements,
} from './store';
import { ideasOfTrack } from './ideaViews';
import { comment as commentOf, eventInfo, idea, member } from './fixtures.test-support';

const event = eventInfo();

const ana = member(5, 'participant');
const bob = member(6, 'participant');

function snapshotState(ideas: Idea[], seq = 10, you: Member | null = ana): AppState {
  let s = reduce(initialState, { type: 'snapshot', seq, event, ideas, members: [] });
  if (you) s = reduce(s, { type: 'you', you });
  return s;
}

const change = (c: Change) => ({ type: 'change' as const, ...c });

describe('reduce: snapshot', () => {
  it('replaces everything the client held', () => {
    let s = snapshotState([idea(1), idea(2)], 10);
    s = reduce(s, { type: 'snapshot', seq: 3, event, ideas: [idea(7)], members: [member(9, 'participant')] });
    expect(Object.keys(s.ideas)).toEqual(['7']);
    expect(s.lastSeq).toBe(3);
    expect(Object.keys(s.members)).toEqual(['9']);
    expect(s.event).toEqual(event);
  });

  it('treats a missing members list as empty', () => {
    const s = reduce(initialState, { type: 'snapshot', seq: 1, event, ideas: [] });
    expect(s.members).toEqual({});
  });
});

describe("reduce: the join form's preview", () => {
  const agenda: Agenda = {
    phases: [{ kind: 'ideation', title: 'Ideas', minutes: 45 }],
    current: 0,
    running: true,
    autoAdvance: false,
    extraMs: 0,
    endsAt: 99_000,
    remainingMs: null,
  };

  it('gives the board its event and agenda before the snapshot, which then replaces them', () => {
    let s = reduce(initialState, { type: 'preview', event, agenda });
    expect(s.event).toEqual(event);
    expect(s.agenda).toEqual(agenda);
    expect(s.lastSeq).toBe(0);
    expect(s.ideas).toEqual({});
    s = reduce(s, {
      type: 'snapshot',
      seq: 4,
      event,
      ideas: [idea(1)],
      members: [],
      agenda: { ...agenda, current: -1 },
    });
    expect(s.agenda?.current).toBe(-1);
    expect(Object.keys(s.ideas)).toEqual(['1']);
  });

  it('is ignored once a snapshot is in (it came first) or an event is known', () => {
    const synced = snapshotState([idea(1)], 5);
    expect(reduce(synced, { type: 'preview', event: { ...event, title: 'Old' }, agenda })).toBe(synced);
    const known = reduce(initialState, { type: 'preview', event, agenda });
    expect(reduce(known, { type: 'preview', event: { ...event, title: 'Other' }, agenda: null })).toBe(known);
  });
});

describe('reduce: every change kind', () => {
  const base = snapshotState([idea(1), idea(2)], 10);

  it.each<[string, Change, (s: AppState) => void]>([
    [
      'idea_posted adds the idea',
      { seq: 11, kind: 'idea_posted', idea: idea(3) },
      (s) => expect(s.ideas[3]).toEqual(idea(3)),
    ],
    [
      'idea_edited replaces the idea',
      { seq: 11, kind: 'idea_edited', idea: idea(1, { text: 'new', editedAt: 5 }) },
      (s) => expect(s.ideas[1]?.text).toBe('new'),
    ],
    ['idea_deleted removes it', { seq: 11, kind: 'idea_deleted', idea: 1 }, (s) => expect(s.ideas[1]).toBeUndefined()],
    [
      'idea_hidden with an id removes it',
      { seq: 11, kind: 'idea_hidden', idea: 2 },
      (s) => expect(s.ideas[2]).toBeUndefined(),
    ],
    [
      'idea_hidden with the whole idea keeps it, hidden',
      { seq: 11, kind: 'idea_hidden', idea: idea(2, { hidden: true }) },
      (s) => expect(s.ideas[2]?.hidden).toBe(true),
    ],
    [
      'idea_unhidden brings the idea (back)',
      { seq: 11, kind: 'idea_unhidden', idea: idea(4) },
      (s) => expect(s.ideas[4]).toEqual(idea(4)),
    ],
    [
      'member_joined adds a member',
      { seq: 11, kind: 'member_joined', member: bob },
      (s) => expect(s.members[6]).toEqual(bob),
    ],
  ])('%s', (_name, c, check) => {
    const s = reduce(base, change(c));
    check(s);
    expect(s.lastSeq).toBe(11);
    expect(base.ideas[1]).toEqual(idea(1)); // pure: the old state is untouched
  });

  it('skips changes at or below lastSeq (duplicates after a resume)', () => {
    const s = reduce(base, change({ seq: 10, kind: 'idea_deleted', idea: 1 }));
    expect(s).toBe(base);
  });

  it('accepts gaps in seq', () => {
    const s = reduce(base, change({ seq: 15, kind: 'idea_posted', idea: idea(3) }));
    expect(s.lastSeq).toBe(15);
    expect(s.ideas[3]).toBeDefined();
  });

  it('ignores an unknown change kind except for its seq', () => {
    const s = reduce(base, { type: 'change', seq: 12, kind: 'future_kind' } as unknown as Parameters<typeof reduce>[1]);
    expect(s.lastSeq).toBe(12);
    expect(s.ideas).toBe(base.ideas);
  });
});

describe('reduce: changes backlog', () => {
  it('applies each change in order and ends at seq', () => {
    const base = snapshotState([idea(1)], 41);
    const s = reduce(base, {
      type: 'changes',
      from: 41,
      seq: 44,
      changes: [
        { seq: 42, kind: 'idea_posted', idea: idea(2) },
        { seq: 44, kind: 'idea_edited', idea: idea(2, { text: 'edited', editedAt: 9 }) },
      ],
    });
    expect(s.ideas[2]?.text).toBe('edited');
    expect(s.lastSeq).toBe(44);
  });

  it('moves lastSeq to seq even when the visible backlog is empty', () => {
    const s = reduce(snapshotState([], 41), { type: 'changes', from: 41, seq: 47, changes: [] });
    expect(s.lastSeq).toBe(47);
  });
});

describe('visibility rules', () => {
  const hidden = idea(8, { hidden: true, author: { id: 6, name: 'Bob', organisation: '' } });
  const hiddenMine = idea(2, { hidden: true });
  const anonymousMine = idea(3, { author: null, mine: true });

  it.each<[string, Idea, Member | null, boolean]>([
    ['visible idea, anyone', idea(9), null, true],
    ['hidden idea, another participant', hidden, ana, false],
    ['hidden idea, its author', hiddenMine, ana, true],
    ['hidden idea, facilitator', hidden, member(1, 'facilitator', null), true],
    ['hidden idea, lead', hidden, member(1, 'lead', 2), true],
    ['hidden idea, viewer', hidden, member(1, 'viewer', null), false],
  ])('%s → %s', (_n, i, you, visible) => {
    expect(isVisible(i, you)).toBe(visible);
  });

  it('lists ideas newest first, own ideas marked mine (also anonymous ones)', () => {
    const s = snapshotState([idea(1), hidden, hiddenMine, anonymousMine, idea(4, { track: 2 })]);
    const views = ideasOfTrack(s, 1);
    expect(views.map((v) => v.idea.id)).toEqual([3, 2, 1]);
    expect(views.find((v) => v.idea.id === 3)?.mine).toBe(true);
    expect(views.find((v) => v.idea.id === 3)?.idea.author).toBeNull();
    expect(views.find((v) => v.idea.id === 2)?.mine).toBe(true);
  });

  it('moderation: facilitators everywhere, leads in their own track only', () => {
    expect(canModerate(member(1, 'facilitator', null), 2)).toBe(true);
    expect(canModerate(member(1, 'lead', 1), 1)).toBe(true);
    expect(canModerate(member(1, 'lead', 1), 2)).toBe(false);
    expect(canModerate(ana, 1)).toBe(false);
    expect(canModerate(member(1, 'viewer', null), 1)).toBe(false);
  });

  it('counts participants among members', () => {
    let s = snapshotState([], 1, member(1, 'facilitator', null));
    s = reduce(s, change({ seq: 2, kind: 'member_joined', member: ana }));
    s = reduce(s, change({ seq: 3, kind: 'member_joined', member: bob }));
    s = reduce(s, change({ seq: 4, kind: 'member_joined', member: member(7, 'lead', 1) }));
    expect(participantCount(s)).toBe(2);
  });
});

describe('pending commands laid over the ideas', () => {
  const base = snapshotState([idea(1), idea(2)]);
  const withPending = (commands: IdeaCommand[]) => reduce(base, { type: 'pending', commands });

  it('an unsaved post shows at the top, marked unsaved, with the author or anonymous', () => {
    const s = withPending([
      { type: 'post_idea', id: 'p1', track: 1, text: ' first ', anonymous: false },
      { type: 'post_idea', id: 'p2', track: 1, text: 'second', anonymous: true },
      { type: 'post_idea', id: 'p3', track: 2, text: 'elsewhere', anonymous: false },
    ]);
    const views = ideasOfTrack(s, 1);
    expect(views.map((v) => v.key)).toEqual(['p2', 'p1', '2', '1']);
    expect(views[0]?.unsaved).toBe(true);
    expect(views[0]?.idea.author).toBeNull();
    expect(views[1]?.idea.author?.name).toBe('M5');
    expect(views[1]?.idea.text).toBe('first');
  });

  it('an unsaved post is matched to its idea by the id in its ack, and shown once at every step', () => {
    const post = { type: 'post_idea', id: 'p1', track: 1, text: 'fresh', anonymous: false } as const;
    let s = withPending([post]);
    const fresh = () => ideasOfTrack(s, 1).filter((v) => v.idea.text === 'fresh');
    expect(fresh().map((v) => [v.key, v.unsaved])).toEqual([['p1', true]]);
    // The ack: the post leaves the queue but waits, as unsaved, for its idea.
    s = reduce(s, { type: 'posted', command: post, idea: 3 });
    s = reduce(s, { type: 'pending', commands: [] });
    expect(fresh().map((v) => [v.key, v.unsaved])).toEqual([['p1', true]]);
    // The change: the saved idea takes its place.
    s = reduce(s, change({ seq: 11, kind: 'idea_posted', idea: idea(3, { text: 'fresh' }) }));
    expect(fresh().map((v) => [v.key, v.unsaved])).toEqual([['3', false]]);
    expect(s.savedPosts).toEqual([]);
  });

  it('two unsaved posts with the same text stay two until each one’s own idea arrives', () => {
    const a = { type: 'post_idea', id: 'a', track: 1, text: 'Yes', anonymous: false } as const;
    const b = { type: 'post_idea', id: 'b', track: 1, text: 'Yes', anonymous: false } as const;
    let s = withPending([a, b]);
    const yes = () =>
      ideasOfTrack(s, 1)
        .filter((v) => v.idea.text === 'Yes')
        .map((v) => v.key);
    expect(yes()).toEqual(['b', 'a']);
    s = reduce(s, { type: 'posted', command: a, idea: 3 });
    s = reduce(s, { type: 'pending', commands: [b] });
    s = reduce(s, change({ seq: 11, kind: 'idea_posted', idea: idea(3, { text: 'Yes' }) }));
    // The first is saved; the second, with the same text, is still unsaved.
    expect(yes()).toEqual(['b', '3']);
    expect(ideasOfTrack(s, 1).find((v) => v.key === 'b')?.unsaved).toBe(true);
    s = reduce(s, { type: 'posted', command: b, idea: 4 });
    s = reduce(s, { type: 'pending', commands: [] });
    expect(yes()).toEqual(['b', '3']);
    s = reduce(s, change({ seq: 12, kind: 'idea_posted', idea: idea(4, { text: 'Yes', createdAt: 2_000 }) }));
    expect(yes()).toEqual(['4', '3']);
  });

  it('an ack whose idea is already here (its change came first) adds nothing; a snapshot ends every wait', () => {
    const post = { type: 'post_idea', id: 'p1', track: 1, text: 'fresh', anonymous: false } as const;
    let s = reduce(base, change({ seq: 11, kind: 'idea_posted', idea: idea(3, { text: 'fresh' }) }));
    s = reduce(s, { type: 'posted', command: post, idea: 3 });
    expect(s.savedPosts).toEqual([]);
    s = reduce(base, { type: 'posted', command: post, idea: 9 });
    expect(ideasOfTrack(s, 1).map((v) => v.key)).toEqual(['p1', '2', '1']);
    s = reduce(s, { type: 'snapshot', seq: 12, event, ideas: [idea(1), idea(2)] });
    expect(s.savedPosts).toEqual([]);
  });

  it('a post re-sent after a lost ack is not shown beside its saved idea while the repeated ack is awaited', () => {
    const post = { type: 'post_idea', id: 'p1', track: 1, text: 'fresh', anonymous: false } as const;
    // The connection was lost before the ack; the resume brings the idea the server saved.
    let s = reduce(base, { type: 'pending', commands: [post] });
    s = reduce(s, change({ seq: 11, kind: 'idea_posted', idea: idea(3, { text: 'fresh' }) }));
    const fresh = () =>
      ideasOfTrack(s, 1)
        .filter((v) => v.idea.text === 'fresh')
        .map((v) => v.key);
    // Not re-sent yet (offline): both show, as before.
    expect(fresh()).toEqual(['p1', '3']);
    // Re-sent: the saved idea stands for it.
    s = reduce(s, { type: 'pending', commands: [post], resent: ['p1'] });
    expect(fresh()).toEqual(['3']);
    // The repeated ack names the idea; the post leaves the queue.
    s = reduce(s, { type: 'posted', command: post, idea: 3 });
    s = reduce(s, { type: 'pending', commands: [] });
    expect(fresh()).toEqual(['3']);
    expect(s.savedPosts).toEqual([]);
  });

  it('a re-sent post claims only an idea of its author, track, text and anonymity, one idea each', () => {
    const a = { type: 'post_idea', id: 'a', track: 1, text: 'Yes', anonymous: false } as const;
    const b = { type: 'post_idea', id: 'b', track: 1, text: 'Yes', anonymous: false } as const;
    const yes = (s: AppState) =>
      ideasOfTrack(s, 1)
        .filter((v) => v.idea.text === 'Yes')
        .map((v) => v.key);
    const mine = (id: number, over: Partial<Idea> = {}) =>
      idea(id, { text: 'Yes', author: { id: 5, name: 'M5', organisation: '' }, createdAt: 1_000 + id, ...over });
    const resent = (ideas: Idea[], commands: IdeaCommand[], ids: string[]) =>
      reduce(snapshotState([idea(1), idea(2), ...ideas]), { type: 'pending', commands, resent: ids });
    // Two identical posts, both saved before their acks were lost: both ideas stand for them.
    expect(yes(resent([mine(3), mine(4)], [a, b], ['a', 'b']))).toEqual(['4', '3']);
    // Only one reached the server: the other still shows as unsaved.
    expect(yes(resent([mine(3)], [a, b], ['a', 'b']))).toEqual(['b', '3']);
    const one = resent([mine(3)], [a, b], ['a', 'b']);
    expect(ideasOfTrack(one, 1).find((v) => v.key === 'b')?.unsaved).toBe(true);
    // Someone else's idea with the same text, or another anonymity, or another track: no claim.
    expect(
      yes(resent([idea(3, { text: 'Yes', author: { id: 6, name: 'M6', organisation: '' } })], [a], ['a'])),
    ).toEqual(['a', '3']);
    expect(yes(resent([mine(3, { author: null, mine: true })], [a], ['a']))).toEqual(['a', '3']);
    expect(yes(resent([mine(3, { track: 2 })], [a], ['a']))).toEqual(['a']);
    // A post that was not re-sent claims nothing.
    expect(yes(resent([mine(3)], [a], []))).toEqual(['a', '3']);
    // An anonymous post claims the member's anonymous idea.
    const anon = { ...a, anonymous: true };
    expect(yes(resent([mine(3, { author: null, mine: true })], [anon], ['a']))).toEqual(['3']);
  });

  it('edits, deletes and hides show their outcome at once, edits and hides marked unsaved', () => {
    const s = withPending([
      { type: 'edit_idea', id: 'e', idea: 1, text: 'better' },
      { type: 'delete_idea', id: 'd', idea: 2 },
    ]);
    const views = ideasOfTrack(s, 1);
    expect(views.map((v) => v.idea.id)).toEqual([1]);
    expect(views[0]?.idea.text).toBe('better');
    expect(views[0]?.unsaved).toBe(true);
    const hid = ideasOfTrack(withPending([{ type: 'hide_idea', id: 'h', idea: 1 }]), 1);
    expect(hid.find((v) => v.idea.id === 1)?.idea.hidden).toBe(true);
  });

  it('the overlay disappears when the queue empties', () => {
    const s = reduce(withPending([{ type: 'delete_idea', id: 'd', idea: 2 }]), { type: 'pending', commands: [] });
    expect(ideasOfTrack(s, 1).map((v) => v.idea.id)).toEqual([2, 1]);
    expect(ideasOfTrack(s, 1).every((v) => !v.unsaved)).toBe(true);
  });
});

describe('ui state', () => {
  it('keeps at most three notices and dismisses by id', () => {
    let s = initialState;
    for (const id of ['a', 'b', 'c', 'd']) s = reduce(s, { type: 'notice', notice: { id, code: 'forbidden' } });
    expect(s.notices.map((n) => n.id)).toEqual(['b', 'c', 'd']);
    s = reduce(s, { type: 'dismiss', id: 'c' });
    expect(s.notices.map((n) => n.id)).toEqual(['b', 'd']);
  });

  it('status updates, unchanged status keeps the same state', () => {
    const s = reduce(initialState, { type: 'status', status: 'online' });
    expect(s.status).toBe('online');
    expect(reduce(s, { type: 'status', status: 'online' })).toBe(s);
  });
});

describe('reduce: agenda, announcements, screen, presence', () => {
  const agenda: Agenda = {
    phases: [
      { kind: 'welcome', title: 'Welcome', minutes: 15 },
      { kind: 'ideation', title: 'Ideas', minutes: 45 },
      { kind: 'closed', title: 'Closed', minutes: 0 },
    ],
    current: -1,
    running: false,
    autoAdvance: false,
    extraMs: 0,
    endsAt: null,
    remainingMs: null,
  };
  const lunch: Announcement = { id: 3, text: 'Lunch', track: null, at: 100 };
  const skills: Announcement = { id: 4, text: 'Skills: room 2', track: 1, at: 200 };
  const publicSector: Announcement = { id: 5, text: 'Public sector: room 3', track: 2, at: 150 };

  function full(you: Member | null = ana): AppState {
    let s = reduce(initialState, {
      type: 'snapshot',
      seq: 10,
      event,
      ideas: [],
      agenda,
      announcements: [lunch, skills, publicSector],
      screen: { track: 2 },
    });
    if (you) s = reduce(s, { type: 'you', you });
    return s;
  }

  it('a snapshot brings the agenda, announcements and screen', () => {
    const s = full();
    expect(s.agenda).toEqual(agenda);
    expect(Object.keys(s.announcements)).toEqual(['3', '4', '5']);
    expect(s.screen).toEqual({ track: 2 });
  });

  it('a snapshot without them (an older server) leaves defaults', () => {
    const s = reduce(full(), { type: 'snapshot', seq: 11, event, ideas: [] });
    expect(s.agenda).toBeNull();
    expect(s.announcements).toEqual({});
    expect(s.screen).toEqual({ track: null });
  });

  it('agenda_changed replaces the agenda', () => {
    const running = { ...agenda, current: 1, running: true, endsAt: 5_000 };
    const s = reduce(full(), change({ seq: 11, kind: 'agenda_changed', agenda: running, serverTime: 2_000 }));
    expect(s.agenda).toEqual(running);
    expect(s.lastSeq).toBe(11);
  });

  it('announcement_made adds, announcement_cleared removes', () => {
    const news: Announcement = { id: 6, text: 'Coffee', track: null, at: 300 };
    let s = reduce(full(), change({ seq: 11, kind: 'announcement_made', announcement: news }));
    expect(s.announcements[6]).toEqual(news);
    s = reduce(s, change({ seq: 12, kind: 'announcement_cleared', announcement: 3 }));
    expect(Object.keys(s.announcements)).toEqual(['4', '5', '6']);
    // Clearing one that is not there changes nothing but the seq.
    s = reduce(s, change({ seq: 13, kind: 'announcement_cleared', announcement: 99 }));
    expect(Object.keys(s.announcements)).toEqual(['4', '5', '6']);
    expect(s.lastSeq).toBe(13);
  });

  it('screen_changed sets what the big screen shows', () => {
    let s = reduce(full(), change({ seq: 11, kind: 'screen_changed', screen: { track: null } }));
    expect(s.screen).toEqual({ track: null });
    s = reduce(s, change({ seq: 12, kind: 'screen_changed', screen: { track: 1 } }));
    expect(s.screen).toEqual({ track: 1 });
  });

  it('new change kinds in a backlog apply in order and are skipped when already seen', () => {
    const s = reduce(full(), {
      type: 'changes',
      from: 10,
      seq: 13,
      changes: [
        { seq: 9, kind: 'screen_changed', screen: { track: 1 } },
        { seq: 11, kind: 'announcement_cleared', announcement: 3 },
        { seq: 12, kind: 'agenda_changed', agenda: { ...agenda, current: 0 }, serverTime: 1 },
      ],
    });
    expect(s.screen).toEqual({ track: 2 });
    expect(s.announcements[3]).toBeUndefined();
    expect(s.agenda?.current).toBe(0);
    expect(s.lastSeq).toBe(13);
  });

  it('presence keeps the latest report, outside the seq', () => {
    let s = full();
    const report = { type: 'presence' as const, connected: 3, byTrack: { '1': 2, '2': 0 }, staff: 1, members: [5, 7] };
    s = reduce(s, report);
    expect(s.presence).toEqual(report);
    expect(s.lastSeq).toBe(10);
    expect(connectedInTrack(s, 1)).toBe(2);
    expect(connectedInTrack(s, 2)).toBe(0);
    expect(connectedInTrack(s, 9)).toBe(0);
    expect(isConnected(s, 7)).toBe(true);
    expect(isConnected(s, 6)).toBe(false);
    s = reduce(s, { type: 'presence', connected: 1, byTrack: {}, staff: 1 });
    expect(s.presence?.connected).toBe(1);
    expect(isConnected(s, 7)).toBe(false);
  });

  it('clock stores the server offset', () => {
    const s = reduce(full(), { type: 'clock', offset: -1234 });
    expect(s.clockOffset).toBe(-1234);
    expect(reduce(s, { type: 'clock', offset: -1234 })).toBe(s);
  });

  it('reset forgets the event, its agenda and presence', () => {
    let s = reduce(full(), { type: 'presence', connected: 2, byTrack: {}, staff: 0 });
    s = reduce(s, { type: 'reset' });
    expect(s.agenda).toBeNull();
    expect(s.announcements).toEqual({});
    expect(s.presence).toBeNull();
  });

  it('the saved state keeps agenda, announcements and screen (for a reload)', () => {
    const saved = eventStateOf(full());
    expect(saved.agenda).toEqual(agenda);
    expect(Object.keys(saved.announcements)).toHaveLength(3);
    expect(saved.screen).toEqual({ track: 2 });
    expect('presence' in saved).toBe(false);
  });

  it('participants see announcements for everyone and their track, oldest first', () => {
    expect(visibleAnnouncements(full(ana)).map((a) => a.id)).toEqual([3, 4]);
  });

  it('staff see every announcement', () => {
    expect(visibleAnnouncements(full(member(1, 'facilitator', null))).map((a) => a.id)).toEqual([3, 5, 4]);
    expect(visibleAnnouncements(full(member(2, 'lead', 1))).map((a) => a.id)).toEqual([3, 5, 4]);
  });

  it('the big screen sees those for everyone and for the track it shows', () => {
    expect(visibleAnnouncements(full(member(3, 'viewer', null))).map((a) => a.id)).toEqual([3, 5]);
  });
});

describe('reduce: drafting', () => {
  const template = [
    { heading: 'One-line summary', hint: 'The proposal in one sentence.' },
    { heading: 'The problem', hint: '' },
  ];
  const proposal = (id: number, over: Record<string, unknown> = {}) => ({
    id,
    track: 2,
    title: `P${id}`,
    ideas: [17],
    cluster: null,
    table: null,
    team: [5],
    createdAt: 1,
    createdBy: 1,
    ...over,
  });
  const comment = (id: number, proposalId = 4, over: Partial<Comment> = {}) =>
    commentOf(id, { proposal: proposalId, text: 'Who pays?', at: 5, ...over });
  const base = reduce(initialState, {
    type: 'snapshot',
    seq: 10,
    event,
    ideas: [],
    template,
    proposals: [proposal(4), proposal(5)],
    frozen: true,
    comments: [comment(7), comment(8, 5)],
  });

  it('a snapshot brings the template, proposals, the frozen flag and comments', () => {
    expect(base.template).toEqual(template);
    expect(Object.keys(base.proposals)).toEqual(['4', '5']);
    expect(base.frozen).toBe(true);
    expect(Object.keys(base.comments)).toEqual(['7', '8']);
  });

  it('a snapshot without them (an older server) leaves empty defaults', () => {
    const s = reduce(base, { type: 'snapshot', seq: 11, event, ideas: [] });
    expect(s.template).toEqual([]);
    expect(s.proposals).toEqual({});
    expect(s.frozen).toBe(false);
    expect(s.comments).toEqual({});
  });

  it.each<[string, Change, (s: AppState) => void]>([
    [
      'template_changed replaces the template',
      { seq: 11, kind: 'template_changed', template: [template[1]] },
      (s) => expect(s.template).toEqual([template[1]]),
    ],
    [
      'proposal_created adds',
      { seq: 11, kind: 'proposal_created', proposal: proposal(6) },
      (s) => expect(s.proposals[6]?.title).toBe('P6'),
    ],
    [
      'proposal_updated replaces',
      { seq: 11, kind: 'proposal_updated', proposal: proposal(4, { title: 'New', team: [5, 9] }) },
      (s) => expect(s.proposals[4]).toMatchObject({ title: 'New', team: [5, 9] }),
    ],
    [
      'proposal_deleted removes it and its comments',
      { seq: 11, kind: 'proposal_deleted', proposal: 4 },
      (s) => {
        expect(s.proposals[4]).toBeUndefined();
        expect(Object.keys(s.comments)).toEqual(['8']);
      },
    ],
    [
      'proposals_frozen sets the flag',
      { seq: 11, kind: 'proposals_frozen', frozen: false },
      (s) => expect(s.frozen).toBe(false),
    ],
    [
      'comment_added adds',
      { seq: 11, kind: 'comment_added', comment: comment(9) },
      (s) => expect(s.comments[9]).toBeDefined(),
    ],
    [
      'comment_resolved replaces',
      { seq: 11, kind: 'comment_resolved', comment: comment(7, 4, { resolved: true }) },
      (s) => expect(s.comments[7]?.resolved).toBe(true),
    ],
  ])('%s', (_name, c, check) => {
    const s = reduce(base, { type: 'change', ...c });
    check(s);
    expect(s.lastSeq).toBe(11);
    expect(base.proposals[4]?.title).toBe('P4'); // pure
  });

  it('a replayed drafting change is skipped', () => {
    expect(reduce(base, { type: 'change', seq: 9, kind: 'proposals_frozen', frozen: false })).toBe(base);
  });

  it('the saved state keeps the drafting fields (for a reload)', () => {
    const saved = eventStateOf(base);
    expect(saved).toMatchObject({ template, frozen: true });
    expect(Object.keys(saved.proposals)).toEqual(['4', '5']);
    expect(Object.keys(saved.comments)).toEqual(['7', '8']);
  });
});

describe('joining with the code, and people removed', () => {
  const proposal = (team: number[]) => ({
    id: 4,
    track: 1,
    title: 'Accounts',
    ideas: [1],
    cluster: null,
    table: null,
    team,
    people: team.map((id) => ({ id, name: `M${id}`, organisation: '' })),
    createdAt: 1,
    createdBy: 1,
  });

  it('keeps selfJoin from the snapshot (open when an older server leaves it out) and its changes', () => {
    let s = reduce(initialState, { type: 'snapshot', seq: 1, event, ideas: [] });
    expect(s.selfJoin).toBe(true);
    s = reduce(s, { type: 'snapshot', seq: 2, event, ideas: [], selfJoin: false });
    expect(s.selfJoin).toBe(false);
    s = reduce(s, change({ seq: 3, kind: 'self_join_changed', open: true }));
    expect(s.selfJoin).toBe(true);
    expect(eventStateOf(s).selfJoin).toBe(true);
  });

  it('drops a removed member, their team places, and their votes when the results come again', () => {
    const facilitator = member(1, 'facilitator', null);
    let s = reduce(initialState, {
      type: 'snapshot',
      seq: 10,
      event,
      ideas: [],
      members: [facilitator, ana, bob],
      proposals: [proposal([5, 6])],
      rounds: [
        {
          id: 2,
          title: 'R',
          track: 1,
          method: 'dots',
          budget: 5,
          maxPerItem: 3,
          allowOwn: true,
          liveResults: false,
          randomOrder: true,
          state: 'open',
          items: [1],
          openedAt: 1,
          results: [{ item: 1, votes: 4, voters: 2, rank: 1, consensus: 0.5, byGroup: {} }],
        },
      ],
    });
    s = reduce(s, { type: 'you', you: facilitator });
    expect(participantCount(s)).toBe(2);
    s = reduce(s, change({ seq: 11, kind: 'member_removed', member: 6, rounds: [2], proposals: [proposal([5])] }));
    expect(s.members[6]).toBeUndefined();
    expect(participantCount(s)).toBe(1);
    expect(s.proposals[4]?.team).toEqual([5]);
    expect(s.lastSeq).toBe(11);
    // The server re-sends the round's results without the removed voter.
    s = reduce(s, {
      type: 'results',
      round: 2,
      items: [{ item: 1, votes: 1, voters: 1, rank: 1, consensus: 0.3, byGroup: {} }],
    });
    expect(s.results[2]?.[0]?.votes).toBe(1);
  });

  it('a participant learns only the teams (no member field)', () => {
    let s = reduce(initialState, { type: 'snapshot', seq: 10, event, ideas: [], proposals: [proposal([5, 6])] });
    s = reduce(s, { type: 'you', you: ana });
    s = reduce(s, change({ seq: 12, kind: 'member_removed', proposals: [proposal([5])] }));
    expect(s.proposals[4]?.team).toEqual([5]);
    expect(s.members).toEqual({});
  });

  it('says who may remove whom, and whom the console knows to have posted', () => {
    const facilitator = member(1, 'facilitator', null);
    const lead = member(2, 'lead', 1);
    const screen = member(3, 'viewer', null);
    const other = member(7, 'participant', 2);
    expect(mayRemove(facilitator, ana)).toBe(true);
    expect(mayRemove(facilitator, screen)).toBe(true);
    expect(mayRemove(facilitator, lead)).toBe(false);
    expect(mayRemove(facilitator, facilitator)).toBe(false);
    expect(mayRemove(lead, ana)).toBe(true);
    expect(mayRemove(lead, other)).toBe(false);
    expect(mayRemove(lead, screen)).toBe(false);
    expect(mayRemove(ana, bob)).toBe(false);
    expect(mayRemove(null, bob)).toBe(false);

    const state = { ideas: { 1: idea(1) }, comments: { 3: commentOf(3) } };
    expect(hasPosted(state, 5)).toBe(true); // the idea's author
    expect(hasPosted(state, 9)).toBe(true); // the comment's author
    expect(hasPosted(state, 6)).toBe(false);
    expect(hasPosted({ ideas: { 1: idea(1, { author: null }) }, comments: {} }, 5)).toBe(false); // anonymous
  });

  it('an erased member: kept ideas and comments show as a former participant’s, they leave the list and teams', () => {
    const facilitator = member(1, 'facilitator', null);
    let s = reduce(initialState, {
      type: 'snapshot',
      seq: 10,
      event,
      ideas: [idea(1), idea(2, { author: { id: 6, name: 'M6', organisation: '' }, editedBy: { id: 5, name: 'Ana' } })],
      members: [facilitator, ana, bob],
      proposals: [proposal([5, 6])],
      comments: [commentOf(7, { author: { id: 5, name: 'Ana', organisation: 'DG CNECT' } }), commentOf(8)],
    });
    s = reduce(s, { type: 'you', you: facilitator });
    s = reduce(
      s,
      change({
        seq: 11,
        kind: 'member_erased',
        member: 5,
        contributions: 'keep',
        ideas: [],
        moved: [],
        comments: [],
        replies: [],
        rounds: [],
        proposals: [proposal([6])],
      }),
    );
    expect(s.members[5]).toBeUndefined();
    expect(s.ideas[1]?.author).toEqual({ id: 5, name: '', organisation: '', erased: true });
    expect(s.ideas[1]?.text).toBe('idea 1');
    expect(s.ideas[2]?.author?.name).toBe('M6');
    expect(s.ideas[2]?.editedBy).toEqual({ id: 5, name: '', organisation: '', erased: true });
    expect(s.comments[7]?.author.erased).toBe(true);
    expect(s.comments[8]?.author.name).toBe('Jan');
    expect(s.proposals[4]?.team).toEqual([6]);
    expect(s.lastSeq).toBe(11);
  });

  it('an erased member with their contributions: their ideas and comments go, merged ideas and replies move up', () => {
    let s = reduce(initialState, {
      type: 'snapshot',
      seq: 10,
      event,
      ideas: [idea(1), idea(2, { author: { id: 6, name: 'M6', organisation: '' }, mergedInto: 1 })],
      proposals: [proposal([5, 6])],
      comments: [commentOf(7, { author: { id: 5, name: 'Ana', organisation: '' } }), commentOf(8, { parent: 7 })],
    });
    s = reduce(s, { type: 'you', you: bob });
    s = reduce(
      s,
      change({
        seq: 11,
        kind: 'member_erased',
        contributions: 'delete',
        ideas: [1],
        moved: [idea(2, { author: { id: 6, name: 'M6', organisation: '' }, mergedInto: null })],
        comments: [7],
        replies: [commentOf(8, { parent: null })],
        proposals: [proposal([6])],
      }),
    );
    expect(s.ideas[1]).toBeUndefined();
    expect(s.ideas[2]?.mergedInto).toBeNull();
    expect(s.comments[7]).toBeUndefined();
    expect(s.comments[8]?.parent).toBeNull();
    expect(s.proposals[4]?.team).toEqual([6]);
  });
});

describe('stakeholder groups and profiles', () => {
  const event = eventInfo();
  const withTeam = {
    id: 4,
    track: 1,
    title: 'P',
    ideas: [1],
    cluster: null,
    table: null,
    team: [5],
    people: [{ id: 5, name: 'Ana', organisation: 'DG CNECT' }],
    createdAt: 1,
    createdBy: 1,
  };

  it('takes the event’s new groups', () => {
    let s = reduce(initialState, { type: 'snapshot', seq: 1, event, ideas: [] });
    const groups = [{ code: 'economist', label: 'Economist' }];
    s = reduce(s, change({ seq: 2, kind: 'groups_changed', groups }));
    expect(s.event?.groups).toEqual(groups);
    expect(s.lastSeq).toBe(2);
  });

  it('shows a new name everywhere it appears: ideas, proposals, comments, members, ourselves', () => {
    let s = reduce(initialState, {
      type: 'snapshot',
      seq: 1,
      event,
      ideas: [idea(1), idea(2, { author: { id: 6, name: 'M6', organisation: '' } })],
      members: [ana, bob],
      proposals: [withTeam],
      comments: [commentOf(3, { author: { id: 5, name: 'Ana', organisation: 'DG CNECT' } })],
    });
    s = reduce(s, { type: 'you', you: ana });
    // Others get only the name.
    s = reduce(s, change({ seq: 2, kind: 'member_updated', member: { id: 5, name: 'Ana R.', organisation: 'DG' } }));
    expect(s.ideas[1]?.author?.name).toBe('Ana R.');
    expect(s.ideas[1]?.author?.organisation).toBe('DG');
    expect(s.ideas[2]?.author?.name).toBe('M6');
    expect(s.proposals[4]?.people?.[0]?.name).toBe('Ana R.');
    expect(s.comments[3]?.author.name).toBe('Ana R.');
    expect(s.members[5]?.name).toBe('Ana R.');
    expect(s.members[5]?.role).toBe('participant');
    // The member themself gets the whole member: their group and consent too.
    s = reduce(
      s,
      change({ seq: 3, kind: 'member_updated', member: { ...ana, name: 'Ana R.', group: 'sme', credit: false } }),
    );
    expect(s.you?.group).toBe('sme');
    expect(s.you?.credit).toBe(false);
    expect(s.lastSeq).toBe(3);
  });

  it('takes the published report whose credits changed', () => {
    let s = reduce(initialState, { type: 'snapshot', seq: 1, event, ideas: [] });
    const report = {
      title: 'R',
      subtitle: '',
      date: '',
      foreword: '',
      method: '',
      chapters: [],
      round: null,
      published: true,
      creditsChangedAt: 5000,
    };
    s = reduce(s, change({ seq: 2, kind: 'member_updated', report }));
    expect(s.report?.creditsChangedAt).toBe(5000);
  });
});
