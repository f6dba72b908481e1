import { describe, expect, it } from 'vitest';
import { parseRoute, viewPath } from './router';

describe('routes', () => {
  it.each([
    ['/', { page: 'home' }],
    ['/admin', { page: 'admin' }],
    ['/join/k7qx2m', { page: 'join', code: 'K7QX2M', sub: { view: 'board' } }],
    ['/join/K7QX2M/proposals', { page: 'join', code: 'K7QX2M', sub: { view: 'proposals' } }],
    ['/join/K7QX2M/proposals/4', { page: 'join', code: 'K7QX2M', sub: { view: 'proposal', id: 4 } }],
    ['/facilitate/K7QX2M/proposals/12/', { page: 'facilitate', code: 'K7QX2M', sub: { view: 'proposal', id: 12 } }],
    ['/lead/K7QX2M/proposals', { page: 'lead', code: 'K7QX2M', sub: { view: 'proposals' } }],
    ['/screen/K7QX2M', { page: 'screen', code: 'K7QX2M' }],
    ['/screen/K7QX2M/proposals', { page: 'not_found' }],
    ['/join/K7QX2M/proposals/0', { page: 'not_found' }],
    ['/join/K7QX2M/proposals/4x', { page: 'not_found' }],
    ['/join/K7QX2M/proposals/1.5', { page: 'not_found' }],
    ['/join/K7QX2M/ideas', { page: 'not_found' }],
    ['/join/K7QX2M/proposals/4/more', { page: 'not_found' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('builds the paths it parses', () => {
    for (const view of [
      { view: 'board' as const },
      { view: 'proposals' as const },
      { view: 'proposal' as const, id: 7 },
    ]) {
      const path = viewPath('/lead/K7QX2M', view);
      expect(parseRoute(path)).toEqual({ page: 'lead', code: 'K7QX2M', sub: view });
    }
  });
});
