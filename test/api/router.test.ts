import { describe, expect, it } from 'vitest';
import { createRouter } from '../../src/api/router.ts';
import type { ApiContext, ApiService } from '../../src/api/service.ts';

const echo = (prefix: string): ApiService => ({
  prefix,
  handle: (_api, { segments, query }) => ({ status: 200, body: { prefix, segments, q: query.get('q') } }),
});
const api = {} as ApiContext; // the echo services read nothing of the cluster

describe('createRouter', () => {
  const route = createRouter([echo('mesos'), echo('service'), echo('service/metronome')]);

  it('hands a service the path after its prefix, decoded, and the query', () => {
    expect(route(api, { method: 'GET', path: '/mesos/master/state%2Djson?q=1' }).body).toEqual({
      prefix: 'mesos',
      segments: ['master', 'state-json'],
      q: '1',
    });
  });

  it('picks the longest registered prefix', () => {
    expect(route(api, { method: 'GET', path: '/service/metronome/v1/jobs' }).body).toMatchObject({
      prefix: 'service/metronome',
      segments: ['v1', 'jobs'],
    });
    expect(route(api, { method: 'GET', path: '/service/other/v1' }).body).toMatchObject({ prefix: 'service', segments: ['other', 'v1'] });
  });

  it('answers 404 for a path no service answers and 400 for a malformed one', () => {
    expect(route(api, { method: 'GET', path: '/nothing/here' }).status).toBe(404);
    expect(route(api, { method: 'GET', path: '/' }).status).toBe(404);
    expect(route(api, { method: 'GET', path: 'no-slash' }).status).toBe(400);
    expect(route(api, { method: 'GET', path: '/mesos/%E0%A4%A' }).status).toBe(400);
  });

  it('refuses two services on one prefix', () => {
    expect(() => createRouter([echo('mesos'), echo('mesos')])).toThrow(/two API services answer '\/mesos'/);
  });
});
