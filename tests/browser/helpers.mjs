// Shared pieces of the browser tests: start and stop the real server, a small WebSocket
// client for setting up events, launching Chromium, and polling until something holds.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serverBin = process.env.ROUNDTABLE_BIN || join(repoRoot, 'build', 'server', 'roundtable');
export const webRoot = process.env.ROUNDTABLE_WEB_ROOT || join(repoRoot, 'web', 'dist');

const START_TIMEOUT_MS = 20_000;
const LISTEN_RE = /^Roundtable listening on (http:\/\/[^\s]+?):(\d+)\s*$/;
const ADMIN_RE = /^Admin link: (http:\/\/\S+)\/admin#k=(\S+)\s*$/;

/**
 * A running `roundtable serve` on 127.0.0.1 with its own temporary database.
 * `restart()` stops it and starts it again on the same port and database.
 */
export class Server {
  /** `root`: the directory of web files it serves (by default the build, `webRoot`). */
  constructor(root = webRoot) {
    this.webRoot = root;
    this.dir = mkdtempSync(join(tmpdir(), 'roundtable-browser-'));
    this.db = join(this.dir, 'rt.db');
    this.port = 0;
    this.secret = null;
    this.proc = null;
    this.output = [];
  }

  get base() {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  static async start({ root } = {}) {
    const s = new Server(root);
    try {
      await s.launch(0);
    } catch (err) {
      s.cleanup();
      throw err;
    }
    return s;
  }

  async launch(port) {
    const args = [
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--db',
      this.db,
      '--web-root',
      this.webRoot,
      '--log-level',
      'warn',
    ];
    const [cmd, argv] = serverBin.endsWith('.mjs') ? [process.execPath, [serverBin, ...args]] : [serverBin, args];
    const proc = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    const exited = new Promise((res) => proc.once('exit', (code, signal) => res({ code, signal })));
    this.exited = exited;
    let listening = null;
    let buffer = '';
    const ready = new Promise((resolveReady, rejectReady) => {
      const timer = setTimeout(
        () => rejectReady(new Error(`server did not start:\n${this.output.join('')}`)),
        START_TIMEOUT_MS,
      );
      const check = () => {
        // The admin link is printed on the first start; on a restart it may be absent.
        if (listening && (this.secret !== null || port !== 0)) {
          clearTimeout(timer);
          resolveReady();
        }
      };
      proc.stdout.setEncoding('utf8');
      proc.stdout.on('data', (chunk) => {
        this.output.push(chunk);
        buffer += chunk;
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).replace(/\r$/, '');
          buffer = buffer.slice(nl + 1);
          const l = LISTEN_RE.exec(line);
          if (l) listening = Number(l[2]);
          const a = ADMIN_RE.exec(line);
          if (a) this.secret = a[2];
          if (listening) this.port = listening;
          check();
        }
      });
      proc.stderr.setEncoding('utf8');
      proc.stderr.on('data', (chunk) => this.output.push(chunk));
      exited.then(({ code, signal }) =>
        rejectReady(new Error(`server exited (${code ?? signal}) before it was ready:\n${this.output.join('')}`)),
      );
    });
    await ready;
  }

  /** Stops the server (SIGTERM, then SIGKILL after 5 s). */
  async stop() {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const killer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(killer);
  }

  async restart() {
    await this.stop();
    await this.launch(this.port);
  }

  cleanup() {
    rmSync(this.dir, { recursive: true, force: true });
  }

  async close() {
    await this.stop();
    this.cleanup();
  }
}

/**
 * A WebSocket client for setting up test data: `request` sends a command with a fresh id
 * and resolves with its result (rejects on error); other messages collect in `messages`.
 */
export class WsClient {
  static connect(url) {
    return new Promise((res, rej) => {
      const ws = new WebSocket(url);
      ws.once('open', () => res(new WsClient(ws)));
      ws.once('error', rej);
    });
  }

  constructor(ws) {
    this.ws = ws;
    this.messages = [];
    this.waiting = new Map();
    this.next = 1;
    ws.on('message', (data) => {
      for (const line of String(data).split('\n')) {
        if (line.trim() === '') continue;
        const msg = JSON.parse(line);
        const w =
          (msg.type === 'ack' || msg.type === 'error') && msg.id !== undefined ? this.waiting.get(msg.id) : null;
        if (w) {
          this.waiting.delete(msg.id);
          w(msg);
        } else this.messages.push(msg);
      }
    });
  }

  /** Sends a command and resolves with its answer (ack or error message). */
  send(command) {
    const cmd = { id: `t${this.next++}`, ...command };
    return new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no answer to ${JSON.stringify(cmd)}`)), 10_000);
      this.waiting.set(cmd.id, (msg) => {
        clearTimeout(timer);
        res(msg);
      });
      this.ws.send(JSON.stringify(cmd));
    });
  }

  async request(command) {
    const answer = await this.send(command);
    if (answer.type === 'error') throw new Error(`${command.type} failed: ${answer.code} ${answer.message ?? ''}`);
    return answer.result;
  }

  close() {
    this.ws.close();
  }
}

/** Creates an event through the admin commands; returns the create_event result. */
export async function createEvent(server, title, tracks) {
  const client = await WsClient.connect(server.wsUrl);
  try {
    await client.request({ type: 'auth_admin', secret: server.secret });
    return await client.request({ type: 'create_event', title, tracks });
  } finally {
    client.close();
  }
}

/** Connects a client to the server's WebSocket and says hello with `token`. */
export async function connectWith(server, token) {
  const client = await WsClient.connect(server.wsUrl);
  try {
    await client.request({ type: 'hello', token, lastSeq: 0 });
  } catch (err) {
    client.close();
    throw err;
  }
  return client;
}

/** Someone joined over the WebSocket as a participant: their client, token and member (`you`). */
export async function joinOverSocket(
  server,
  code,
  name,
  { track = 1, group = 'sme', organisation = '', credit = true } = {},
) {
  const client = await WsClient.connect(server.wsUrl);
  try {
    const { token, you } = await client.request({ type: 'join', code, name, organisation, group, track, credit });
    return { client, token, you };
  } catch (err) {
    client.close();
    throw err;
  }
}

/** The tracks most tests use. */
export const TWO_TRACKS = [
  { name: 'Skills', description: '' },
  { name: 'Public sector', description: '' },
];

/**
 * Creates an event and connects its facilitator: the create_event result
 * (`event`, `facilitatorToken`, …) and `fac`, the facilitator's client.
 */
export async function openEvent(server, title, tracks = TWO_TRACKS) {
  const created = await createEvent(server, title, tracks);
  return { ...created, fac: await connectWith(server, created.facilitatorToken) };
}

/**
 * What a test file starts in its `before`: a server and Chromium, and, given a `title`, an
 * event (`tracks`, by default TWO_TRACKS) with its facilitator connected as `fac`.
 * Resolves with `{ server, browser, event, facilitatorToken, fac }`; if a step fails, what
 * was started is closed again before the error is thrown.
 */
export async function openSuite({ title, tracks } = {}) {
  const suite = {};
  try {
    suite.server = await Server.start();
    suite.browser = await launchBrowser();
    if (title !== undefined) Object.assign(suite, await openEvent(suite.server, title, tracks));
    return suite;
  } catch (err) {
    await closeSuite(suite);
    throw err;
  }
}

/** Closes what `openSuite` started (any part may be missing), and the other `clients` first. */
export async function closeSuite({ fac, browser, server } = {}, ...clients) {
  for (const client of clients) client?.close();
  fac?.close();
  await browser?.close();
  await server?.close();
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Pages open in English whatever the machine's language; a test that wants another sets
  // its context's `locale` (which is also the Accept-Language it sends).
  '--lang=en-US',
];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'en-US' };
export const LAPTOP = { viewport: { width: 1280, height: 800 }, locale: 'en-US' };

/**
 * What Chromium logs while the server or the network is away, and which a test that takes
 * them away expects: refused sockets and fetches, and the service worker's registration or
 * update check that could not fetch its script (the app tries again later).
 */
export const SERVER_AWAY = [
  /WebSocket connection to .* failed/,
  /ERR_INTERNET_DISCONNECTED/,
  /ERR_CONNECTION_REFUSED/,
  /Failed to load resource/,
  /An unknown error occurred when fetching the script/,
];

/**
 * A new page in its own context that records console errors and page errors.
 * `allow` lists patterns of console errors that a test expects (e.g. a refused socket).
 */
export async function newPage(browser, options = LAPTOP, allow = []) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (!allow.some((re) => re.test(text))) page.errors.push(text);
  });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  return page;
}

/** Retries `fn` until it returns a truthy value (or stops throwing). */
export async function eventually(fn, { timeout = 15_000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${message}${lastError ? `: ${lastError.message}` : ''}`);
    }
    await sleep(interval);
  }
}

/** Fills and sends the join form at /join/CODE, then waits for the board. */
export async function joinViaForm(page, server, code, { name, organisation = '', group, track, credit = true }) {
  await page.goto(`${server.base}/join/${code}`);
  await page.getByLabel('Your name').fill(name);
  if (organisation) await page.getByLabel('Organisation').fill(organisation);
  await page.getByLabel('Stakeholder group').selectOption(group);
  await page.getByRole('radio', { name: track }).check();
  if (credit) await page.getByLabel('My name may appear in the published report').check();
  await page.getByRole('button', { name: 'Join the event' }).click();
  await page.getByLabel(/^Your idea for/).waitFor({ timeout: 15_000 });
}

/** Posts an idea with the composer of the shown track. */
export async function postIdea(page, text, { anonymous = false } = {}) {
  await page.getByLabel(/^Your idea for/).fill(text);
  if (anonymous) await page.getByLabel('Post anonymously').check();
  await page.getByRole('button', { name: 'Post idea' }).click();
}

/** The idea card (article) holding this exact text. */
export function ideaCard(page, text) {
  return page.locator('article.idea').filter({ has: page.getByText(text, { exact: true }) });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page; returns the violations (empty when the page passes). */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ content: axeSource });
  }
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations;
}

export function formatViolations(violations) {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`,
    )
    .join('\n');
}

/** A section editor's text (a locator of its textbox): its lines, without the carets and name
 * labels drawn for others. */
export function editorText(locator) {
  return locator.evaluate((el) =>
    [...el.querySelectorAll('.cm-line')]
      .map((line) => {
        const copy = line.cloneNode(true);
        copy.querySelectorAll('.cm-peer-caret, .cm-widgetBuffer').forEach((w) => w.remove());
        return copy.textContent;
      })
      .join('\n'),
  );
}

/** Opens a section of the facilitator's or lead's console (its link in the sidebar or tabs). */
export async function openSection(page, section) {
  await page.locator(`.cnav a[data-section="${section}"]`).click();
  await page.locator(`.capp__main[data-section="${section}"]`).waitFor();
}

/**
 * Clicks a phase change in the console and, when it asks first (a running timer cut short,
 * a closed board), answers yes.
 */
export async function changePhase(page, button) {
  await button.click();
  const yes = page.getByRole('dialog').getByRole('button', { name: /^(Go to|Close: go to)/ });
  const asked = await yes.waitFor({ timeout: 1_000 }).then(
    () => true,
    () => false,
  );
  if (asked) await yes.click();
}

/** An idea in the console's Ideas section (a compact card) holding this exact text. */
export function consoleIdea(page, text) {
  return page.locator('article.cidea').filter({ has: page.getByText(text, { exact: true }) });
}

/** Picks an action ("Pin", "Merge into…", ...) from the menu of an idea in the console. */
export async function ideaAction(page, card, action) {
  await card.getByRole('button', { name: /^Actions for the idea/ }).click();
  await page.getByRole('menuitem', { name: action, exact: true }).click();
}
