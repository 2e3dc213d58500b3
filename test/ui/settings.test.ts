/**
 * Settings → Package Repositories: the rows (priority = place in Cosmos' list, searched by name or URL), the Add
 * form's checks, and the client against a running sandbox's Cosmos: list, add (at a priority), Cosmos' refusals as
 * the page shows them, delete.
 */
import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../../src/api/types.ts';
import { refusalMessage, RepositoryClient, repositoryMediaType, repositoryRequest } from '../../src/ui/pages/settings/repository-client.ts';
import { checkAddRepository, priorityHint, repositoryRows } from '../../src/ui/pages/settings/repositories.ts';
import { agent } from '../support/cluster.ts';
import { boot } from '../support/marathon.ts';

const UNIVERSE = { name: 'Universe', uri: 'https://universe.mesosphere.com/repo' };
const DEV = { name: 'dev-universe', uri: 'http://universe.marathon.mesos:8085/repo' };

describe('the rows', () => {
  const list = [UNIVERSE, DEV, { name: 'Local', uri: 'https://example.org/local-repo' }];

  it('number each repository by its place in the list and search names and URLs, case-insensitively', () => {
    expect(repositoryRows(list, '').map((r) => [r.name, r.priority])).toEqual([
      ['Universe', 0],
      ['dev-universe', 1],
      ['Local', 2],
    ]);
    expect(repositoryRows(list, ' UNIVERSE ').map((r) => r.priority)).toEqual([0, 1]);
    expect(repositoryRows(list, 'example.org').map((r) => r.name)).toEqual(['Local']);
    expect(repositoryRows(list, 'nothing')).toEqual([]);
  });
});

describe('the Add form', () => {
  it('needs a name and a URL, trims them, and takes an empty priority as the lowest', () => {
    expect(checkAddRepository({ name: ' ', uri: 'x', priority: '' }, 1)).toMatchObject({ ok: false, field: 'name' });
    expect(checkAddRepository({ name: 'a', uri: '', priority: '' }, 1)).toMatchObject({ ok: false, field: 'uri' });
    expect(checkAddRepository({ name: ' a ', uri: ' http://x ', priority: '' }, 1)).toEqual({
      ok: true,
      name: 'a',
      uri: 'http://x',
      index: undefined,
    });
  });

  it('takes a priority from 0 to the number of repositories, nothing else', () => {
    expect(checkAddRepository({ name: 'a', uri: 'u', priority: '0' }, 2)).toMatchObject({ ok: true, index: 0 });
    expect(checkAddRepository({ name: 'a', uri: 'u', priority: '2' }, 2)).toMatchObject({ ok: true, index: 2 });
    for (const priority of ['3', '-1', '1.5', 'one', '1e1'])
      expect(checkAddRepository({ name: 'a', uri: 'u', priority }, 2)).toEqual({ ok: false, field: 'priority', message: priorityHint(2) });
  });
});

describe('the client', () => {
  it("sends DC/OS' requests: POST with the versioned repository media types", () => {
    expect(repositoryRequest('add', { name: 'a', uri: 'u' })).toEqual({
      method: 'POST',
      path: '/package/repository/add',
      body: { name: 'a', uri: 'u' },
      headers: {
        'Content-Type': 'application/vnd.dcos.package.repository.add-request+json;charset=utf-8;version=v1',
        Accept: 'application/vnd.dcos.package.repository.add-response+json;charset=utf-8;version=v1',
      },
    });
    expect(repositoryMediaType('list', 'response')).toBe(
      'application/vnd.dcos.package.repository.list-response+json;charset=utf-8;version=v1',
    );
    expect(refusalMessage({ status: 400, body: { type: 'X', message: 'm' } })).toBe('m');
    expect(refusalMessage({ status: 400, body: { description: 'd', message: 'm' } })).toBe('d');
    expect(refusalMessage({ status: 502, body: null })).toBe('An error has occurred.');
  });

  it("lists, adds at a priority, shows Cosmos' refusals and deletes, against the sandbox's Cosmos", async () => {
    const sb = await boot([agent('a', { cpus: 2, mem: 2048, disk: 4096 })]);
    const sent: ApiRequest[] = [];
    const client = new RepositoryClient((req) => {
      sent.push(req);
      return Promise.resolve(sb.request(req));
    });
    expect(await client.list()).toEqual({ ok: true, repositories: [UNIVERSE] });

    expect(await client.add(DEV.name, DEV.uri, 0)).toEqual({ ok: true, repositories: [DEV, UNIVERSE] });
    expect(sent.at(-1)!.body).toEqual({ name: DEV.name, uri: DEV.uri, index: 0 });

    const again = await client.add('other', DEV.uri, undefined);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.message).toMatch(/already present/i);
    expect(sent.at(-1)!.body).toEqual({ name: 'other', uri: DEV.uri });

    const unreachable = await client.add('nowhere', 'https://example.org/repo', undefined);
    expect(unreachable).toEqual({
      ok: false,
      status: expect.any(Number) as number,
      message: 'Could not access data at URI for repository [nowhere]: https://example.org/repo',
    });

    const notHttp = await client.add('ftp', 'ftp://example.org/repo', undefined);
    expect(notHttp.ok).toBe(false);

    expect(await client.remove(DEV)).toEqual({ ok: true, repositories: [UNIVERSE] });
    const gone = await client.remove(DEV);
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.message).toContain(DEV.name);
    expect(await client.list()).toEqual({ ok: true, repositories: [UNIVERSE] });
  });
});
