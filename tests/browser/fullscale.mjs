// A full-size event, built over the protocol as the reference day would leave it: 7 tracks,
// 65 members (58 participants, 7 track leads), 150 ideas with merges, clusters and a hidden
// one, 2 vote rounds (ideas per track, then proposals), 20 proposals with text, and a report
// of 20 proposals in chapters. The browser tests and the README's screenshots use it.
//
// seedFullEvent(server, { until }) stops after the phase named in `until`:
//   'ideation' | 'voting' | 'drafting' | 'final' (default 'final').
import { connectWith, openEvent, WsClient } from './helpers.mjs';
import { setTimeout as sleep } from 'node:timers/promises';
import { seededRandom } from '../seeded.mjs';

// The server takes 20 commands a second from one connection (bursts of 40): a seeding client
// keeps under it rather than have a command refused.
const GAP_MS = 52;
function paced(client) {
  let next = 0;
  const wait = async () => {
    const now = Date.now();
    if (next > now) await sleep(next - now);
    next = Math.max(now, next) + GAP_MS;
  };
  const { request, send } = client;
  client.request = async (command) => (await wait(), request.call(client, command));
  client.send = async (command) => (await wait(), send.call(client, command));
  return client;
}

export const TRACKS = [
  {
    name: 'Skills and learning',
    description: 'How do workers and learners keep up with AI?',
  },
  {
    name: 'Public sector',
    description: 'AI in administrations and public services',
  },
  {
    name: 'Industry and SMEs',
    description: 'Adoption in large companies, SMEs and start-ups',
  },
  { name: 'Research and innovation', description: 'From lab to market' },
  { name: 'Labour market', description: 'Jobs, wages and social protection' },
  { name: 'Trust and regulation', description: 'Rules people can rely on' },
  {
    name: 'Data and infrastructure',
    description: 'Compute, data spaces and connectivity',
  },
];

const FIRST = [
  'Ana',
  'Jan',
  'Zoé',
  'Luca',
  'Maria',
  'Piotr',
  'Sofia',
  'Mikael',
  'Inês',
  'Tomas',
  'Elena',
  'Hugo',
  'Katarzyna',
  'Niamh',
  'Matteo',
  'Eva',
  'Jonas',
  'Laura',
  'Dimitris',
  'Sara',
  'Andrei',
  'Clara',
  'Marek',
  'Lea',
];
const LAST = [
  'Ruiz',
  'de Vries',
  'Dubois',
  'Rossi',
  'Kowalska',
  'Novak',
  'Jensen',
  'Silva',
  'Papadopoulos',
  'Schmidt',
  'Horváth',
  'Murphy',
  'Lindqvist',
  'Ionescu',
  'Bianchi',
  'Virtanen',
  'Moreau',
  'Fischer',
];
const ORGS = [
  'DG CNECT',
  'DG EMPL',
  'Ministry of Labour',
  'BMAS',
  'Siemens',
  'SAP',
  'Orange',
  'Mistral AI',
  'Aleph Alpha',
  'KU Leuven',
  'Bruegel',
  'CEPS',
  'Digital SME Alliance',
  'ETUC',
  'BusinessEurope',
  '',
];
const GROUPS = [
  'eu_institution',
  'national_government',
  'large_enterprise',
  'sme',
  'startup',
  'academia',
  'civil_society',
  'ai_specialist',
  'other',
];

const SUBJECTS = [
  [
    'learning accounts',
    'micro-credentials',
    'AI literacy in schools',
    'reskilling vouchers',
    'teacher training',
    'apprenticeships in AI',
    'lifelong learning leave',
    'a skills passport',
  ],
  [
    'a GovAI hub',
    'shared public models',
    'procurement sandboxes',
    'AI in tax offices',
    'chatbots for citizens',
    'civil servant training',
    'open public data',
    'impact assessments',
  ],
  [
    'SME adoption vouchers',
    'AI testing facilities',
    'regional innovation hubs',
    'start-up scale-up funds',
    'shared compute credits',
    'supply-chain pilots',
    'cross-border marketplaces',
    'industrial data pools',
  ],
  [
    'a CERN for AI',
    'research fellowships',
    'open benchmarks',
    'lab-to-market grants',
    'talent visas',
    'joint PhD programmes',
    'reproducibility funds',
    'mission-driven challenges',
  ],
  [
    'transition insurance',
    'worker consultation',
    'algorithmic management rules',
    'job-matching platforms',
    'wage guarantees',
    'platform work standards',
    'social dialogue on AI',
    'regional transition funds',
  ],
  [
    'an AI Act helpdesk',
    'regulatory sandboxes',
    'liability clarity',
    'audit standards',
    'labelling of AI content',
    'redress for citizens',
    'codes of conduct',
    'independent oversight',
  ],
  [
    'federated data spaces',
    'green data centres',
    'EU compute reserve',
    'broadband for rural SMEs',
    'trusted cloud',
    'data altruism',
    'interoperability rules',
    'open model weights',
  ],
];
const VERBS = ['Create', 'Fund', 'Pilot', 'Scale up', 'Introduce', 'Guarantee', 'Set up', 'Expand'];
const ENDS = [
  'across all member states',
  'for every worker',
  'with a yearly review',
  'co-designed with unions',
  'open to SMEs first',
  'within two years',
  'with clear public metrics',
  'backed by the EU budget',
];

/** The full-size event: returns what the tests and the screenshots need. */
export async function seedFullEvent(server, { until = 'final', title = 'AI & the Future of Work' } = {}) {
  const random = seededRandom(14);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const { event, facilitatorToken, fac: facClient } = await openEvent(server, title, TRACKS);
  const fac = paced(facClient);
  const tracks = event.tracks;
  const leads = [];
  for (const [i, track] of tracks.entries()) {
    const { token, member } = await fac.request({
      type: 'create_link',
      role: 'lead',
      track: track.id,
      name: `${FIRST[(i * 5) % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
    });
    leads.push({ token, member, track: track.id });
  }
  const { token: viewerToken } = await fac.request({
    type: 'create_link',
    role: 'viewer',
    name: 'Main hall screen',
  });

  // 58 participants, spread over the tracks (8 or 9 each), most of them credited.
  const clients = await Promise.all(
    Array.from({ length: 58 }, async () => paced(await WsClient.connect(server.wsUrl))),
  );
  const people = await Promise.all(
    clients.map(async (client, i) => {
      const track = tracks[i % tracks.length].id;
      const { token, you } = await client.request({
        type: 'join',
        code: event.code,
        name: `${FIRST[i % FIRST.length]} ${LAST[(i * 5 + 3) % LAST.length]}`,
        organisation: ORGS[(i * 7) % ORGS.length],
        group: GROUPS[i % GROUPS.length],
        track,
        credit: i % 6 !== 0,
      });
      return { token, member: you, track };
    }),
  );
  const closeAll = () => {
    for (const c of clients) c.close();
  };
  const result = {
    event,
    facilitatorToken,
    fac,
    leads,
    people,
    viewerToken,
    tracks,
    ideas: [],
    rounds: [],
    proposals: [],
  };
  try {
    await fac.request({ type: 'go_to_phase', index: 1 }); // Ideas
    const texts = Array.from({ length: 150 }, (_, n) => {
      const who = n % people.length;
      const t = tracks.findIndex((x) => x.id === people[who].track);
      return {
        who,
        text: `${pick(VERBS)} ${SUBJECTS[t][n % SUBJECTS[t].length]} ${pick(ENDS)}`,
        n,
      };
    });
    // Each person posts their own ideas in order; people post side by side.
    const posted = await Promise.all(
      people.map(async (person, who) => {
        const mine = [];
        for (const { text, n } of texts.filter((x) => x.who === who)) {
          const { idea } = await clients[who].request({
            type: 'post_idea',
            track: person.track,
            text,
            anonymous: n % 17 === 0,
          });
          mine.push({ id: idea, track: person.track, text, n });
        }
        return mine;
      }),
    );
    result.ideas = posted
      .flat()
      .sort((a, b) => a.id - b.id)
      .map(({ id, track, text }) => ({ id, track, text }));
    if (until === 'ideation') return { ...result, close: closeAll };

    // Clustering: each lead makes three clusters of their track, merges a duplicate, hides one.
    await fac.request({ type: 'go_to_phase', index: 2 });
    await Promise.all(
      leads.map(async (lead) => {
        const client = paced(await connectWith(server, lead.token));
        const own = result.ideas.filter((i) => i.track === lead.track);
        const names = ['Funding', 'People first', 'Rules and standards'];
        for (const [k, name] of names.entries()) {
          const { cluster } = await client.request({
            type: 'create_cluster',
            track: lead.track,
            name,
          });
          for (const idea of own.filter((_, j) => j % 4 === k)) {
            await client.request({
              type: 'cluster_idea',
              idea: idea.id,
              cluster,
            });
          }
        }
        await client.request({
          type: 'merge_idea',
          idea: own[own.length - 1].id,
          into: own[0].id,
        });
        await client.request({
          type: 'hide_idea',
          idea: own[own.length - 2].id,
        });
        await client.request({ type: 'pin_idea', idea: own[1].id });
        client.close();
      }),
    );

    // Voting: one all-tracks round over ideas; 45 of 58 people vote.
    await fac.request({ type: 'go_to_phase', index: 3 });
    const { round } = await fac.request({
      type: 'open_round',
      title: 'Which ideas become proposals?',
      track: null,
    });
    result.rounds.push(round);
    const visible = result.ideas.filter((_, j) => j % 21 !== 20);
    await Promise.all(
      people.slice(0, 45).map(async (_, i) => {
        for (let d = 0; d < 3; d++) {
          const item = visible[(i * 7 + d * 13) % visible.length].id;
          const answer = await clients[i].send({
            type: 'vote',
            round,
            item,
            votes: 1 + (d % 2),
          });
          if (answer.type === 'error' && !['own_idea', 'bad_value', 'over_budget'].includes(answer.code)) {
            throw new Error(`vote failed: ${answer.code}`);
          }
        }
      }),
    );
    await fac.request({ type: 'close_round', round });
    await fac.request({ type: 'reveal_round', round });
    if (until === 'voting') return { ...result, close: closeAll };

    // Drafting: 20 proposals (about 3 per track), teams of 3, one paragraph in each section.
    await fac.request({ type: 'go_to_phase', index: 4 });
    const writes = [];
    for (let p = 0; p < 20; p++) {
      const track = tracks[p % tracks.length].id;
      const own = result.ideas.filter((i) => i.track === track);
      const team = people
        .filter((x) => x.track === track)
        .slice((p % 3) * 2, (p % 3) * 2 + 3)
        .map((x) => x.member.id);
      const title = `${own[p % own.length].text.split(' ').slice(0, 6).join(' ')}`;
      const { proposal } = await fac.request({
        type: 'create_proposal',
        title: title.length > 3 ? title : `Proposal ${p + 1}`,
        track,
        ideas: [own[p % own.length].id],
        cluster: null,
        table: null,
        team,
      });
      result.proposals.push(proposal);
      writes.push({
        proposal,
        writer: clients[people.findIndex((x) => x.member.id === team[0])],
        own,
        p,
      });
    }
    await Promise.all(
      writes.map(async ({ proposal, writer, own, p }) => {
        for (let s = 0; s < 3; s++) {
          await writer.request({
            type: 'open_section',
            proposal,
            section: s,
            version: null,
          });
          const text = `${own[(p + s) % own.length].text}. This section explains who acts, how it is paid for and what changes for people within two years.`;
          await writer.request({
            type: 'push',
            proposal,
            section: s,
            version: 0,
            updates: [{ clientID: `seed${p}`, changes: [[0, text]] }],
          });
          await writer.request({ type: 'close_section', proposal, section: s });
        }
      }),
    );
    // The final vote over proposals, so the report shows its results.
    await fac.request({ type: 'go_to_phase', index: 5 });
    const { round: final } = await fac.request({
      type: 'open_round',
      title: 'Final vote',
      track: null,
      items: 'proposals',
    });
    result.rounds.push(final);
    await Promise.all(
      people.slice(0, 50).map(async (_, i) => {
        for (let d = 0; d < 2; d++) {
          const item = result.proposals[(i * 3 + d * 7) % result.proposals.length];
          await clients[i].send({ type: 'vote', round: final, item, votes: 1 });
        }
      }),
    );
    await fac.request({ type: 'close_round', round: final });
    await fac.request({ type: 'reveal_round', round: final });
    if (until === 'drafting') return { ...result, close: closeAll };

    await fac.request({ type: 'go_to_phase', index: 6 });
    await fac.request({
      type: 'set_report',
      title: '20 proposals for AI and the future of work',
      subtitle: 'Brussels policy hackathon',
      date: '',
      foreword: 'Sixty-five people from EU institutions, governments, companies and research met for one day.',
      method: 'Ideas in seven tracks, dot voting, drafting in teams and a final vote.',
    });
    await fac.request({ type: 'prefill_report', round: final, top: 20 });
    return { ...result, close: closeAll };
  } catch (err) {
    closeAll();
    throw err;
  }
}
