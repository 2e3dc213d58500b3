/** The dcos script on small hand-made inputs: empty clusters, package installs, quoting, job order and schedules. */
import { describe, expect, it } from 'vitest';
import { bundleOf, exportDcosScript } from '../../src/share/cluster-dump/index.ts';
import { SCRIPT_PATH } from '../../src/share/cluster-dump/export.ts';
import { dependenciesFirst, readJobs } from '../../src/share/cluster-dump/jobs.ts';
import { toBase64 } from '../../src/common/catalog/index.ts';

type Json = Record<string, unknown>;
const commands = (files: Array<{ path: string; text: string }>) => files[0]!.text.split('\n').filter((l) => l.startsWith('dcos '));
const jsonOf = (files: Array<{ path: string; text: string }>, path: string) => JSON.parse(files.find((f) => f.path === path)!.text) as Json;

describe('exportDcosScript', () => {
  it('an empty cluster (or no groups at all) gives a script that says so and no other file', () => {
    for (const groups of [{ id: '/', apps: [], groups: [] }, null, 'x']) {
      const files = exportDcosScript({ groups });
      expect(files).toHaveLength(1);
      expect(files[0]!.path).toBe(SCRIPT_PATH);
      expect(commands(files)).toEqual([]);
      expect(files[0]!.text).toContain('# The cluster has no apps, pods, groups, jobs or packages.');
      expect(files[0]!.text).toContain("DC/OS sandbox cluster 'sandbox'");
    }
  });

  it('the cluster name in the comment keeps only plain characters', () => {
    const files = exportDcosScript({ groups: {}, clusterName: "it's\n$(rm) ok" });
    expect(files[0]!.text).toContain("DC/OS sandbox cluster 'itsrm ok'");
  });

  it('packages: app id only when it is not /name and no service name says it; options filed by app id when one name is installed twice', () => {
    const groups = {
      id: '/',
      apps: [
        { id: 'kafka', labels: { DCOS_PACKAGE_OPTIONS: toBase64('{"brokers":3}') } },
        { id: '/k2', labels: { DCOS_PACKAGE_OPTIONS: toBase64('{"brokers":1}') } },
        { id: '/bad', labels: { DCOS_PACKAGE_OPTIONS: 'not base64 json' } },
        { id: '/arr', labels: { DCOS_PACKAGE_OPTIONS: toBase64('[1]') } },
        { id: '/svc', labels: { DCOS_PACKAGE_OPTIONS: toBase64('{"service":{"name":"named"}}') } },
        { id: '/none', labels: { DCOS_PACKAGE_OPTIONS: toBase64('{}') } },
      ],
      groups: [{ id: 'sub', apps: [{ id: 'x y', labels: {} }] }],
    };
    const packages = [
      { name: 'kafka', version: '1.0', apps: ['/kafka', 'k2'] },
      { name: 'bad', apps: ['/bad'] },
      { name: 'arr', version: '2', apps: ['/arr'] },
      { name: 'svc', apps: ['/svc'] },
      { name: 'none', apps: ['/none'] },
      { version: 'x', apps: ['/nameless'] },
    ];
    const files = exportDcosScript({ groups, packages });
    expect(commands(files).slice(0, 6)).toEqual([
      'dcos package install kafka --package-version=1.0 --options=packages/kafka.json --yes',
      'dcos package install kafka --package-version=1.0 --options=packages/k2.json --app-id=/k2 --yes',
      'dcos package install bad --yes',
      'dcos package install arr --package-version=2 --yes',
      'dcos package install svc --options=packages/svc.json --yes',
      'dcos package install none --yes',
    ]);
    expect(jsonOf(files, 'packages/kafka.json')).toEqual({ brokers: 3 });
    expect(jsonOf(files, 'packages/k2.json')).toEqual({ brokers: 1 });
    // The package apps are left to their packages; the others are added (a name that needs quoting is quoted).
    expect(commands(files).slice(6)).toEqual(['dcos marathon group add groups/sub.json']);
    expect(jsonOf(files, 'groups/sub.json')).toMatchObject({ id: '/sub', apps: [{ id: 'x y' }] });
  });

  it('quotes words the shell would split, and names files apart when their slugs meet', () => {
    const jobs = [
      { id: 'a b', run: { cmd: 'x' }, schedules: [{ id: 's 1' }, { id: "it's" }] },
      { id: 'a_b', run: { cmd: 'x' } },
    ];
    const files = exportDcosScript({ groups: {}, jobs });
    expect(commands(files)).toEqual([
      'dcos job add jobs/a_b.json',
      "dcos job schedule add 'a b' jobs/a_b.schedule-it_s.json",
      'dcos job add jobs/a_b-2.json',
    ]);
    expect(jsonOf(files, 'jobs/a_b.json')).toEqual({ id: 'a b', run: { cmd: 'x' }, schedules: [{ id: 's 1' }] });
    expect(jsonOf(files, 'jobs/a_b-2.json')).toEqual({ id: 'a_b', run: { cmd: 'x' } });
    expect(files[0]!.text).toContain('# Jobs, dependencies first');
    expect(files[0]!.text).not.toContain('# Packages first');
    expect(files[0]!.text).not.toContain('# Marathon:');
  });

  it('a package version with a space is quoted; the Cosmos list form is read too', () => {
    const packages = {
      packages: [
        { appId: '/lb', packageInformation: { packageDefinition: { name: 'lb', version: '1 beta' } } },
        { appId: '/x', packageInformation: {} },
      ],
    };
    expect(commands(exportDcosScript({ groups: {}, packages }))).toEqual(["dcos package install lb --package-version='1 beta' --yes"]);
  });

  it('jobs come after those they depend on; a cycle keeps the given order', () => {
    const job = (id: string, deps: string[] = []) => ({ id, run: { cmd: 'x' }, dependencies: deps.map((d) => ({ id: d })) });
    const ids = (jobs: Json[]) => dependenciesFirst(jobs).map((j) => j.id);
    expect(ids([job('c', ['b']), job('b', ['a']), job('a')])).toEqual(['a', 'b', 'c']);
    expect(ids([job('x', ['y']), job('y', ['x'])])).toEqual(['y', 'x']);
    expect(ids([job('m', ['missing'])])).toEqual(['m']);
    expect(commands(exportDcosScript({ groups: {}, jobs: [job('late', ['early']), job('early'), 'junk'] }))).toEqual([
      'dcos job add jobs/early.json',
      'dcos job add jobs/late.json',
    ]);
  });
});

describe('readJobs', () => {
  it('drops a job listed twice, and one Metronome refuses with its message', () => {
    const dropped: string[] = [];
    const job = { id: 'same', run: { cmd: 'sleep 1', cpus: 0.1, mem: 32, disk: 0 } };
    expect(readJobs([job, { ...job }, { id: 'BAD ID', run: job.run }], dropped)).toEqual([job]);
    expect(dropped).toEqual([
      'job same: listed twice; only the first is imported',
      expect.stringMatching(/^job BAD ID: .*; the job is not imported$/),
    ]);
  });

  it('reads nothing from what is not a list', () => {
    const dropped: string[] = [];
    expect(readJobs({ id: 'x' }, dropped)).toEqual([]);
    expect(dropped).toEqual([]);
  });
});

describe('bundleOf', () => {
  it('makes each directory once and writes each file between markers', () => {
    const bundle = bundleOf([
      { path: 'recreate.sh', text: '#!/bin/sh\n' },
      { path: 'jobs/a.json', text: '{}\n' },
      { path: 'jobs/b.json', text: '[]\n' },
    ]);
    expect(bundle).toContain('mkdir -p "$dir" "$dir/jobs"\n');
    expect(bundle.match(/<<'DCOS_SANDBOX_FILE_END'/g)).toHaveLength(3);
    expect(bundle).toContain(`cat > "$dir/jobs/b.json" <<'DCOS_SANDBOX_FILE_END'\n[]\nDCOS_SANDBOX_FILE_END\n`);
    expect(bundle.endsWith('echo "Wrote $dir; run: sh $dir/recreate.sh"\n')).toBe(true);
  });
});
