// The report prints to a clean A4 PDF in Chromium: the HTML export of a small event is printed
// with the browser's own print engine, and the PDF has the expected pages, each proposal
// starting a page of its own, with page numbers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { closeSuite, LAPTOP, newPage, openSuite } from './helpers.mjs';

let server;
let browser;
let event;
let facilitatorToken;
let fac;

const PROPOSALS = ['Individual AI Learning Account', 'AI Champions Network', 'European GovAI Hub'];
const LONG = Array.from(
  { length: 30 },
  (_, i) =>
    `Paragraph ${i + 1}: the administration trains its staff in the safe use of AI tools, every year, with a budget of its own.`,
);

before(async () => {
  ({ server, browser, event, facilitatorToken, fac } = await openSuite({
    title: 'Print day',
    tracks: [
      { name: 'Skills', description: 'How do workers keep up?' },
      { name: 'Public sector', description: '' },
    ],
  }));
  const ids = [];
  for (const [i, title] of PROPOSALS.entries()) {
    const { proposal } = await fac.request({ type: 'create_proposal', title, track: event.tracks[i === 2 ? 1 : 0].id });
    ids.push(proposal);
    await fac.request({ type: 'open_section', proposal, section: 0, version: null });
    await fac.request({
      type: 'push',
      proposal,
      section: 0,
      version: 0,
      updates: [{ clientID: `p${i}`, changes: [[0, `${title} in one line.`]] }],
    });
    await fac.request({ type: 'open_section', proposal, section: 2, version: null });
    // The first proposal is long enough to need a second page.
    const lines = i === 0 ? LONG.flatMap((l) => [l, '']) : ['A short text.'];
    await fac.request({
      type: 'push',
      proposal,
      section: 2,
      version: 0,
      updates: [{ clientID: `q${i}`, changes: [[0, ...lines]] }],
    });
  }
  await fac.request({
    type: 'set_report',
    title: 'Three proposals',
    subtitle: '',
    date: '14 March 2025',
    foreword: 'Thanks.',
    method: 'One day.',
  });
  await fac.request({
    type: 'set_chapters',
    round: null,
    chapters: [
      { title: 'Skills for everyone', intro: 'People first.', proposals: [ids[0], ids[1]] },
      { title: 'A public sector that leads', intro: '', proposals: [ids[2]] },
    ],
  });
});

after(() => closeSuite({ server, browser, fac }));

async function pagesOf(pdf) {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((it) => it.str).filter((s) => s.trim()));
  }
  return pages;
}

test('the HTML report prints to A4 with each proposal starting a page, and page numbers', async () => {
  const res = await fetch(`${server.base}/api/events/${event.code}/report.html`, {
    headers: { Authorization: `Bearer ${facilitatorToken}` },
  });
  assert.equal(res.status, 200);
  const html = await res.text();
  const page = await newPage(browser, LAPTOP);
  await page.setContent(html, { waitUntil: 'load' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pages = await pagesOf(pdf);
  // Title page, foreword/method/contents, two chapter openings, three proposals (the first
  // takes two pages), the annex: the exact count depends on the stylesheet, not on chance.
  assert.ok(pages.length >= 8 && pages.length <= 14, `unexpected page count ${pages.length}`);
  // Page numbers in the bottom margin: the number of each page (after the title page) is on it.
  for (let n = 2; n <= pages.length; n += 1) {
    assert.ok(
      pages[n - 1].some((l) => l.trim() === String(n)),
      `page ${n} has no page number: ${pages[n - 1].join(' | ').slice(0, 300)}`,
    );
  }
  // The text of a page without its page number.
  const body = pages.map((lines, i) => lines.filter((l) => l.trim() !== String(i + 1)));
  const starts = (lines, text) => lines.length > 0 && lines.slice(0, 2).join(' ').replace(/\s+/g, ' ').includes(text);
  for (const [i, title] of PROPOSALS.entries()) {
    const heading = `Proposal ${i + 1}: ${title}`;
    assert.ok(
      body.some((lines) => lines.join(' ').includes(heading)),
      `"${heading}" is not in the PDF`,
    );
    // Its own page starts with it (the contents page lists it too, further down).
    const at = body.findIndex((lines) => starts(lines, heading));
    assert.ok(at >= 0, `no page starts with "${heading}":\n${body.map((l) => l.slice(0, 2).join(' | ')).join('\n')}`);
    if (i === 0) {
      assert.ok(
        body[at + 1].some((l) => l.startsWith('Paragraph')) && !starts(body[at + 1], 'Proposal'),
        'the long proposal goes on over the next page',
      );
    }
  }
  // The A4 size: 595 x 842 points.
  const doc = await getDocument({ data: new Uint8Array(pdf) }).promise;
  const [, , w, h] = (await doc.getPage(1)).view;
  assert.ok(Math.abs(w - 595) < 2 && Math.abs(h - 842) < 2, `page size ${w} x ${h}`);
  await page.close();
});
