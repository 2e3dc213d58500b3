/**
 * `dcos package` over fixed Cosmos answers. Expected texts come from dcos-core-cli at tag 2.2-patch.0:
 * pkg/cmd/pkg/package_{search,describe,install,uninstall,list,repo_list,repo_add,repo_remove}.go, pkg/cosmos/client.go
 * (requests, `cosmosErrUnwrap`) and vendor/github.com/dcos/client-go/dcos/api_cosmos.go (media types, which statuses
 * carry a Cosmos error), dcos-cli's prompt.Confirm / Input at end of input.
 */
import { describe, expect, it } from 'vitest';
import type { InstallationJson, PackageDefinitionJson, SearchResultJson } from '../../src/api/shapes/cosmos.ts';
import { fixedApi, json } from './support.ts';

const out = (stdout: string, stderr = '') => ({ stdout, stderr, exitCode: 0 });
const err = (stderr: string, stdout = '') => ({ stdout, stderr: `${stderr}\n`, exitCode: 1 });

const KAFKA_SEARCH: SearchResultJson = {
  name: 'kafka',
  currentVersion: '2.10.0-2.4.0',
  versions: { '2.10.0-2.4.0': '1200', '2.9.0-2.4.0': '1100' },
  description: 'Apache Kafka running on DC/OS',
  framework: true,
  tags: ['message', 'broker'],
  selected: true,
  images: { 'icon-small': 'https://x/s.png' },
};
const LONG = 'A'.repeat(90);
const NGINX_SEARCH: SearchResultJson = {
  name: 'nginx',
  currentVersion: '1.10.3',
  versions: {},
  description: LONG,
  framework: false,
  tags: [],
};

const KAFKA: PackageDefinitionJson = {
  packagingVersion: '4.0',
  name: 'kafka',
  version: '2.10.0-2.4.0',
  releaseVersion: 1200,
  maintainer: 'support@mesosphere.io',
  description: 'Apache Kafka',
  tags: ['message'],
  selected: true,
  framework: true,
  preInstallNotes: 'Default configuration requires 3 agent nodes.',
  postInstallNotes: 'DC/OS Apache Kafka is being installed!',
  postUninstallNotes: 'DC/OS Apache Kafka is being uninstalled.',
  marathon: { v2AppMustacheTemplate: btoa('{"id": "{{service.name}}"}\n') },
  config: { type: 'object', properties: { service: { type: 'object' } } },
};

const installation = (appId: string, def: Partial<PackageDefinitionJson> = {}): InstallationJson => ({
  appId,
  packageInformation: {
    packageDefinition: {
      packagingVersion: '4.0',
      name: 'kafka',
      version: '2.10.0-2.4.0',
      maintainer: 'm',
      description: 'Apache Kafka',
      tags: [],
      selected: true,
      framework: true,
      ...def,
    },
  },
});

const cosmos = (routes: Parameters<typeof fixedApi>[0]) => fixedApi(routes);

describe('dcos package search', () => {
  it('prints NAME VERSION CERTIFIED FRAMEWORK DESCRIPTION, a long description cut to 76 bytes and "..."', async () => {
    const { dcos, calls } = cosmos({ 'POST /package/search': json({ packages: [KAFKA_SEARCH, NGINX_SEARCH] }) });
    const r = await dcos('dcos package search');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^ {2}NAME +VERSION +CERTIFIED +FRAMEWORK +DESCRIPTION/);
    expect(lines[1]).toMatch(/^ {2}kafka +2\.10\.0-2\.4\.0 +true +true +Apache Kafka running on DC\/OS/);
    expect(lines[2]).toContain(`nginx  1.10.3        false      false      ${'A'.repeat(76)}...`);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      path: '/package/search',
      body: {},
      headers: {
        'Content-Type': 'application/vnd.dcos.package.search-request+json;charset=utf-8;version=v1',
        Accept:
          'application/vnd.dcos.package.search-response+json;charset=utf-8;version=v1,application/vnd.dcos.package.error+json;charset=utf-8;version=v1',
      },
    });
  });

  it('sends the query; none found for a query is an error', async () => {
    const { dcos, calls } = cosmos({ 'POST /package/search': json({ packages: [] }) });
    expect(await dcos('dcos package search zzz')).toEqual(err('Error: no packages found'));
    expect(calls[0]!.body).toEqual({ query: 'zzz' });
  });

  it('--json: the Go structs with four-space indent (images always, versions sorted)', async () => {
    const { dcos } = cosmos({ 'POST /package/search': json({ packages: [NGINX_SEARCH] }) });
    const r = await dcos('dcos package search --json');
    expect(r.stdout).toBe(
      `{\n    "packages": [\n        {\n            "name": "nginx",\n            "currentVersion": "1.10.3",\n            "description": "${LONG}",\n            "framework": false,\n            "images": {},\n            "tags": [],\n            "versions": {}\n        }\n    ]\n}\n`,
    );
  });

  it('an error answer is its status line (the search error is not unwrapped)', async () => {
    const { dcos } = cosmos({ 'POST /package/search': json({ type: 'X', message: 'nope' }, 400) });
    expect(await dcos('dcos package search')).toEqual(err('Error: 400 Bad Request'));
  });
});

describe('dcos package describe', () => {
  const api = () =>
    cosmos({
      'POST /package/describe': (req) =>
        (req.body as { packageName: string }).packageName === 'kafka'
          ? json({ package: KAFKA })
          : json({ type: 'PackageNotFound', message: `Package [${(req.body as { packageName: string }).packageName}] not found` }, 400),
      'POST /package/list-versions': json({ results: { '2.9.0-2.4.0': '1100', '2.10.0-2.4.0': '1200' } }),
      'POST /package/render': (req) => json({ marathonJson: { id: (req.body as { appId?: string }).appId ?? '/kafka', b: 1, a: 2 } }),
    });

  it('prints the package with two-space indent, Go field order, empty structs kept', async () => {
    const { dcos, calls } = api();
    const r = await dcos('dcos package describe kafka');
    expect(r.stdout.startsWith('{\n  "package": {\n    "command": {},\n    "config": {\n      "properties": {')).toBe(true);
    expect(r.stdout).toContain('"releaseVersion": 1200,\n    "resource": {\n      "assets": {\n        "container": {}\n      },');
    expect(r.stdout).toContain('"manager": {}\n  }\n}\n');
    expect(calls[0]!.headers).toMatchObject({ Accept: expect.stringContaining('describe-response+json;charset=utf-8;version=v3') });
    expect(calls[0]!.body).toEqual({ packageName: 'kafka' });
  });

  it("a missing package: Cosmos' message", async () => {
    const { dcos } = api();
    expect(await dcos('dcos package describe nope')).toEqual(err('Error: Package [nope] not found'));
  });

  it('--config, --app (the template as is), --app --render (sorted keys), --package-versions', async () => {
    const { dcos, calls } = api();
    expect((await dcos('dcos package describe kafka --config')).stdout).toContain('"type": "object"');
    expect(await dcos('dcos package describe kafka --app')).toEqual(out('{"id": "{{service.name}}"}\n'));
    expect(await dcos('dcos package describe kafka --app --render --app-id=/k2')).toEqual(
      out('{\n  "a": 2,\n  "b": 1,\n  "id": "/k2"\n}\n'),
    );
    expect(calls.at(-1)!.body).toEqual({ appId: '/k2', packageName: 'kafka' });
    expect(await dcos('dcos package describe kafka --package-versions')).toEqual(out('[\n  "2.10.0-2.4.0",\n  "2.9.0-2.4.0"\n]\n'));
  });

  it('--options names a file: the pasted JSON is its content; without one the file is missing', async () => {
    const { dcos, calls } = api();
    expect(await dcos('dcos package describe kafka --app --options=o.json')).toEqual(err('Error: open o.json: no such file or directory'));
    const r = await dcos('dcos package describe kafka --app --options=o.json {"brokers":{"count":5}}');
    expect(r.exitCode).toBe(0);
    expect(calls.at(-1)!.body).toEqual({ options: { brokers: { count: 5 } }, packageName: 'kafka' });
  });
});

describe('dcos package install', () => {
  const api = (installAnswer = json({ packageName: 'kafka', packageVersion: '2.10.0-2.4.0', appId: '/kafka' })) =>
    cosmos({ 'POST /package/describe': json({ package: KAFKA }), 'POST /package/install': installAnswer });

  it('--yes: terms, pre-install notes, the Marathon line, post-install notes, all on stderr', async () => {
    const { dcos, calls } = api();
    expect(await dcos('dcos package install kafka --yes')).toEqual(
      out(
        '',
        'By Deploying, you agree to the Terms and Conditions https://mesosphere.com/catalog-terms-conditions/#certified-services\n' +
          'Default configuration requires 3 agent nodes.\n' +
          'Installing Marathon app for package [kafka] version [2.10.0-2.4.0]\n' +
          'DC/OS Apache Kafka is being installed!\n',
      ),
    );
    expect(calls[1]).toMatchObject({
      path: '/package/install',
      body: { packageName: 'kafka', packageVersion: '2.10.0-2.4.0' },
      headers: { 'Content-Type': 'application/vnd.dcos.package.install-request+json;charset=utf-8;version=v1' },
    });
  });

  it('without --yes the prompt reads end of input: no confirmation, nothing installed', async () => {
    const { dcos, calls } = api();
    const r = await dcos('dcos package install kafka');
    expect(r).toEqual(
      err(
        'By Deploying, you agree to the Terms and Conditions https://mesosphere.com/catalog-terms-conditions/#certified-services\n' +
          "Default configuration requires 3 agent nodes.\nError: couldn't get confirmation",
        'Continue installing? [yes/no] ',
      ),
    );
    expect(calls.map((c) => c.path)).toEqual(['/package/describe']);
  });

  it('a community package says so first', async () => {
    const { dcos } = cosmos({ 'POST /package/describe': json({ package: { ...KAFKA, selected: false, preInstallNotes: undefined } }) });
    const r = await dcos('dcos package install kafka --app');
    expect(r.stderr.startsWith('This is a Community service. Community services are not tested for production environments.')).toBe(true);
    expect(r.stderr).toContain('#community-services\n');
  });

  it('--options, --app-id and --package-version go into the request; a missing options file is refused first', async () => {
    const { dcos, calls } = api();
    expect(await dcos('dcos package install kafka --options=o.json --yes')).toEqual(err("Error: couldn't find options file 'o.json'"));
    expect(calls).toHaveLength(0);
    await dcos('dcos package install kafka --yes --app-id=/k2 --package-version=2.10.0-2.4.0 --options=o.json {"brokers":{"count":5}}');
    expect(calls[0]!.body).toEqual({ packageName: 'kafka', packageVersion: '2.10.0-2.4.0' });
    expect(calls[1]!.body).toEqual({
      appId: '/k2',
      options: { brokers: { count: 5 } },
      packageName: 'kafka',
      packageVersion: '2.10.0-2.4.0',
    });
  });

  it("Cosmos' error after the Marathon line (409 already installed, 400 schema mismatch)", async () => {
    const { dcos } = api(json({ type: 'PackageAlreadyInstalled', message: 'Package is already installed' }, 409));
    const r = await dcos('dcos package install kafka --yes');
    expect(r.exitCode).toBe(1);
    expect(
      r.stderr.endsWith('Installing Marathon app for package [kafka] version [2.10.0-2.4.0]\nError: Package is already installed\n'),
    ).toBe(true);
    const bad = api(json({ type: 'JsonSchemaMismatch', message: 'Options JSON failed validation' }, 400));
    expect((await bad.dcos('dcos package install kafka --yes')).stderr).toContain('Error: Options JSON failed validation\n');
  });

  it('--app with --cli is refused', async () => {
    const { dcos } = api();
    expect(await dcos('dcos package install kafka --app --cli')).toEqual(err('Error: --app and --cli are mutually exclusive'));
  });
});

describe('dcos package uninstall', () => {
  const api = () =>
    cosmos({
      'POST /package/list': json({ packages: [installation('/kafka'), installation('/kafka-2')] }),
      'POST /package/uninstall': json({
        results: [{ packageName: 'kafka', appId: '/kafka', packageVersion: '2.10.0-2.4.0', postUninstallNotes: 'Bye.' }],
      }),
    });

  it('--yes: each result and its notes on stderr', async () => {
    const { dcos, calls } = api();
    expect(await dcos('dcos package uninstall kafka --app-id=/kafka --yes')).toEqual(
      out('', 'Uninstalled package [kafka] version [2.10.0-2.4.0]\nBye.\n'),
    );
    expect(calls[1]!.body).toEqual({ appId: '/kafka', packageName: 'kafka' });
  });

  it('without --yes: the warning, three prompts read at end of input, cancelled', async () => {
    const { dcos } = api();
    expect(await dcos('dcos package uninstall kafka --all')).toEqual(
      err(
        'WARNING: This action cannot be undone. This will uninstall all instances of the [kafka] package, and delete all data for all kafka instances.\n' +
          "Expected 'uninstall all kafka'. You supplied ''.\n".repeat(3) +
          'Error: cancelling uninstall',
        "Please type 'uninstall all kafka': ".repeat(3),
      ),
    );
  });

  it('a package not installed', async () => {
    const { dcos } = api();
    expect(await dcos('dcos package uninstall hdfs --yes')).toEqual(err('Error: Package [hdfs] is not installed'));
  });
});

describe('dcos package list', () => {
  const api = () =>
    cosmos({
      'POST /package/list': json({
        packages: [
          installation('/kafka'),
          installation('/spark', {
            name: 'spark',
            version: '2.12.0-3.0.1',
            packagingVersion: '3.0',
            description: 'Spark\nmore',
            selected: false,
          }),
          installation('/kafka-2'),
        ],
      }),
    });

  it('NAME VERSION CERTIFIED APP COMMAND DESCRIPTION: apps one per line, sorted by name and version', async () => {
    const { dcos, calls } = api();
    const r = await dcos('dcos package list');
    expect(r.stdout.split('\n').map((l) => l.trimEnd())).toEqual([
      '  NAME     VERSION     CERTIFIED    APP     COMMAND  DESCRIPTION',
      '  kafka  2.10.0-2.4.0  true       /kafka    ---      Apache Kafka',
      '                                  /kafka-2',
      '  spark  2.12.0-3.0.1  false      /spark    spark    Spark...',
      '',
    ]);
    expect(calls[0]!.body).toEqual({});
  });

  it('filters by a query (name or app contains it) or --app-id; nothing left is an error', async () => {
    const { dcos } = api();
    expect((await dcos('dcos package list spa')).stdout).toContain('spark');
    expect((await dcos('dcos package list --app-id=/kafka-2')).stdout).not.toContain('spark');
    expect(await dcos('dcos package list zzz')).toEqual(err('Error: cannot find packages matching the provided filter'));
    expect(await dcos('dcos package list zzz --json')).toEqual(out('[]\n'));
    expect(await dcos('dcos package list x --app-id=/a')).toEqual(
      err('Error: cannot use the flags `--app-id` and an argument at the same time'),
    );
  });

  it('--json: cosmos.Package (command and releaseVersion for packaging versions before 4.0)', async () => {
    const { dcos } = api();
    const r = await dcos('dcos package list spark --json');
    expect(JSON.parse(r.stdout)).toEqual([
      {
        apps: ['/spark'],
        command: { name: 'spark' },
        description: 'Spark\nmore',
        framework: true,
        maintainer: 'm',
        name: 'spark',
        packagingVersion: '3.0',
        releaseVersion: 0,
        selected: false,
        version: '2.12.0-3.0.1',
      },
    ]);
  });
});

describe('dcos package repo', () => {
  const repos = { repositories: [{ name: 'Universe', uri: 'https://universe.mesosphere.com/repo' }] };

  it('list: name: uri lines, or --json', async () => {
    const { dcos, calls } = cosmos({ 'POST /package/repository/list': json(repos) });
    expect(await dcos('dcos package repo list')).toEqual(out('Universe: https://universe.mesosphere.com/repo\n'));
    expect(calls[0]!.headers).toEqual({
      'Content-Type': 'application/vnd.dcos.package.repository.list-request+json;charset=utf-8;version=v1',
      Accept: 'application/vnd.dcos.package.repository.list-response+json;charset=utf-8;version=v1',
    });
    expect((await dcos('dcos package repo list --json')).stdout).toBe(
      '{\n    "repositories": [\n        {\n            "name": "Universe",\n            "uri": "https://universe.mesosphere.com/repo"\n        }\n    ]\n}\n',
    );
  });

  it('add sends the index only when given; Cosmos refuses a name already present', async () => {
    const { dcos, calls } = cosmos({
      'POST /package/repository/add': (req) =>
        (req.body as { name: string }).name === 'Universe'
          ? json({ type: 'RepositoryAlreadyPresent', message: 'Repository name [Universe] is already present in the list' }, 409)
          : json(repos),
    });
    expect(await dcos('dcos package repo add local https://x/repo')).toEqual(out(''));
    expect(await dcos('dcos package repo add local https://x/repo --index=0')).toEqual(out(''));
    expect(calls.map((c) => c.body)).toEqual([
      { name: 'local', uri: 'https://x/repo' },
      { name: 'local', uri: 'https://x/repo', index: 0 },
    ]);
    expect(await dcos('dcos package repo add Universe https://x')).toEqual(
      err('Error: Repository name [Universe] is already present in the list'),
    );
    expect(await dcos('dcos package repo add a b --index=x')).toEqual(
      err('Error: invalid argument "x" for "--index" flag: strconv.ParseInt: parsing "x": invalid syntax'),
    );
    expect(await dcos('dcos package repo add a')).toEqual(err('Error: accepts 2 arg(s), received 1'));
  });

  it('remove: each name in turn, stopping at the first refusal', async () => {
    const { dcos, calls } = cosmos({
      'POST /package/repository/delete': (req) =>
        (req.body as { name: string }).name === 'nope'
          ? json({ type: 'RepositoryNotPresent', message: 'Repository name [nope] is not present in the list' }, 400)
          : json({ repositories: [] }),
    });
    expect(await dcos('dcos package repo remove a nope b')).toEqual(err('Error: Repository name [nope] is not present in the list'));
    expect(calls.map((c) => c.body)).toEqual([{ name: 'a' }, { name: 'nope' }]);
  });
});
