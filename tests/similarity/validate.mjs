#!/usr/bin/env node
// Checks the similarity evaluation set (ideas.jsonl, hard_negatives.jsonl) and prints its counts.
// No dependencies. Usage: node tests/similarity/validate.mjs   (exit code 1 on any error)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const LANGS = ['en', 'de', 'fr', 'pl', 'es', 'it'];
const MIN = {
  total: 420,
  perMainLang: 90,
  esIt: 20,
  negatives: 60,
  tracks: [6, 8],
  clustersPerTrack: [4, 8],
  dupShare: [0.12, 0.15],
  words: [8, 40],
  mixedTracks: 2,
  crossLangDups: 3,
};

const errors = [];
const warnings = [];
const err = (m) => errors.push(m);

function readJsonl(name) {
  const text = readFileSync(join(here, name), 'utf8');
  const rows = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      rows.push(JSON.parse(line));
    } catch (e) {
      err(`${name}:${i + 1}: not JSON (${e.message})`);
    }
  });
  return rows;
}

const ideas = readJsonl('ideas.jsonl');
const negatives = readJsonl('hard_negatives.jsonl');

// --- ideas -------------------------------------------------------------------------------------
const byId = new Map();
const order = new Map();
ideas.forEach((it, i) => {
  const where = `ideas.jsonl:${i + 1}`;
  for (const k of ['id', 'lang', 'track', 'text', 'cluster']) {
    if (typeof it[k] !== 'string' || it[k] === '') err(`${where}: field ${k} missing or empty`);
  }
  if (!('dup_of' in it) || (it.dup_of !== null && typeof it.dup_of !== 'string'))
    err(`${where}: dup_of must be null or an id`);
  if (byId.has(it.id)) err(`${where}: duplicate id ${it.id}`);
  byId.set(it.id, it);
  order.set(it.id, i);
  if (!LANGS.includes(it.lang)) err(`${where}: unknown lang ${it.lang}`);
  if (typeof it.id === 'string' && !it.id.startsWith(`${it.lang}-${it.track}-`))
    err(`${where}: id ${it.id} does not start with <lang>-<track>-`);
  if (typeof it.cluster === 'string' && !it.cluster.startsWith(`${it.track}/`))
    err(`${where}: cluster ${it.cluster} lacks track prefix ${it.track}/`);
  if (typeof it.cluster === 'string' && !/^[a-z0-9-]+\/[a-z0-9-]+$/.test(it.cluster))
    err(`${where}: cluster ${it.cluster} is not track/slug`);
  const words = String(it.text)
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (words < MIN.words[0] || words > MIN.words[1])
    err(`${where}: ${words} words (want ${MIN.words[0]}–${MIN.words[1]}): ${it.text}`);
});

// texts must not repeat verbatim (a duplicate is a paraphrase, not a copy)
const seenText = new Map();
for (const it of ideas) {
  const k = String(it.text).toLowerCase().trim();
  if (seenText.has(k)) err(`identical text in ${seenText.get(k)} and ${it.id}`);
  seenText.set(k, it.id);
}

// dup_of: earlier idea, same track, same cluster
for (const it of ideas) {
  if (it.dup_of === null) continue;
  const o = byId.get(it.dup_of);
  if (!o) {
    err(`${it.id}: dup_of ${it.dup_of} does not exist`);
    continue;
  }
  if (order.get(o.id) >= order.get(it.id)) err(`${it.id}: dup_of ${o.id} is not an earlier idea`);
  if (o.track !== it.track) err(`${it.id}: dup_of ${o.id} is in another track (${o.track})`);
  if (o.cluster !== it.cluster) err(`${it.id}: dup_of ${o.id} has another cluster (${o.cluster} vs ${it.cluster})`);
}

// root of a duplicate chain: duplicates of duplicates belong to one group
function root(id) {
  let cur = byId.get(id);
  const seen = new Set();
  while (cur && cur.dup_of !== null && byId.has(cur.dup_of) && !seen.has(cur.id)) {
    seen.add(cur.id);
    cur = byId.get(cur.dup_of);
  }
  return cur ? cur.id : id;
}

// --- per track ---------------------------------------------------------------------------------
const tracks = new Map();
for (const it of ideas) {
  if (!tracks.has(it.track)) tracks.set(it.track, []);
  tracks.get(it.track).push(it);
}
if (tracks.size < MIN.tracks[0] || tracks.size > MIN.tracks[1])
  err(`${tracks.size} tracks (want ${MIN.tracks.join('–')})`);

let mixed = 0;
const clusterLines = [];
for (const [track, list] of tracks) {
  const clusters = new Map();
  for (const it of list) {
    if (!clusters.has(it.cluster)) clusters.set(it.cluster, []);
    clusters.get(it.cluster).push(it);
  }
  const themes = [...clusters.keys()].filter((c) => !c.startsWith(`${track}/other-`));
  const others = [...clusters.keys()].filter((c) => c.startsWith(`${track}/other-`));
  if (themes.length < MIN.clustersPerTrack[0] || themes.length > MIN.clustersPerTrack[1])
    err(`track ${track}: ${themes.length} theme clusters (want ${MIN.clustersPerTrack.join('–')})`);
  if (others.length < 1) err(`track ${track}: no singleton (other-<n>) ideas`);
  for (const c of others) {
    if (!/\/other-\d+$/.test(c)) err(`${c}: singleton clusters are named track/other-<n>`);
    const originals = clusters.get(c).filter((it) => it.dup_of === null);
    if (originals.length !== 1)
      err(`${c}: a singleton cluster must hold exactly one original idea (has ${originals.length})`);
  }
  for (const c of themes) {
    const originals = clusters.get(c).filter((it) => it.dup_of === null).length;
    if (originals < 3) err(`${c}: only ${originals} non-duplicate ideas — too small for a theme`);
  }
  const langs = new Set(list.map((it) => it.lang));
  if (langs.size >= 3) mixed++;
  clusterLines.push({ track, list, clusters, langs });
}
if (mixed < MIN.mixedTracks) err(`only ${mixed} tracks with 3+ languages (want ${MIN.mixedTracks})`);

// --- counts ------------------------------------------------------------------------------------
const perLang = Object.fromEntries(LANGS.map((l) => [l, 0]));
for (const it of ideas) perLang[it.lang] = (perLang[it.lang] || 0) + 1;
if (ideas.length < MIN.total) err(`${ideas.length} ideas (want ≥ ${MIN.total})`);
for (const l of ['en', 'de', 'fr', 'pl'])
  if (perLang[l] < MIN.perMainLang) err(`${perLang[l]} ideas in ${l} (want ≥ ${MIN.perMainLang})`);
if (perLang.es + perLang.it < MIN.esIt) err(`${perLang.es + perLang.it} ideas in es+it (want ≥ ${MIN.esIt})`);

const dups = ideas.filter((it) => it.dup_of !== null);
const share = dups.length / ideas.length;
if (share < MIN.dupShare[0] || share > MIN.dupShare[1])
  err(`duplicate share ${(100 * share).toFixed(1)}% (want ${100 * MIN.dupShare[0]}–${100 * MIN.dupShare[1]}%)`);
const crossLang = dups.filter((it) => byId.get(it.dup_of) && byId.get(it.dup_of).lang !== it.lang);
if (crossLang.length < MIN.crossLangDups)
  err(`${crossLang.length} cross-language duplicates (want ≥ ${MIN.crossLangDups})`);
const chains = dups.filter((it) => byId.get(it.dup_of) && byId.get(it.dup_of).dup_of !== null);

// --- negatives ---------------------------------------------------------------------------------
const pairSeen = new Set();
negatives.forEach((n, i) => {
  const where = `hard_negatives.jsonl:${i + 1}`;
  if (typeof n.why !== 'string' || n.why.trim() === '') err(`${where}: why missing`);
  const a = byId.get(n.a),
    b = byId.get(n.b);
  if (!a) err(`${where}: unknown id ${n.a}`);
  if (!b) err(`${where}: unknown id ${n.b}`);
  if (!a || !b) return;
  if (a.id === b.id) err(`${where}: pair of an idea with itself`);
  if (a.track !== b.track) err(`${where}: ${a.id} and ${b.id} are in different tracks`);
  if (root(a.id) === root(b.id))
    err(`${where}: ${a.id} and ${b.id} are labelled duplicates (same group ${root(a.id)})`);
  const key = [a.id, b.id].sort().join(' ');
  if (pairSeen.has(key)) err(`${where}: pair ${key} listed twice`);
  pairSeen.add(key);
});
if (negatives.length < MIN.negatives) err(`${negatives.length} hard negatives (want ≥ ${MIN.negatives})`);
const sameClusterNeg = negatives.filter(
  (n) => byId.get(n.a) && byId.get(n.b) && byId.get(n.a).cluster === byId.get(n.b).cluster,
).length;

// --- report ------------------------------------------------------------------------------------
const pad = (s, n) => String(s).padEnd(n);
console.log(`ideas: ${ideas.length}`);
console.log(`languages: ${LANGS.map((l) => `${l} ${perLang[l]}`).join(', ')}`);
console.log(
  `duplicates: ${dups.length} (${(100 * share).toFixed(1)}%), of which cross-language ${crossLang.length}, duplicate of a duplicate ${chains.length}`,
);
console.log(
  `hard negatives: ${negatives.length} (${sameClusterNeg} within one cluster, ${negatives.length - sameClusterNeg} across clusters of a track)`,
);
console.log(`tracks: ${tracks.size} (${mixed} with 3+ languages)`);
for (const { track, list, clusters, langs } of clusterLines) {
  const d = list.filter((it) => it.dup_of !== null).length;
  const byLang = [...langs]
    .sort()
    .map((l) => `${l} ${list.filter((it) => it.lang === l).length}`)
    .join(', ');
  const others = [...clusters.keys()].filter((c) => c.includes('/other-')).length;
  console.log(
    `\n  ${track}: ${list.length} ideas (${byLang}), ${d} duplicates, ${clusters.size - others} themes + ${others} singletons`,
  );
  for (const [c, members] of clusters) {
    if (c.includes('/other-')) continue;
    const md = members.filter((it) => it.dup_of !== null).length;
    console.log(`    ${pad(c, 42)} ${members.length} ideas, ${md} duplicates`);
  }
}
for (const w of warnings) console.log(`warning: ${w}`);
if (errors.length) {
  console.error(`\n${errors.length} error(s):`);
  for (const e of errors) console.error(`  ${e}`);
  process.exit(1);
}
console.log('\nOK');
