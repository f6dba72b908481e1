import { describe, expect, it } from 'vitest';
import type { Actions, CommandPort } from './index';
import { createActions } from './index';

/** A port that records how each command went out: through the queue or as a request. */
function recorder() {
  const sent: { via: 'queue' | 'request'; command: unknown }[] = [];
  const port: CommandPort = {
    submit: (draft) => {
      sent.push({ via: 'queue', command: draft });
      return { ...draft, id: 'c1' } as never;
    },
    request: (draft) => {
      sent.push({ via: 'request', command: draft });
      return Promise.resolve(undefined as never);
    },
  };
  return { sent, actions: createActions(port) };
}

type Case = [string, (a: Actions) => unknown, 'queue' | 'request', Record<string, unknown>];

const chapters = [{ title: 'Skills', intro: 'x', proposals: [4, 9] }];

const CASES: Case[] = [
  ['event.info', (a) => a.event.info('ABC123'), 'request', { type: 'event_info', code: 'ABC123' }],
  [
    'event.join',
    (a) => a.event.join({ code: 'ABC123', name: 'Ana', organisation: '', group: 'sme', track: 1, credit: true }),
    'request',
    { type: 'join', code: 'ABC123', name: 'Ana', organisation: '', group: 'sme', track: 1, credit: true },
  ],
  [
    'event.setLanguage',
    (a) => a.event.setLanguage({ language: 'de', screenLanguages: 'room' }),
    'request',
    { type: 'set_event_language', language: 'de', screenLanguages: 'room' },
  ],
  [
    'admin.createEvent',
    (a) => a.admin.createEvent('Day', [{ name: 'T', description: '' }]),
    'request',
    { type: 'create_event', title: 'Day', tracks: [{ name: 'T', description: '' }] },
  ],
  [
    'admin.createEvent',
    (a) => a.admin.createEvent('Tag', [{ name: 'T', description: '' }], undefined, 'de'),
    'request',
    { type: 'create_event', title: 'Tag', tracks: [{ name: 'T', description: '' }], language: 'de' },
  ],
  ['admin.listEvents', (a) => a.admin.listEvents(), 'request', { type: 'list_events' }],
  [
    'admin.issueFacilitatorLink',
    (a) => a.admin.issueFacilitatorLink(1, 'Facilitator (recovery)'),
    'request',
    { type: 'issue_facilitator_link', event: 1, name: 'Facilitator (recovery)' },
  ],
  [
    'admin.setEventStatus',
    (a) => a.admin.setEventStatus(1, 'archived'),
    'request',
    { type: 'set_event_status', event: 1, status: 'archived' },
  ],
  ['admin.deleteEvent', (a) => a.admin.deleteEvent(1), 'request', { type: 'delete_event', event: 1 }],
  ['admin.setRetention', (a) => a.admin.setRetention(30), 'request', { type: 'set_retention', days: 30 }],
  [
    'ideas.post',
    (a) => a.ideas.post(2, 'Learning accounts', true),
    'queue',
    { type: 'post_idea', track: 2, text: 'Learning accounts', anonymous: true },
  ],
  ['ideas.edit', (a) => a.ideas.edit(7, 'New text'), 'queue', { type: 'edit_idea', idea: 7, text: 'New text' }],
  ['ideas.delete', (a) => a.ideas.delete(7), 'queue', { type: 'delete_idea', idea: 7 }],
  ['ideas.hide', (a) => a.ideas.hide(7), 'queue', { type: 'hide_idea', idea: 7 }],
  ['ideas.unhide', (a) => a.ideas.unhide(7), 'queue', { type: 'unhide_idea', idea: 7 }],
  ['ideas.pin', (a) => a.ideas.pin(7), 'request', { type: 'pin_idea', idea: 7 }],
  ['ideas.unpin', (a) => a.ideas.unpin(7), 'request', { type: 'unpin_idea', idea: 7 }],
  ['ideas.merge', (a) => a.ideas.merge(7, 3), 'request', { type: 'merge_idea', idea: 7, into: 3 }],
  ['ideas.split', (a) => a.ideas.split(7), 'request', { type: 'split_idea', idea: 7 }],
  ['ideas.cluster', (a) => a.ideas.cluster(7, 5), 'request', { type: 'cluster_idea', idea: 7, cluster: 5 }],
  ['ideas.support', (a) => a.ideas.support(17), 'request', { type: 'support_idea', idea: 17 }],
  ['ideas.withdrawSupport', (a) => a.ideas.withdrawSupport(17), 'request', { type: 'withdraw_support', idea: 17 }],
  [
    'ideas.similar',
    (a) => a.ideas.similar(2, 'learning account for every worker'),
    'request',
    { type: 'similar_ideas', track: 2, text: 'learning account for every worker' },
  ],
  ['suggestions.duplicates', (a) => a.suggestions.duplicates(2), 'request', { type: 'suggest_duplicates', track: 2 }],
  ['suggestions.clusters', (a) => a.suggestions.clusters(2), 'request', { type: 'suggest_clusters', track: 2 }],
  ['suggestions.dismiss', (a) => a.suggestions.dismiss(12, 40), 'request', { type: 'dismiss_duplicate', a: 12, b: 40 }],
  ['suggestions.restore', (a) => a.suggestions.restore(12, 40), 'request', { type: 'restore_duplicate', a: 12, b: 40 }],
  [
    'ideas.cluster (none)',
    (a) => a.ideas.cluster(7, null),
    'request',
    { type: 'cluster_idea', idea: 7, cluster: null },
  ],
  [
    'clusters.create',
    (a) => a.clusters.create(2, 'Skills'),
    'request',
    { type: 'create_cluster', track: 2, name: 'Skills' },
  ],
  [
    'clusters.rename',
    (a) => a.clusters.rename(5, 'Jobs'),
    'request',
    { type: 'rename_cluster', cluster: 5, name: 'Jobs' },
  ],
  ['clusters.delete', (a) => a.clusters.delete(5), 'request', { type: 'delete_cluster', cluster: 5 }],
  ['tables.add', (a) => a.tables.add(2, 'Table 1'), 'request', { type: 'add_table', track: 2, name: 'Table 1' }],
  ['tables.remove', (a) => a.tables.remove(4), 'request', { type: 'remove_table', table: 4 }],
  [
    'people.move',
    (a) => a.people.move(9, 2, null),
    'request',
    { type: 'move_member', member: 9, track: 2, table: null },
  ],
  ['people.remove', (a) => a.people.remove(9), 'request', { type: 'remove_member', member: 9 }],
  [
    'people.edit',
    (a) => a.people.edit(9, { name: 'Ana', group: 'sme' }),
    'request',
    { type: 'edit_member', member: 9, name: 'Ana', group: 'sme' },
  ],
  [
    'people.setGroups',
    (a) => a.people.setGroups([{ code: 'ai', label: 'AI' }]),
    'request',
    { type: 'set_groups', groups: [{ code: 'ai', label: 'AI' }] },
  ],
  [
    'people.updateProfile',
    (a) => a.people.updateProfile({ credit: false }),
    'request',
    { type: 'update_profile', credit: false },
  ],
  [
    'people.erase',
    (a) => a.people.erase(9, 'delete'),
    'request',
    { type: 'erase_member', member: 9, contributions: 'delete' },
  ],
  ['people.setSelfJoin', (a) => a.people.setSelfJoin(false), 'request', { type: 'set_self_join', open: false }],
  [
    'people.createLink (lead)',
    (a) => a.people.createLink('lead', 'Lena', 2),
    'request',
    { type: 'create_link', role: 'lead', name: 'Lena', track: 2 },
  ],
  [
    'people.createLink (viewer: no track)',
    (a) => a.people.createLink('viewer', 'Wall', 2),
    'request',
    { type: 'create_link', role: 'viewer', name: 'Wall' },
  ],
  [
    'agenda.set',
    (a) => a.agenda.set([{ kind: 'welcome', title: 'Hi', minutes: 5 }]),
    'request',
    { type: 'set_agenda', phases: [{ kind: 'welcome', title: 'Hi', minutes: 5 }] },
  ],
  ['agenda.goTo', (a) => a.agenda.goTo(3), 'request', { type: 'go_to_phase', index: 3 }],
  ['agenda.undoPhase', (a) => a.agenda.undoPhase(), 'request', { type: 'undo_phase_change' }],
  ['agenda.pause', (a) => a.agenda.pause(), 'request', { type: 'pause_timer' }],
  ['agenda.resume', (a) => a.agenda.resume(), 'request', { type: 'resume_timer' }],
  ['agenda.extend', (a) => a.agenda.extend(5), 'request', { type: 'extend_timer', minutes: 5 }],
  ['agenda.setAutoAdvance', (a) => a.agenda.setAutoAdvance(true), 'request', { type: 'set_auto_advance', on: true }],
  [
    'agenda.setTrackPacing',
    (a) => a.agenda.setTrackPacing(true),
    'request',
    { type: 'set_track_pacing', allowed: true },
  ],
  [
    'agenda.setTrackPhase',
    (a) => a.agenda.setTrackPhase(2, null),
    'request',
    { type: 'set_track_phase', track: 2, index: null },
  ],
  [
    'announcements.make',
    (a) => a.announcements.make('Lunch', null),
    'request',
    { type: 'announce', text: 'Lunch', track: null },
  ],
  ['announcements.clear', (a) => a.announcements.clear(3), 'request', { type: 'clear_announcement', announcement: 3 }],
  ['screen.show', (a) => a.screen.show(2), 'request', { type: 'set_screen', track: 2 }],
  ['screen.setMode', (a) => a.screen.setMode('results'), 'request', { type: 'set_screen', mode: 'results' }],
  ['screen.setTrack', (a) => a.screen.setTrack(null), 'request', { type: 'set_screen', track: null }],
  ['screen.setRound', (a) => a.screen.setRound(4), 'request', { type: 'set_screen', round: 4 }],
  [
    'rounds.open',
    (a) =>
      a.rounds.open({
        title: 'Top ideas',
        track: null,
        items: 'clusters',
        eligible: [1, 3],
        method: 'dots',
        budget: 5,
        maxPerItem: 3,
        allowOwn: false,
        liveResults: true,
        randomOrder: true,
      }),
    'request',
    {
      type: 'open_round',
      title: 'Top ideas',
      track: null,
      items: 'clusters',
      eligible: [1, 3],
      method: 'dots',
      budget: 5,
      maxPerItem: 3,
      allowOwn: false,
      liveResults: true,
      randomOrder: true,
    },
  ],
  ['rounds.vote', (a) => a.rounds.vote(1, 7, 2), 'request', { type: 'vote', round: 1, item: 7, votes: 2 }],
  ['rounds.close', (a) => a.rounds.close(1), 'request', { type: 'close_round', round: 1 }],
  ['rounds.reveal', (a) => a.rounds.reveal(1), 'request', { type: 'reveal_round', round: 1 }],
  ['rounds.reopen', (a) => a.rounds.reopen(1), 'request', { type: 'reopen_round', round: 1 }],
  [
    'proposals.setTemplate',
    (a) => a.proposals.setTemplate([{ heading: 'Summary', hint: '' }]),
    'request',
    { type: 'set_template', sections: [{ heading: 'Summary', hint: '' }] },
  ],
  [
    'proposals.create',
    (a) => a.proposals.create({ title: 'Accounts', track: 2, ideas: [7], cluster: null, table: 4, team: [9] }),
    'request',
    { type: 'create_proposal', title: 'Accounts', track: 2, ideas: [7], cluster: null, table: 4, team: [9] },
  ],
  [
    'proposals.rename',
    (a) => a.proposals.rename(6, 'New'),
    'request',
    { type: 'update_proposal', proposal: 6, title: 'New' },
  ],
  [
    'proposals.setTeam',
    (a) => a.proposals.setTeam(6, [9]),
    'request',
    { type: 'update_proposal', proposal: 6, team: [9] },
  ],
  ['proposals.delete', (a) => a.proposals.delete(6), 'request', { type: 'delete_proposal', proposal: 6 }],
  ['proposals.restore', (a) => a.proposals.restore(6), 'request', { type: 'restore_proposal', proposal: 6 }],
  ['links.rename', (a) => a.links.rename(7, 'Room B'), 'request', { type: 'rename_link', member: 7, name: 'Room B' }],
  ['links.revoke', (a) => a.links.revoke(7), 'request', { type: 'revoke_link', member: 7 }],
  ['links.reissue', (a) => a.links.reissue(7), 'request', { type: 'reissue_link', member: 7 }],
  ['proposals.freeze', (a) => a.proposals.freeze(true), 'request', { type: 'freeze_proposals', frozen: true }],
  [
    'proposals.history',
    (a) => a.proposals.history(6, 1, 40),
    'request',
    { type: 'section_history', proposal: 6, section: 1, from: 40 },
  ],
  [
    'comments.add',
    (a) =>
      a.comments.add({
        proposal: 6,
        section: 1,
        from: 2,
        to: 5,
        version: 9,
        quote: 'abc',
        parent: null,
        text: 'Why?',
      }),
    'request',
    {
      type: 'add_comment',
      proposal: 6,
      section: 1,
      from: 2,
      to: 5,
      version: 9,
      quote: 'abc',
      parent: null,
      text: 'Why?',
    },
  ],
  [
    'comments.resolve',
    (a) => a.comments.resolve(3, true),
    'request',
    { type: 'resolve_comment', comment: 3, resolved: true },
  ],
  [
    'report.setTexts',
    (a) => a.report.setTexts({ title: 'R', subtitle: '', date: '', foreword: 'F', method: 'M' }),
    'request',
    { type: 'set_report', title: 'R', subtitle: '', date: '', foreword: 'F', method: 'M' },
  ],
  ['report.prefill', (a) => a.report.prefill(2, 10), 'request', { type: 'prefill_report', round: 2, top: 10 }],
  [
    'report.setChapters',
    (a) => a.report.setChapters(4, chapters),
    'request',
    { type: 'set_chapters', round: 4, chapters: [{ title: 'Skills', intro: 'x', proposals: [4, 9] }] },
  ],
  ['report.publish', (a) => a.report.publish(true), 'request', { type: 'publish_report', published: true }],
];

describe('actions', () => {
  it.each(CASES)('%s sends its command (%s)', (_name, call, via, command) => {
    const { sent, actions } = recorder();
    call(actions);
    expect(sent).toEqual([{ via, command }]);
  });

  it('has a case for every action', () => {
    const { actions } = recorder();
    const names = Object.entries(actions).flatMap(([group, fns]) => Object.keys(fns).map((k) => `${group}.${k}`));
    const covered = new Set(CASES.map(([name]) => name.split(' ')[0]));
    expect(names.filter((n) => !covered.has(n))).toEqual([]);
  });

  it('queues exactly the idea commands a participant must not lose', () => {
    const queued = CASES.filter(([, , via]) => via === 'queue').map(([, , , c]) => c.type);
    expect(queued.sort()).toEqual(['delete_idea', 'edit_idea', 'hide_idea', 'post_idea', 'unhide_idea']);
  });

  it('copies the chapters it sends (a later edit of the view’s list does not change the command)', () => {
    const { sent, actions } = recorder();
    actions.report.setChapters(null, chapters);
    const command = sent[0]?.command as { round: number | null; chapters: typeof chapters };
    expect(command.round).toBeNull();
    expect(command.chapters[0]?.proposals).not.toBe(chapters[0]?.proposals);
  });

  it('returns a queued command with its id, and a request’s promise', async () => {
    const { actions } = recorder();
    expect(actions.ideas.edit(7, 'x').id).toBe('c1');
    await expect(actions.rounds.vote(1, 7, 2)).resolves.toBeUndefined();
  });
});
