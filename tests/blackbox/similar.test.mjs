// Similar ideas over real WebSockets: the question asked while typing (only ideas the asker
// may see, never another track's), and the moderators' suggested duplicates and clusters
// (their role rules; a dismissed pair is not suggested again).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  Client,
  connectWith,
  joinAs,
  removeDir,
  startEventServer,
  stopServer,
} from "./server.mjs";

describe("similar ideas", () => {
  let dir;
  let server;
  let ev;
  let fac;
  let ana;
  let bo;
  let lead2;
  const ids = {};
  before(async () => {
    ({ dir, server, ev, fac } = await startEventServer());
    ana = await joinAs(server, ev.code, "Ana");
    bo = await joinAs(server, ev.code, "Bo", { track: 2 });
    const link = await fac.ok({
      type: "create_link",
      role: "lead",
      track: 2,
      name: "Lead two",
    });
    lead2 = await connectWith(server, link.token);
    const post = async (who, track, key, text) => {
      ids[key] = (await who.ok({ type: "post_idea", track, text })).idea;
    };
    await post(
      ana.client,
      1,
      "account",
      "Every worker gets an individual learning account with a yearly training budget.",
    );
    await post(
      bo.client,
      1,
      "accountDup",
      "Individual learning accounts for every worker, with a training budget each year",
    );
    await post(
      ana.client,
      1,
      "hidden",
      "A personal learning account and training budget for all workers, hidden",
    );
    await post(
      ana.client,
      1,
      "merged",
      "learning account: a yearly training budget for each worker",
    );
    await post(
      ana.client,
      1,
      "cloud",
      "Build a sovereign European cloud for public administrations.",
    );
    await post(
      ana.client,
      1,
      "cloud2",
      "A sovereign European cloud that every public administration can use.",
    );
    await post(
      ana.client,
      1,
      "unrelated",
      "Free GPU hours for university researchers on EuroHPC machines.",
    );
    await post(
      bo.client,
      2,
      "otherTrack",
      "Every worker gets an individual learning account with a training budget.",
    );
    await fac.ok({ type: "hide_idea", idea: ids.hidden });
    await fac.ok({ type: "merge_idea", idea: ids.merged, into: ids.account });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it("while typing, a participant gets at most three matches of the track, scored, best first", async () => {
    const r = await bo.client.ok({
      type: "similar_ideas",
      track: 1,
      text: "learning account with a training budget for every worker",
    });
    assert.ok(r.ideas.length >= 1 && r.ideas.length <= 3, JSON.stringify(r));
    const got = r.ideas.map((m) => m.idea);
    assert.ok(got.includes(ids.account), JSON.stringify(r));
    for (let i = 1; i < r.ideas.length; i++)
      assert.ok(r.ideas[i - 1].score >= r.ideas[i].score);
    for (const m of r.ideas) assert.ok(m.score > 0 && m.score <= 1);
    // Never a hidden idea, never another track's, and a merged idea shows as what it is merged into.
    assert.ok(!got.includes(ids.hidden));
    assert.ok(!got.includes(ids.otherTrack));
    assert.ok(!got.includes(ids.merged));
    assert.equal(new Set(got).size, got.length);
  });

  it("finds nothing for a draft unlike anything, or too short to tell", async () => {
    const none = await ana.client.ok({
      type: "similar_ideas",
      track: 1,
      text: "Zebra crossings near schools",
    });
    assert.deepEqual(none.ideas, []);
    const empty = await ana.client.ok({
      type: "similar_ideas",
      track: 1,
      text: "  ",
    });
    assert.deepEqual(empty.ideas, []);
  });

  it("sees a new or edited idea at the next question, and a deleted one no more", async () => {
    const { idea } = await ana.client.ok({
      type: "post_idea",
      track: 1,
      text: "Subsidised night courses in machine learning for nurses",
    });
    const ask = async () =>
      (
        await bo.client.ok({
          type: "similar_ideas",
          track: 1,
          text: "machine learning night courses for nurses",
        })
      ).ideas.map((m) => m.idea);
    assert.ok((await ask()).includes(idea));
    await ana.client.ok({
      type: "edit_idea",
      idea,
      text: "Bike lanes on every bridge of the city",
    });
    assert.ok(!(await ask()).includes(idea));
    await ana.client.ok({
      type: "edit_idea",
      idea,
      text: "Night courses in machine learning for nurses, paid by the state",
    });
    assert.ok((await ask()).includes(idea));
    await ana.client.ok({ type: "delete_idea", idea });
    assert.ok(!(await ask()).includes(idea));
  });

  it("refuses a viewer, an unknown track and a text longer than an idea, and changes nothing", async () => {
    const link = await fac.ok({
      type: "create_link",
      role: "viewer",
      name: "Screen",
    });
    const screen = await connectWith(server, link.token);
    assert.equal(
      (
        await screen.command({
          type: "similar_ideas",
          track: 1,
          text: "learning account",
        })
      ).code,
      "forbidden",
    );
    assert.equal(
      (
        await ana.client.command({
          type: "similar_ideas",
          track: 9,
          text: "learning account",
        })
      ).code,
      "bad_value",
    );
    assert.equal(
      (
        await ana.client.command({
          type: "similar_ideas",
          track: 1,
          text: "x".repeat(1001),
        })
      ).code,
      "bad_value",
    );
    assert.equal(
      (await ana.client.command({ type: "similar_ideas", track: 1 })).code,
      "bad_command",
    );
    screen.close();
  });

  it("suggests duplicates and clusters to moderators only, never another track to its lead", async () => {
    assert.equal(
      (await ana.client.command({ type: "suggest_duplicates", track: 1 })).code,
      "forbidden",
    );
    assert.equal(
      (await ana.client.command({ type: "suggest_clusters", track: 1 })).code,
      "forbidden",
    );
    assert.equal(
      (await lead2.command({ type: "suggest_duplicates", track: 1 })).code,
      "forbidden",
    );
    assert.equal(
      (await lead2.command({ type: "suggest_clusters", track: 1 })).code,
      "forbidden",
    );
    assert.equal(
      (await fac.command({ type: "suggest_clusters", track: 7 })).code,
      "bad_value",
    );
    const own = await lead2.ok({ type: "suggest_duplicates", track: 2 });
    assert.deepEqual(own.pairs, []);

    const { pairs } = await fac.ok({ type: "suggest_duplicates", track: 1 });
    const pair = pairs.find(
      (p) => p.a === ids.account && p.b === ids.accountDup,
    );
    assert.ok(pair, JSON.stringify(pairs));
    assert.ok(pair.score >= 0.3 && pair.score <= 1);
    for (const p of pairs) {
      assert.ok(p.a < p.b);
      // Hidden and merged ideas are not suggested.
      for (const x of [p.a, p.b])
        assert.ok(![ids.hidden, ids.merged, ids.otherTrack].includes(x));
    }

    const { groups } = await fac.ok({ type: "suggest_clusters", track: 1 });
    const accounts = groups.find((g) => g.ideas.includes(ids.account));
    assert.ok(
      accounts && accounts.ideas.includes(ids.accountDup),
      JSON.stringify(groups),
    );
    const clouds = groups.find((g) => g.ideas.includes(ids.cloud));
    assert.ok(
      clouds && clouds.ideas.includes(ids.cloud2),
      JSON.stringify(groups),
    );
    for (const g of groups) {
      assert.ok(g.ideas.length >= 2);
      assert.ok(g.label.length >= 1 && [...g.label].length <= 60, g.label);
    }
  });

  it("never suggests a pair a moderator dismissed, until it is restored", async () => {
    const pairOf = async () =>
      (await fac.ok({ type: "suggest_duplicates", track: 1 })).pairs.find(
        (p) => p.a === ids.account && p.b === ids.accountDup,
      );
    assert.ok(await pairOf());
    await fac.ok({
      type: "dismiss_duplicate",
      a: ids.accountDup,
      b: ids.account,
    });
    assert.equal(await pairOf(), undefined);
    await fac.ok({
      type: "restore_duplicate",
      a: ids.account,
      b: ids.accountDup,
    });
    assert.ok(await pairOf());
    await fac.ok({
      type: "dismiss_duplicate",
      a: ids.account,
      b: ids.accountDup,
    });
    assert.equal(await pairOf(), undefined);
  });

  it("suggests clusters only for ideas in no cluster", async () => {
    const { cluster } = await fac.ok({
      type: "create_cluster",
      track: 1,
      name: "Cloud",
    });
    await fac.ok({ type: "cluster_idea", idea: ids.cloud, cluster });
    const { groups } = await fac.ok({ type: "suggest_clusters", track: 1 });
    assert.ok(
      !groups.some((g) => g.ideas.includes(ids.cloud)),
      JSON.stringify(groups),
    );
  });

  it("answers while ideas keep arriving, from a fresh connection too", async () => {
    const c = await Client.connect(server.port);
    await c.ok({ type: "hello", token: ana.token, lastSeq: 0 });
    const asks = [];
    for (let i = 0; i < 20; i++) {
      asks.push(
        ana.client.ok({
          type: "post_idea",
          track: 1,
          text: `Idea number ${i} about training budgets`,
        }),
      );
      asks.push(
        c.ok({ type: "similar_ideas", track: 1, text: "training budgets" }),
      );
    }
    const answers = await Promise.all(asks);
    assert.equal(answers.length, 40);
    c.close();
  });
});
