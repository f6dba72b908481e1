import { describe, expect, it } from 'vitest';
import { isChangeJson, isValidCode, normaliseCode, parseFrame } from './messages';

describe('parseFrame', () => {
  it('reads results messages (no seq)', () => {
    const line =
      '{"type":"results","round":1,"items":[{"item":17,"votes":23,"voters":11,"rank":1,"consensus":0.412,"byGroup":{}}]}';
    expect(parseFrame(line)).toEqual([JSON.parse(line)]);
  });

  it('reads pong, and a ping is not a server message', () => {
    const bad: string[] = [];
    expect(parseFrame('{"type":"pong"}\n{"type":"ping"}\n{"type":"mystery"}', (l) => bad.push(l))).toEqual([
      { type: 'pong' },
    ]);
    expect(bad).toEqual(['{"type":"ping"}', '{"type":"mystery"}']);
  });

  it('parses a single message', () => {
    expect(parseFrame('{"type":"ack","id":"c1"}')).toEqual([{ type: 'ack', id: 'c1' }]);
  });

  it('splits a frame with several messages on newlines, in order', () => {
    const frame = [
      '{"type":"ack","id":"c1","result":{"idea":3}}',
      '{"type":"change","seq":4,"kind":"idea_deleted","idea":3}',
      '{"type":"error","id":"c2","code":"bad_text","message":"too long"}',
    ].join('\n');
    const out = parseFrame(frame);
    expect(out.map((m) => m.type)).toEqual(['ack', 'change', 'error']);
  });

  it('ignores empty lines and a trailing newline', () => {
    expect(parseFrame('\n{"type":"ack","id":"a"}\n\n{"type":"ack","id":"b"}\n')).toHaveLength(2);
    expect(parseFrame('')).toEqual([]);
  });

  it('skips lines that are not JSON or not server messages, keeps the rest', () => {
    const bad: string[] = [];
    const frame = [
      'not json',
      '{"type":"ack","id":"ok"}',
      '[1,2]',
      '{"no":"type"}',
      '{"type":"join","id":"x"}',
      '{"type":"change","kind":"idea_posted"}',
      '{"type":"error","code":"bad_json"}',
    ].join('\n');
    const out = parseFrame(frame, (l) => bad.push(l));
    expect(out).toEqual([
      { type: 'ack', id: 'ok' },
      { type: 'error', code: 'bad_json' },
    ]);
    expect(bad).toHaveLength(5);
  });

  it('accepts a snapshot and a changes message', () => {
    const frame =
      '{"type":"snapshot","seq":2,"event":{"id":1,"code":"K7QX2M","title":"T","createdAt":1,"tracks":[]},"ideas":[]}\n' +
      '{"type":"changes","from":2,"seq":2,"changes":[]}';
    expect(parseFrame(frame).map((m) => m.type)).toEqual(['snapshot', 'changes']);
  });

  it('accepts presence (no seq) and skips a malformed one', () => {
    const bad: string[] = [];
    const frame =
      '{"type":"presence","connected":61,"byTrack":{"1":20,"2":19},"staff":4,"members":[1,2,5]}\n' +
      '{"type":"presence","byTrack":{}}';
    const out = parseFrame(frame, (l) => bad.push(l));
    expect(out).toEqual([
      { type: 'presence', connected: 61, byTrack: { '1': 20, '2': 19 }, staff: 4, members: [1, 2, 5] },
    ]);
    expect(bad).toHaveLength(1);
  });
});

describe('join codes', () => {
  it.each([
    ['k7qx2m', 'K7QX2M', true],
    [' K7Q X2M ', 'K7QX2M', true],
    ['K7QX2', 'K7QX2', false],
    ['K7QX2M9', 'K7QX2M9', false],
    ['K7-X2M', 'K7-X2M', false],
  ])('%j → %s (valid: %s)', (input, normal, valid) => {
    expect(normaliseCode(input)).toBe(normal);
    expect(isValidCode(input)).toBe(valid);
  });
});

describe('parseFrame: drafting', () => {
  it('reads section_updates and section_presence (no seq)', () => {
    const frame = [
      '{"type":"section_updates","proposal":4,"section":2,"version":13,"updates":[{"clientID":"k3j9","changes":[5,[0,"new ","text"],30],"member":5}]}',
      '{"type":"section_presence","proposal":4,"section":2,"editors":[{"member":5,"name":"Ana Ruiz","anchor":14,"head":14,"version":13}]}',
    ].join('\n');
    expect(parseFrame(frame).map((m) => m.type)).toEqual(['section_updates', 'section_presence']);
  });

  it('skips section_updates whose changes are not ChangeSet JSON', () => {
    const bad: string[] = [];
    const frame = [
      '{"type":"section_updates","proposal":4,"section":2,"version":13,"updates":[{"clientID":"k","changes":["x"]}]}',
      '{"type":"section_updates","proposal":4,"section":2,"version":13,"updates":[{"changes":[1]}]}',
      '{"type":"section_updates","proposal":4,"section":2,"updates":[]}',
      '{"type":"section_presence","proposal":4,"editors":[]}',
    ].join('\n');
    expect(parseFrame(frame, (l) => bad.push(l))).toEqual([]);
    expect(bad).toHaveLength(4);
  });

  it.each([
    [[5, [0, 'a', 'b'], 3], true],
    [[], true],
    [[[2]], true],
    [[-1], false],
    [[1.5], false],
    [[[]], false],
    [[['x']], false],
    [[[0, 1]], false],
    ['5', false],
  ])('isChangeJson(%j) is %s', (value, expected) => {
    expect(isChangeJson(value)).toBe(expected);
  });
});
