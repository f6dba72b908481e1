import { describe, expect, it, vi } from 'vitest';
import { announceNewVersion, newVersionWaits, onNewVersion, takeNewVersion } from './newVersion';

describe('announceNewVersion', () => {
  it('tells once per waiting worker, and again for the next one', () => {
    const heard = vi.fn();
    const stop = onNewVersion(heard);
    const first = {};
    const take = vi.fn();
    announceNewVersion(take, first);
    announceNewVersion(take, first); // the same worker reported again: not news
    expect(heard).toHaveBeenCalledTimes(1);
    expect(newVersionWaits()).toBe(true);
    announceNewVersion(take, {}); // another deployment
    expect(heard).toHaveBeenCalledTimes(2);
    announceNewVersion(take, null); // an unnamed one always counts
    expect(heard).toHaveBeenCalledTimes(3);
    takeNewVersion();
    expect(take).toHaveBeenCalledTimes(1);
    stop();
  });
});
