import { useState } from 'preact/hooks';
import { ideasOfCluster, mayCreateProposal, teamCandidates, validTitle } from './drafting';
import { t, tn } from '../../i18n';
import { viewPath } from '../../router';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import type { IdeaNode } from '../../ideaViews';
import { tablesOfTrack } from '../../store';
import { buildIdeaTree, clustersOfTrack, flattenTree, groupByCluster, ideasOfTrack } from '../../ideaViews';
import { useLimits, useRequests } from '../../ui/hooks';
import { Link } from '../../ui/Link';
import { ErrorLine } from '../../ui/Notices';
import { SelectField } from '../../ui/Field';
import { personName } from '../../people';

interface Props {
  session: Session;
  state: AppState;
  base: string;
}

/** Characters of an idea's text shown beside its checkbox. */
const IDEA_TEXT_MAX = 140;

function shorten(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > IDEA_TEXT_MAX ? `${chars.slice(0, IDEA_TEXT_MAX - 1).join('')}…` : chars.join('');
}

/**
 * Staff: a new proposal. Title and track; source ideas picked from the track's ideas as the
 * board groups them (clusters, merges beneath), or a whole cluster; a table of the track
 * and/or people as the team. Leads create proposals in their own track only.
 */
export function NewProposalForm({ session, state, base }: Props) {
  const tracks = (state.event?.tracks ?? []).filter((tr) => mayCreateProposal(state.you, tr.id));
  const [title, setTitle] = useState('');
  const [track, setTrack] = useState<number | null>(tracks[0]?.id ?? null);
  const [ideas, setIdeas] = useState<Set<number>>(new Set());
  const [cluster, setCluster] = useState('');
  const [table, setTable] = useState('');
  const [team, setTeam] = useState<Set<number>>(new Set());
  const [invalid, setInvalid] = useState(false);
  const [created, setCreated] = useState<{ id: number; title: string } | null>(null);
  const { busy, error, run } = useRequests();
  const titleMax = useLimits(session)?.proposalTitle;
  if (track === null || tracks.length === 0) return null;

  const inCluster = clusterIdeas(state, cluster);
  const seated = seatedAt(state, table);

  const changeTrack = (id: number) => {
    setTrack(id);
    setIdeas(new Set());
    setCluster('');
    setTable('');
    setTeam(new Set());
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const text = title.trim();
    if (!validTitle(text, titleMax)) {
      setInvalid(true);
      document.getElementById('new-proposal-title')?.focus();
      return;
    }
    setInvalid(false);
    const result = await run(() =>
      session.actions.proposals.create({
        title: text,
        track,
        ideas: [...ideas].filter((id) => !inCluster.has(id)),
        cluster: cluster === '' ? null : Number(cluster),
        table: table === '' ? null : Number(table),
        team: [...team].filter((id) => !seated.has(id)),
      }),
    );
    if (result) {
      setCreated({ id: result.proposal, title: text });
      setTitle('');
      setIdeas(new Set());
      setCluster('');
      setTable('');
      setTeam(new Set());
    }
  };

  return (
    <form class="new-proposal" onSubmit={submit} noValidate aria-labelledby="new-proposal-heading">
      <h3 id="new-proposal-heading">{t('newProposal.title')}</h3>
      <div class="field">
        <label for="new-proposal-title">{t('newProposal.titleLabel')}</label>
        <input
          id="new-proposal-title"
          class="input"
          value={title}
          maxLength={titleMax === undefined ? undefined : titleMax * 2}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'new-proposal-title-error' : undefined}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        {invalid ? (
          <p id="new-proposal-title-error" class="field-error">
            {titleMax === undefined ? t('proposal.titleEmpty') : t('proposal.titleRequired', { max: titleMax })}
          </p>
        ) : null}
      </div>
      <SelectField
        id="new-proposal-track"
        label={t('newProposal.track')}
        value={String(track)}
        options={tracks.map((tr) => ({ value: String(tr.id), label: tr.name }))}
        disabled={tracks.length === 1}
        onChange={(v) => changeTrack(Number(v))}
      />

      <SourcePicker
        state={state}
        track={track}
        ideas={ideas}
        setIdeas={setIdeas}
        cluster={cluster}
        setCluster={setCluster}
      />

      <TeamPicker state={state} track={track} team={team} setTeam={setTeam} table={table} setTable={setTable} />

      <ErrorLine error={error} />
      <button type="submit" class="btn btn--primary" disabled={busy}>
        {t('newProposal.submit')}
      </button>
      <p role="status" class="new-proposal__created">
        {created ? (
          <>
            {t('newProposal.created')}{' '}
            <Link href={viewPath(base, { view: 'proposal', id: created.id })}>{created.title}</Link>
          </>
        ) : null}
      </p>
    </form>
  );
}

/** The ideas a chosen cluster brings along (`cluster` '' : none). */
function clusterIdeas(state: AppState, cluster: string): Set<number> {
  return new Set(cluster === '' ? [] : ideasOfCluster(state, Number(cluster)).map((i) => i.id));
}

/** The members at a chosen table (`table` '' : none): the table comes as the team. */
function seatedAt(state: AppState, table: string): Set<number> {
  return new Set(
    table === ''
      ? []
      : Object.values(state.members)
          .filter((m) => m.table === Number(table))
          .map((m) => m.id),
  );
}

/** The source ideas: a whole cluster, or ideas picked as the board groups them. */
function SourcePicker({
  state,
  track,
  ideas,
  setIdeas,
  cluster,
  setCluster,
}: {
  state: AppState;
  track: number;
  ideas: Set<number>;
  setIdeas: (ideas: Set<number>) => void;
  cluster: string;
  setCluster: (cluster: string) => void;
}) {
  const views = ideasOfTrack(state, track).filter((v) => v.idea.id > 0 && !v.idea.hidden);
  const groups = groupByCluster(buildIdeaTree(views), clustersOfTrack(state, track)).filter((g) => g.nodes.length > 0);
  const inCluster = clusterIdeas(state, cluster);
  const toggleIdea = (node: IdeaNode, on: boolean) => {
    const next = new Set(ideas);
    // An idea takes the ideas merged beneath it along.
    for (const v of flattenTree([node])) {
      if (on) next.add(v.idea.id);
      else next.delete(v.idea.id);
    }
    setIdeas(next);
  };

  const renderNodes = (nodes: IdeaNode[]) => (
    <ul class="pick-list">
      {nodes.map((n) => {
        const id = n.view.idea.id;
        const viaCluster = inCluster.has(id);
        return (
          <li key={id}>
            <label class="check pick-list__item">
              <input
                type="checkbox"
                checked={viaCluster || ideas.has(id)}
                disabled={viaCluster}
                onChange={(e) => toggleIdea(n, e.currentTarget.checked)}
              />
              <span>
                {shorten(n.view.idea.text)}
                <span class="muted">
                  {' '}
                  — {n.view.idea.author ? personName(n.view.idea.author) : t('idea.anonymous')}
                </span>
                {viaCluster ? <span class="muted"> {t('newProposal.viaCluster')}</span> : null}
              </span>
            </label>
            {n.children.length > 0 ? renderNodes(n.children) : null}
          </li>
        );
      })}
    </ul>
  );

  return (
    <fieldset class="new-proposal__group">
      <legend>{t('newProposal.sources')}</legend>
      {clustersOfTrack(state, track).length > 0 ? (
        <SelectField
          id="new-proposal-cluster"
          label={t('newProposal.cluster')}
          value={cluster}
          none={t('newProposal.noCluster')}
          options={clustersOfTrack(state, track).map((c) => ({
            value: String(c.id),
            label: t('newProposal.clusterOption', { name: c.name, count: ideasOfCluster(state, c.id).length }),
          }))}
          onChange={setCluster}
        />
      ) : null}
      {groups.length === 0 ? <p class="empty">{t('newProposal.noIdeas')}</p> : null}
      <div class="new-proposal__scroll">
        {groups.map((g) => (
          <div
            key={g.cluster?.id ?? 'none'}
            role="group"
            aria-label={g.cluster ? g.cluster.name : t('cluster.noneHeading')}
          >
            {groups.length > 1 || g.cluster ? (
              <p class="new-proposal__cluster">{g.cluster ? g.cluster.name : t('cluster.noneHeading')}</p>
            ) : null}
            {renderNodes(g.nodes)}
          </div>
        ))}
      </div>
      <p class="hint">{tn('newProposal.chosenIdeas', new Set([...ideas, ...inCluster]).size)}</p>
    </fieldset>
  );
}

/** The team: a table of the track, and people picked (with a filter when there are many). */
function TeamPicker({
  state,
  track,
  team,
  setTeam,
  table,
  setTable,
}: {
  state: AppState;
  track: number;
  team: Set<number>;
  setTeam: (team: Set<number>) => void;
  table: string;
  setTable: (table: string) => void;
}) {
  const [filter, setFilter] = useState('');
  const tables = tablesOfTrack(state, track);
  const seated = seatedAt(state, table);
  const people = teamCandidates(state, track);
  const needle = filter.trim().toLowerCase();
  const shown = needle === '' ? people : people.filter((m) => m.name.toLowerCase().includes(needle) || team.has(m.id));
  const togglePerson = (id: number, on: boolean) => {
    const next = new Set(team);
    if (on) next.add(id);
    else next.delete(id);
    setTeam(next);
  };

  return (
    <fieldset class="new-proposal__group">
      <legend>{t('newProposal.team')}</legend>
      {tables.length > 0 ? (
        <SelectField
          id="new-proposal-table"
          label={t('newProposal.table')}
          value={table}
          none={t('newProposal.noTable')}
          options={tables.map((tb) => ({ value: String(tb.id), label: tb.name }))}
          onChange={setTable}
        />
      ) : null}
      {people.length > 6 ? (
        <div class="field">
          <label for="new-proposal-filter">{t('newProposal.filter')}</label>
          <input
            id="new-proposal-filter"
            class="input"
            value={filter}
            onInput={(e) => setFilter(e.currentTarget.value)}
          />
        </div>
      ) : null}
      {people.length === 0 ? <p class="empty">{t('newProposal.noPeople')}</p> : null}
      <ul class="pick-list new-proposal__scroll">
        {shown.map((m) => (
          <li key={m.id}>
            <label class="check pick-list__item">
              <input
                type="checkbox"
                checked={seated.has(m.id) || team.has(m.id)}
                disabled={seated.has(m.id)}
                onChange={(e) => togglePerson(m.id, e.currentTarget.checked)}
              />
              <span>
                {m.name}
                {m.organisation ? <span class="muted"> · {m.organisation}</span> : null}
                {seated.has(m.id) ? <span class="muted"> {t('newProposal.viaTable')}</span> : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <p class="hint">{tn('newProposal.chosenPeople', new Set([...team, ...seated]).size)}</p>
    </fieldset>
  );
}
