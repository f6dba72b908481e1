// Co-writing at one spot in real Chromium: two participants put their carets at the same place
// of a section and type two sentences there at the same time, each page's WebSocket delaying
// every message by 0–80 ms in each direction (in order). Each sentence must stay whole
// (not interleaved letter by letter) on both pages, on the server and in the exported report,
// and each writer's name label must sit at the end of that writer's sentence. Two teammates
// who only watch (a phone and a laptop) see both labels; screenshots of them go to
// $SHOTS_DIR (default /tmp/shots) for a look.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { closeSuite, editorText, eventually, joinViaForm, LAPTOP, newPage, openSuite, PHONE } from './helpers.mjs';
import { seededRandom as random } from '../seeded.mjs';

const SHOTS_DIR = process.env.SHOTS_DIR || '/tmp/shots';
const HEADING = 'The problem';
const PREFIX = 'Why now? ';
const SUFFIX = 'That is the gap.';
const ANA_SAYS = 'Those who most need training get the least. ';
const BEN_SAYS = 'Managers decide who may learn. ';

let server;
let browser;
let event;
let facilitatorToken;
let fac;
let ana;
let ben;
let phone;
let laptop;
let proposal;

before(async () => {
  ({ server, browser, event, facilitatorToken, fac } = await openSuite({ title: 'Co-writing day' }));
  ana = await newPage(browser, LAPTOP);
  ben = await newPage(browser, LAPTOP);
  phone = await newPage(browser, PHONE);
  laptop = await newPage(browser, LAPTOP);
  const people = [
    [ana, 'Ana Ruiz'],
    [ben, 'Ben Okafor'],
    [phone, 'Chloé Martin'],
    [laptop, 'Dan Weiss'],
  ];
  for (const [page, name] of people) {
    await joinViaForm(page, server, event.code, { name, group: 'sme', track: 'Skills' });
  }
  const joined = await eventually(
    () => {
      const ids = fac.messages.filter((m) => m.kind === 'member_joined').map((m) => m.member.id);
      return ids.length >= people.length ? ids : null;
    },
    { message: 'everyone joined' },
  );
  ({ proposal } = await fac.request({
    type: 'create_proposal',
    title: 'Learning time for every worker',
    track: event.tracks[0].id,
    team: joined,
  }));
});

after(() => closeSuite({ server, browser, fac }));

// Delays every WebSocket message of `page` by 0–max ms each way; a message never overtakes
// the one before it.
async function addLatency(page, rand, max = 80) {
  const queue = () => {
    let last = 0;
    let chain = Promise.resolve();
    return (deliver) => {
      const at = Math.max(last, Date.now() + rand() * max);
      last = at;
      chain = chain.then(() => new Promise((r) => setTimeout(r, at - Date.now()))).then(deliver);
    };
  };
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const upstream = ws.connectToServer();
    const up = queue();
    const down = queue();
    ws.onMessage((message) => up(() => upstream.send(message)));
    upstream.onMessage((message) => down(() => ws.send(message)));
  });
}

const editor = (page) => page.getByRole('textbox', { name: HEADING });

const text = (page) => editorText(editor(page));

// Where each name label sits: the editor's text up to it, by label.
const labels = (page) =>
  editor(page).evaluate((el) => {
    const at = {};
    for (const caret of el.querySelectorAll('.cm-peer-caret')) {
      const mark = document.createElement('span');
      mark.className = 'rt-test-mark';
      caret.before(mark);
      const lines = [...el.querySelectorAll('.cm-line')]
        .map((line) => {
          const copy = line.cloneNode(true);
          copy.querySelectorAll('.cm-peer-caret, .cm-widgetBuffer').forEach((w) => w.remove());
          copy.querySelectorAll('.rt-test-mark').forEach((m) => m.replaceWith('\u0000'));
          return copy.textContent;
        })
        .join('\n');
      mark.remove();
      at[caret.textContent] = lines.slice(0, lines.indexOf('\u0000'));
    }
    return at;
  });

// Puts the caret right after PREFIX, as a click there would.
async function caretAfterPrefix(page) {
  await editor(page).click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < PREFIX.length; i += 1) await page.keyboard.press('ArrowRight');
}

test('two people typing at one spot at the same time each keep their sentence whole, up to the report', async () => {
  await addLatency(ana, random(11));
  await addLatency(ben, random(12));
  for (const page of [ana, ben, phone, laptop]) {
    await page.goto(`${server.base}/join/${event.code}/proposals/${proposal}`);
    await editor(page).waitFor({ timeout: 15_000 });
  }
  await editor(ana).click();
  await ana.keyboard.type(PREFIX + SUFFIX, { delay: 5 });
  await eventually(async () => (await text(ben)) === PREFIX + SUFFIX, { message: 'Ben sees the text' });

  await caretAfterPrefix(ana);
  await caretAfterPrefix(ben);
  await Promise.all([ana.keyboard.type(ANA_SAYS, { delay: 45 }), ben.keyboard.type(BEN_SAYS, { delay: 55 })]);

  const expected = [PREFIX + ANA_SAYS + BEN_SAYS + SUFFIX, PREFIX + BEN_SAYS + ANA_SAYS + SUFFIX];
  const shown = async () => Promise.all([ana, ben, phone, laptop].map(text));
  const final = await eventually(
    async () => {
      const all = await shown();
      return all.every((t) => t === all[0]) && expected.includes(all[0]) ? all[0] : null;
    },
    { message: 'every page shows both sentences whole', timeout: 20_000 },
  ).catch(async (err) => {
    throw new Error(`${err.message}\n${JSON.stringify(await shown(), null, 1)}`);
  });
  for (const page of [ana, ben]) {
    await eventually(async () => (await page.getByTestId('save-state').first().innerText()).includes('Saved'), {
      message: 'saved',
    });
  }

  // The server's text, and the report export.
  const opened = await fac.request({ type: 'open_section', proposal, section: 1, version: null });
  assert.equal(opened.text, final);
  await fac.request({ type: 'close_section', proposal, section: 1 });
  await fac.request({
    type: 'set_chapters',
    round: null,
    chapters: [{ title: 'Skills', intro: '', proposals: [proposal] }],
  });
  const md = await (
    await fetch(`${server.base}/api/events/${event.code}/report.md`, {
      headers: { Authorization: `Bearer ${facilitatorToken}` },
    })
  ).text();
  for (const sentence of [ANA_SAYS, BEN_SAYS]) {
    assert.equal(
      md.split(sentence.trim()).length - 1,
      1,
      `the export does not hold "${sentence.trim()}" whole once:\n${md}`,
    );
  }
  assert.ok(md.includes(final.trim()), `the export does not hold the section's text:\n${md}`);

  // Each name label sits at the end of its writer's sentence, on every page that shows it.
  const endOf = { Ana: PREFIX.length, Ben: PREFIX.length };
  const [firstName, second] = final.startsWith(PREFIX + ANA_SAYS) ? ['Ana', 'Ben'] : ['Ben', 'Ana'];
  const says = { Ana: ANA_SAYS, Ben: BEN_SAYS };
  endOf[firstName] += says[firstName].length;
  endOf[second] = endOf[firstName] + says[second].length;
  const where = (all, name) => Object.entries(all).find(([label]) => label.startsWith(name))?.[1];
  for (const [page, names] of [
    [ana, ['Ben']],
    [ben, ['Ana']],
    [phone, ['Ana', 'Ben']],
    [laptop, ['Ana', 'Ben']],
  ]) {
    await eventually(
      async () => {
        const all = await labels(page);
        return names.every((name) => where(all, name)?.length === endOf[name]);
      },
      { message: `labels ${names.join(', ')} at the end of their sentences` },
    ).catch(async (err) => {
      throw new Error(`${err.message}: ${JSON.stringify(await labels(page))} (want ${JSON.stringify(endOf)})`);
    });
  }

  mkdirSync(SHOTS_DIR, { recursive: true });
  for (const [page, name] of [
    [phone, 'cowriting-phone-360x740.png'],
    [laptop, 'cowriting-laptop-1280x800.png'],
  ]) {
    await editor(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS_DIR, name) });
  }
  // Still for a few seconds, the labels rest (faded) so that they do not hide the line above;
  // they are shown again when their writer moves or types.
  await phone.waitForTimeout(4_800);
  const opacities = await phone.$$eval('.cm-peer-label', (els) =>
    els.map((el) => Number(getComputedStyle(el).opacity)),
  );
  assert.equal(opacities.length, 2);
  assert.ok(
    opacities.every((o) => o < 0.5),
    `resting labels: ${opacities}`,
  );
  for (const [page, name] of [
    [phone, 'cowriting-phone-360x740-resting.png'],
    [laptop, 'cowriting-laptop-1280x800-resting.png'],
  ]) {
    await page.screenshot({ path: join(SHOTS_DIR, name) });
  }
  for (const page of [ana, ben, phone, laptop]) assert.deepEqual(page.errors, []);
});
