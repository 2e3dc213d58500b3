import { describe, expect, it } from 'vitest';
import {
  bundledRepository,
  DEFAULT_REPOSITORIES,
  DEV_UNIVERSE,
  fromBase64,
  toBase64,
  UNIVERSE,
  type JsonSchema,
  type JsonValue,
  type UniversePackage,
} from '../../../src/common/catalog/index.ts';

type Json = JsonValue | undefined;
type Obj = { [key: string]: JsonValue };

const ALL = [...UNIVERSE.repository.packages, ...DEV_UNIVERSE.repository.packages];
const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Cosmos' option merge: config defaults (JsonSchema.extractDefaultsFromSchema), then the user's options, deep. */
function defaults(schema: JsonSchema): Json {
  if (schema.default !== undefined) return schema.default;
  if (schema.type !== 'object' || !schema.properties) return undefined;
  const out: Obj = {};
  for (const [k, s] of Object.entries(schema.properties)) {
    const d = defaults(s);
    if (d !== undefined) out[k] = d;
  }
  return out;
}
function merge(a: Json, b: Json): Json {
  if (!isObj(a) || !isObj(b)) return b === undefined ? a : b;
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v) as JsonValue;
  return out;
}

/**
 * Test-only mustache: variables, `{{{x}}}`, `{{#x}}`/`{{^x}}` sections, dotted names, a context stack. Values as
 * Cosmos' renderer prepares them (PackageDefinitionRenderer.jsonToJava): strings JSON-escaped without quotes,
 * arrays printed as JSON, no HTML escaping.
 */
function render(template: string, context: Json): string {
  const lookup = (stack: Json[], name: string): Json => {
    if (name === '.') return stack[stack.length - 1];
    const [head, ...rest] = name.split('.');
    for (let i = stack.length - 1; i >= 0; i--) {
      const frame = stack[i];
      if (isObj(frame) && head! in frame) return rest.reduce<Json>((v, k) => (isObj(v) ? v[k] : undefined), frame[head!]);
    }
    return undefined;
  };
  const text = (v: Json) =>
    v === undefined || v === null ? '' : typeof v === 'string' ? JSON.stringify(v).slice(1, -1) : JSON.stringify(v);
  const falsy = (v: Json) => v === undefined || v === null || v === false || v === '' || (Array.isArray(v) && v.length === 0);
  const run = (tpl: string, stack: Json[]): string => {
    let out = '';
    let i = 0;
    const tag = /\{\{(\{?)([#^/]?)\s*([^}]+?)\s*\}?\}\}/g;
    for (let m = tag.exec(tpl); m; m = tag.exec(tpl)) {
      out += tpl.slice(i, m.index);
      const [, , kind, name] = m;
      if (kind === '#' || kind === '^') {
        // Find the matching close tag (same name, nesting counted).
        const open = new RegExp(
          `\\{\\{[#^]${name!.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\}\\}|\\{\\{/${name!.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\}\\}`,
          'g',
        );
        open.lastIndex = tag.lastIndex;
        let depth = 1;
        let close: RegExpExecArray | null = null;
        for (let c = open.exec(tpl); c; c = open.exec(tpl)) {
          depth += c[0].startsWith('{{/') ? -1 : 1;
          if (depth === 0) {
            close = c;
            break;
          }
        }
        if (!close) throw new Error(`unclosed section ${name}`);
        const inner = tpl.slice(tag.lastIndex, close.index);
        const v = lookup(stack, name!);
        if (kind === '^') out += falsy(v) ? run(inner, stack) : '';
        else if (Array.isArray(v)) out += v.map((item) => run(inner, [...stack, item])).join('');
        else if (!falsy(v)) out += run(inner, [...stack, v]);
        i = tag.lastIndex = close.index + close[0].length;
        continue;
      }
      if (kind === '/') throw new Error(`stray close ${name}`);
      out += text(lookup(stack, name!));
      i = tag.lastIndex;
    }
    return out + tpl.slice(i);
  };
  return run(template, [context]);
}

function renderApp(pkg: UniversePackage, options: Json = {}): Obj {
  const context = merge(merge(defaults(pkg.config), options), { resource: pkg.resource as JsonValue });
  const app: Json = JSON.parse(render(fromBase64(pkg.marathon.v2AppMustacheTemplate), context));
  if (!isObj(app)) throw new Error('template did not render an object');
  return app;
}

/** The problems of `value` against `schema` (types, enum, pattern, minimum/maximum, required). */
function problems(schema: JsonSchema, value: Json, path: string): string[] {
  if (value === undefined) return [];
  const out: string[] = [];
  const ok =
    schema.type === undefined ||
    (schema.type === 'object' && isObj(value)) ||
    (schema.type === 'array' && Array.isArray(value)) ||
    (schema.type === 'integer' && Number.isInteger(value)) ||
    (schema.type === 'number' && typeof value === 'number') ||
    (schema.type === 'string' && typeof value === 'string') ||
    (schema.type === 'boolean' && typeof value === 'boolean');
  if (!ok) return [`${path}: ${JSON.stringify(value)} is not ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value as JsonValue)) out.push(`${path}: not in enum`);
  if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern).test(value)) out.push(`${path}: pattern`);
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) out.push(`${path}: < minimum`);
  if (schema.maximum !== undefined && typeof value === 'number' && value > schema.maximum) out.push(`${path}: > maximum`);
  if (isObj(value)) {
    for (const r of schema.required ?? []) if (!(r in (schema.properties ?? {}))) out.push(`${path}: required ${r} undeclared`);
    for (const [k, s] of Object.entries(schema.properties ?? {})) out.push(...problems(s, value[k], `${path}.${k}`));
  }
  if (Array.isArray(value) && schema.items && !Array.isArray(schema.items))
    value.forEach((v, i) => out.push(...problems(schema.items as JsonSchema, v, `${path}[${i}]`)));
  return out;
}

const pkg = (name: string) =>
  UNIVERSE.repository.packages.filter((p) => p.name === name).sort((a, b) => b.releaseVersion - a.releaseVersion)[0]!;
const cfg = (p: UniversePackage) => defaults(p.config) as { [group: string]: Obj };

describe('catalog packages', () => {
  it.each(ALL.map((p) => [`${p.name} ${p.version}`, p] as const))('%s renders to a Marathon app with an id', (_, p) => {
    const app = renderApp(p);
    expect(typeof app.id).toBe('string');
    expect(String(app.id).replace(/^\//, '')).toBe(p.name);
  });

  it.each(ALL.map((p) => [`${p.name} ${p.version}`, p] as const))('%s: config defaults match their schema', (_, p) => {
    expect(p.config.type).toBe('object');
    expect(problems(p.config, defaults(p.config), '')).toEqual([]);
  });

  it('every revision is installable on DC/OS 2.2 and carries icons and a base64 template', () => {
    for (const p of ALL) {
      const [major = 0, minor = 0] = (p.minDcosReleaseVersion ?? '0.0').split('.').map(Number);
      expect(major * 100 + minor).toBeLessThanOrEqual(202);
      expect(p.marathon.v2AppMustacheTemplate).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(p.resource.images?.['icon-small']).toMatch(/^https:\/\//);
    }
  });

  it('names and versions are unique per repository, releaseVersions too', () => {
    for (const repo of [UNIVERSE, DEV_UNIVERSE]) {
      const pkgs = repo.repository.packages;
      expect(new Set(pkgs.map((p) => `${p.name}@${p.version}`)).size).toBe(pkgs.length);
      expect(new Set(pkgs.map((p) => `${p.name}#${p.releaseVersion}`)).size).toBe(pkgs.length);
    }
    expect([...new Set(UNIVERSE.repository.packages.map((p) => p.name))].sort()).toEqual([
      'cassandra',
      'elastic',
      'hdfs',
      'jenkins',
      'kafka',
      'marathon-lb',
      'nginx',
      'spark',
    ]);
  });

  it('SDK schedulers: 1 CPU / 1024 MB, the SDK labels, the service name in env', () => {
    for (const name of ['kafka', 'cassandra', 'hdfs', 'elastic']) {
      const app = renderApp(pkg(name));
      expect([app.cpus, app.mem, app.instances]).toEqual([1, 1024, 1]);
      expect(app.labels).toMatchObject({
        DCOS_COMMONS_API_VERSION: 'v1',
        DCOS_COMMONS_UNINSTALL: 'true',
        DCOS_PACKAGE_FRAMEWORK_NAME: name,
        MARATHON_SINGLE_INSTANCE_APP: 'true',
        DCOS_SERVICE_NAME: name,
        DCOS_SERVICE_PORT_INDEX: '0',
      });
      expect(JSON.stringify(app.env)).toContain(`"PACKAGE_NAME":"${name}"`);
    }
  });
});

describe('PLATFORM.md E.5 catalog defaults', () => {
  it('kafka: 3 brokers × 1.0 CPU, 2048 MB, 5000 MB; MAX_PER 1; serial', () => {
    const c = cfg(pkg('kafka'));
    expect(pkg('kafka').version).toBe('2.10.0-2.4.0');
    expect(c.brokers).toMatchObject({ count: 3, cpus: 1, mem: 2048, disk: 5000 });
    expect(c.service).toMatchObject({ name: 'kafka', placement_constraint: '[["hostname", "MAX_PER", "1"]]', deploy_strategy: 'serial' });
    const env = renderApp(pkg('kafka'), { brokers: { count: 5 } }).env as Obj;
    expect(env).toMatchObject({ BROKER_COUNT: '5', BROKER_CPUS: '1', PLACEMENT_CONSTRAINTS: '[["hostname", "MAX_PER", "1"]]' });
  });
  it('cassandra: 3 nodes × 0.5 CPU, 4096 MB, 10240 MB; MAX_PER 1; ports 9042, 7000/7001, 7199', () => {
    const c = cfg(pkg('cassandra'));
    expect(c.nodes).toMatchObject({ count: 3, cpus: 0.5, mem: 4096, disk: 10240, placement_constraint: '[["hostname", "MAX_PER", "1"]]' });
    expect(c.cassandra).toMatchObject({ native_transport_port: 9042, storage_port: 7000, ssl_storage_port: 7001, jmx_port: 7199 });
  });
  it('hdfs: journal, name, zkfc and 3 data nodes at 0.3 CPU / 2048 MB (5000 MB disk but zkfc); parallel', () => {
    const c = cfg(pkg('hdfs'));
    for (const g of ['journal_node', 'name_node', 'data_node']) expect(c[g]).toMatchObject({ cpus: 0.3, mem: 2048, disk: 5000 });
    expect(c.zkfc_node).toEqual({ cpus: 0.3, mem: 2048 });
    expect(c.data_node!.count).toBe(3);
    expect(c.service!.deploy_strategy).toBe('parallel');
  });
  it('elastic: 3 masters, 2 data, 1 coordinator, 0 ingest; hostname UNIQUE; parallel', () => {
    const c = cfg(pkg('elastic'));
    expect(c.master_nodes).toMatchObject({ cpus: 1, mem: 2048, disk: 2000, placement: '[["hostname", "UNIQUE"]]' });
    expect(c.master_nodes!.count).toBeUndefined();
    expect(c.data_nodes).toMatchObject({ count: 2, cpus: 1, mem: 4096, disk: 10000 });
    expect(c.coordinator_nodes).toMatchObject({ count: 1, cpus: 1, mem: 2048, disk: 1000 });
    expect(c.ingest_nodes).toMatchObject({ count: 0, cpus: 0.5, mem: 2048, disk: 2000 });
    expect(c.service!.deploy_strategy).toBe('parallel');
  });
  it('spark dispatcher 1 CPU / 1024 MB, role *; jenkins master 1.0 / 4096 on slave_public, agents 0.1 / 512', () => {
    expect(cfg(pkg('spark')).service).toMatchObject({ cpus: 1, mem: 1024, role: '*' });
    const spark = renderApp(pkg('spark'));
    expect([spark.cpus, spark.mem, spark.constraints]).toEqual([1, 1024, []]);
    const jenkins = renderApp(pkg('jenkins'));
    expect([jenkins.cpus, jenkins.mem, jenkins.role]).toEqual([1, 4096, 'slave_public']);
    expect(cfg(pkg('jenkins'))['jenkins-agent']).toMatchObject({ 'linux-agent': { cpus: 0.1, mem: 512 } });
  });
  it('marathon-lb (PLATFORM.md B): 2 CPU / 1024 MB on slave_public, ports 80, 443, 9090, 9091, 10000–10100', () => {
    const app = renderApp(pkg('marathon-lb'));
    expect([app.cpus, app.mem, app.instances, app.acceptedResourceRoles, app.requirePorts]).toEqual([2, 1024, 1, ['slave_public'], true]);
    expect(app.args).toEqual(expect.arrayContaining(['sse', '-m', 'http://marathon.mesos:8080', '--health-check', '--group', 'external']));
    const ports = app.ports as number[];
    expect(ports.slice(0, 4)).toEqual([80, 443, 9090, 9091]);
    expect([ports.length, ports.at(-1)]).toEqual([105, 10100]);
    expect((renderApp(pkg('marathon-lb'), { 'marathon-lb': { 'auto-assign-service-ports': true } }).ports as number[]).at(-1)).toBe(10150);
    const noHttp = renderApp(pkg('marathon-lb'), { 'marathon-lb': { 'bind-http-https': false } });
    expect((noHttp.ports as number[])[0]).toBe(9090);
  });
});

describe('bundled repositories', () => {
  it('default: Universe at https://universe.mesosphere.com/repo; lookup by URI; unknown URIs are not bundled', () => {
    expect(DEFAULT_REPOSITORIES.map((r) => [r.name, r.uri])).toEqual([['Universe', 'https://universe.mesosphere.com/repo']]);
    expect(bundledRepository('https://universe.mesosphere.com/repo')).toBe(UNIVERSE);
    expect(bundledRepository('http://universe.marathon.mesos:8085/repo')).toBe(DEV_UNIVERSE);
    expect(bundledRepository('https://example.com/repo')).toBeUndefined();
    expect(UNIVERSE.repository.packages.filter((p) => p.name === 'kafka').map((p) => p.version)).toEqual(['2.9.0-2.4.0', '2.10.0-2.4.0']);
  });
  it('base64 round-trips UTF-8', () => {
    expect(fromBase64(toBase64('{"a":"é ✓"}'))).toBe('{"a":"é ✓"}');
    expect(toBase64('{}')).toBe('e30=');
  });
});
