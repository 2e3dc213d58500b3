/**
 * Cosmos at /package/…: media types, the ops' shapes, its error types, install → a Marathon app with Cosmos'
 * labels that runs, uninstall, repositories, and the replay of an install (docs/catalog-sources-cosmos.md).
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import type { ApiResponse } from '../../../src/api/types.ts';
import { boot, type Json } from '../../support/marathon.ts';

const AGENTS = [{ hostname: 'agent', count: 3, resources: { cpus: 8, mem: 16384, disk: 20000, gpus: 0 } }];
const mt = (name: string, v: string) => `application/vnd.dcos.package.${name}+json;charset=utf-8;version=${v}`;
const ERROR = mt('error', 'v1');

function cosmos(sb: Sandbox, op: string, body: unknown, headers?: Record<string, string>): ApiResponse {
  return sb.request({ method: 'POST', path: `/package/${op}`, body, ...(headers ? { headers } : {}) });
}
const b = (r: ApiResponse) => r.body as Json;

describe('media types', () => {
  it('answers a plain JSON request as the newest version, and the asked version', async () => {
    const sb = await boot(AGENTS);
    const plain = cosmos(sb, 'describe', { packageName: 'nginx' });
    expect(plain.status).toBe(200);
    expect(plain.headers).toEqual({ 'Content-Type': mt('describe-response', 'v3') });
    expect(b(plain).package.name).toBe('nginx');
    const v2 = cosmos(
      sb,
      'describe',
      { packageName: 'nginx' },
      { 'content-type': mt('describe-request', 'v1'), accept: mt('describe-response', 'v2') },
    );
    expect(v2.headers).toEqual({ 'Content-Type': mt('describe-response', 'v2') });
    expect(b(v2).name).toBe('nginx');
    expect(b(v2).releaseVersion).toBeUndefined();
  });

  it('refuses a wrong Content-Type and Accept as finch does', async () => {
    const sb = await boot(AGENTS);
    const res = cosmos(sb, 'search', {}, { 'Content-Type': 'application/json' });
    expect(res).toEqual({
      status: 400,
      headers: { 'Content-Type': ERROR },
      body: {
        type: 'not_valid',
        message: `Item header 'Content-Type' deemed invalid by rule: should match one of ${mt('search-request', 'v1')}`,
      },
    });
    const both = cosmos(sb, 'install', {}, { 'Content-Type': mt('describe-request', 'v1'), Accept: mt('describe-response', 'v3') });
    expect(b(both).type).toBe('multiple_errors');
    expect(b(both).data.errors.map((e: Json) => e.type)).toEqual(['not_valid', 'not_valid', 'not_parsed']);
    expect(b(both).data.errors[0].message).toBe(
      `Item header 'Accept' deemed invalid by rule: Media type was [${mt('describe-response', 'v3')}] but should be one of [${mt('install-response', 'v2')}, ${mt('install-response', 'v1')}]`,
    );
    expect(b(both).data.errors[2].message).toBe(
      "Item 'body' unable to be parsed: Attempt to decode value on failed cursor: DownField(packageName)",
    );
  });
});

describe('catalog ops', () => {
  it('search, list-versions, repository list', async () => {
    const sb = await boot(AGENTS);
    const search = cosmos(sb, 'search', { query: 'nginx' });
    expect(search.headers).toEqual({ 'Content-Type': mt('search-response', 'v1') });
    expect(b(search).packages.map((p: Json) => p.name)).toEqual(['nginx']);
    const versions = cosmos(sb, 'list-versions', { packageName: 'nginx', includePackageVersions: true });
    expect(Object.values(b(versions).results).every((v) => typeof v === 'string')).toBe(true);
    expect(cosmos(sb, 'repository/list', {}).body).toEqual({
      repositories: [{ name: 'Universe', uri: 'https://universe.mesosphere.com/repo' }],
    });
  });

  it('answers PackageNotFound and VersionNotFound', async () => {
    const sb = await boot(AGENTS);
    expect(cosmos(sb, 'describe', { packageName: 'nope' })).toEqual({
      status: 400,
      headers: { 'Content-Type': ERROR },
      body: { type: 'PackageNotFound', message: 'Package [nope] not found', data: { packageName: 'nope' } },
    });
    expect(b(cosmos(sb, 'describe', { packageName: 'nginx', packageVersion: '0.0' })).message).toBe(
      'Version [0.0] of package [nginx] not found',
    );
  });
});

describe('install and uninstall', () => {
  it('installs nginx as a labelled Marathon app that runs, refuses it twice, lists and uninstalls it', async () => {
    const sb = await boot(AGENTS);
    const res = cosmos(sb, 'install', { packageName: 'nginx' });
    expect(res.status).toBe(200);
    expect(res.headers).toEqual({ 'Content-Type': mt('install-response', 'v2') });
    expect(b(res)).toMatchObject({ packageName: 'nginx', appId: '/nginx' });
    const app = b(sb.request({ method: 'GET', path: '/marathon/v2/apps/nginx' })).app;
    expect(app.labels).toMatchObject({
      DCOS_PACKAGE_NAME: 'nginx',
      DCOS_PACKAGE_SOURCE: 'https://universe.mesosphere.com/repo',
      DCOS_PACKAGE_OPTIONS: 'e30=',
    });
    sb.advance(60_000);
    expect(b(sb.request({ method: 'GET', path: '/marathon/v2/apps/nginx' })).app.tasksRunning).toBe(1);
    expect(cosmos(sb, 'install', { packageName: 'nginx' })).toEqual({
      status: 409,
      headers: { 'Content-Type': ERROR },
      body: { type: 'PackageAlreadyInstalled', message: 'Package is already installed' },
    });
    const list = cosmos(sb, 'list', {});
    expect(b(list).packages.map((p: Json) => [p.appId, p.packageInformation.packageDefinition.name])).toEqual([['/nginx', 'nginx']]);
    const un = cosmos(sb, 'uninstall', { packageName: 'nginx' });
    expect(un.status).toBe(200);
    expect(b(un).results[0]).toMatchObject({ packageName: 'nginx', appId: '/nginx' });
    expect(b(cosmos(sb, 'uninstall', { packageName: 'nginx' })).type).toBe('PackageNotInstalled');
  });

  it('refuses options that fail the schema with fge-shaped errors', async () => {
    const sb = await boot(AGENTS);
    const res = cosmos(sb, 'install', { packageName: 'nginx', options: { nginx: { name: 7 } } });
    expect(res.status).toBe(400);
    expect(b(res).type).toBe('JsonSchemaMismatch');
    expect(b(res).message).toBe('Options JSON failed validation');
    expect(b(res).data.errors[0]).toEqual({
      level: 'error',
      schema: { loadingURI: '#', pointer: '/properties/nginx/properties/name' },
      instance: { pointer: '/nginx/name' },
      domain: 'validation',
      keyword: 'type',
      message: 'instance type (integer) does not match any allowed primitive type (allowed: ["string"])',
      found: 'integer',
      expected: ['string'],
    });
  });
});

describe('repositories', () => {
  it('adds at an index, refuses duplicates, unknown URIs and missing names, deletes', async () => {
    const sb = await boot(AGENTS);
    const unknown = cosmos(sb, 'repository/add', { name: 'x', uri: 'https://example.invalid/repo' });
    expect(b(unknown).type).toBe('RepositoryUriConnection');
    expect(b(cosmos(sb, 'repository/add', { name: 'Universe', uri: 'https://universe.mesosphere.com/repo' })).message).toBe(
      'Repository name [Universe] and URI [https://universe.mesosphere.com/repo] are both already present in the list',
    );
    expect(b(cosmos(sb, 'repository/add', { name: 'x', uri: 'ftp://x' })).type).toBe('UnsupportedRepositoryUri');
    expect(b(cosmos(sb, 'repository/delete', {})).type).toBe('RepoNameOrUriMissing');
    expect(b(cosmos(sb, 'repository/delete', { name: 'Universe' })).repositories).toEqual([]);
    expect(b(cosmos(sb, 'repository/delete', { name: 'Universe' })).message).toBe('Repository name [Universe] is not present in the list');
    expect(b(cosmos(sb, 'search', {})).type).toBeUndefined();
    expect(b(cosmos(sb, 'describe', { packageName: 'nginx' })).type).toBe('PackageNotFound');
    const back = cosmos(sb, 'repository/add', { name: 'Universe', uri: 'https://universe.mesosphere.com/repo', index: 0 });
    expect(b(back).repositories).toHaveLength(1);
    expect(b(cosmos(sb, 'repository/add', { name: 'y', uri: 'https://universe.mesosphere.com/repo2', index: 5 })).type).toMatch(
      /RepositoryUriConnection|RepositoryAddIndexOutOfBounds/,
    );
  });
});

describe('replay', () => {
  it('an install with headers replays to the same history', async () => {
    const sb = await boot(AGENTS);
    cosmos(sb, 'install', { packageName: 'nginx' }, { 'Content-Type': mt('install-request', 'v1'), Accept: mt('install-response', 'v1') });
    sb.advance(30_000);
    const scenario = sb.scenario();
    expect(scenario.script.at(-1)?.request.headers).toEqual({
      'Content-Type': mt('install-request', 'v1'),
      Accept: mt('install-response', 'v1'),
    });
    const again = await createSandbox(JSON.parse(JSON.stringify(scenario)), { allocator: 'wasm', matcher: 'wasm' });
    again.advance(sb.now);
    expect(again.historyHash()).toBe(sb.historyHash());
  });
});
