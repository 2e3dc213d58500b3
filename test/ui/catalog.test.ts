/**
 * The Catalog page's logic: a package's config schema as the install form (sections, fields by type, defaults, checks),
 * Cosmos' JsonSchemaMismatch placed at the fields, the default resources, and the page's routes; the Edit of a
 * package's service: its options over the defaults, Cosmos' service describe and update as the DC/OS UI sends them.
 */
import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../../src/api/types.ts';
import { isPackageService } from '../../src/ui/pages/services/actions.ts';
import { readApp } from '../../src/ui/pages/services/marathon-read.ts';
import { editHref, parseServicesHash } from '../../src/ui/pages/services/services-route.ts';
import {
  cosmosFieldErrors,
  defaultsOf,
  formStateOf,
  getAt,
  labelOf,
  parseInput,
  sectionsOf,
  setAt,
  validate,
  type Schema,
} from '../../src/ui/pages/catalog/schema-form.ts';
import { CatalogClient, defaultResources, versionsNewestFirst } from '../../src/ui/pages/catalog/catalog-client.ts';
import { deployHref, packageHref, parseCatalogHash, serviceHref } from '../../src/ui/pages/catalog/catalog-route.ts';

/** A cut-down Universe kafka config.json (mesosphere/universe repo/packages/K/kafka/1200/config.json). */
const KAFKA: Schema = {
  type: 'object',
  properties: {
    service: {
      type: 'object',
      description: 'DC/OS service configuration properties',
      properties: {
        name: {
          type: 'string',
          default: 'kafka',
          pattern: '^(\\/?((\\.\\.)|(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9]))?($|\\/))+$',
          description: 'The name of the service instance',
        },
        deploy_strategy: { type: 'string', enum: ['serial', 'parallel'], default: 'serial' },
        sleep: { type: 'integer', default: 1000, minimum: 0 },
        virtual_network_enabled: { type: 'boolean', default: false },
        security: {
          type: 'object',
          properties: { kerberos: { type: 'object', properties: { enabled: { type: 'boolean', default: false } } } },
        },
      },
      required: ['name'],
    },
    brokers: {
      type: 'object',
      properties: {
        count: { type: 'integer', default: 3, minimum: 1 },
        cpus: { type: 'number', default: 1, minimum: 0.1 },
        mem: { type: 'integer', default: 2048 },
        disk: { type: 'integer', default: 5000 },
        placement_constraint: { type: 'array', default: [['hostname', 'MAX_PER', '1']] },
      },
    },
    extra: { type: 'string' },
  },
};

describe('schema → form', () => {
  it('makes a section per top-level object, loose properties under General first', () => {
    const sections = sectionsOf(KAFKA);
    expect(sections.map((s) => [s.id, s.label])).toEqual([
      ['section-general', 'General'],
      ['section-service', 'Service'],
      ['section-brokers', 'Brokers'],
    ]);
    expect(sections[1]!.description).toBe('DC/OS service configuration properties');
  });

  it('maps each property to a field by type, with its description, limits and required mark', () => {
    const service = sectionsOf(KAFKA)[1]!.fields;
    expect(service.map((f) => [f.label, f.kind])).toEqual([
      ['Name', 'string'],
      ['Deploy Strategy', 'choice'],
      ['Sleep', 'integer'],
      ['Virtual Network Enabled', 'boolean'],
      ['Security', 'group'],
    ]);
    expect(service[0]).toMatchObject({
      path: ['service', 'name'],
      id: 'field-service-name',
      required: true,
      description: 'The name of the service instance',
    });
    expect(service[1]!.choices).toEqual(['serial', 'parallel']);
    expect(service[2]).toMatchObject({ minimum: 0 });
    expect(service[4]!.fields![0]!.fields![0]).toMatchObject({ path: ['service', 'security', 'kerberos', 'enabled'], kind: 'boolean' });
    expect(sectionsOf(KAFKA)[2]!.fields.find((f) => f.label === 'Placement Constraint')!.kind).toBe('json');
  });

  it('labels: the title when there is one', () => {
    expect(labelOf('x', { title: 'Nice name' })).toBe('Nice name');
    expect(labelOf('kafka-role')).toBe('Kafka Role');
  });

  it('starts from the defaults, nested', () => {
    expect(defaultsOf(KAFKA)).toEqual({
      service: {
        name: 'kafka',
        deploy_strategy: 'serial',
        sleep: 1000,
        virtual_network_enabled: false,
        security: { kerberos: { enabled: false } },
      },
      brokers: { count: 3, cpus: 1, mem: 2048, disk: 5000, placement_constraint: [['hostname', 'MAX_PER', '1']] },
    });
  });

  it('sets a value by path without touching the rest; reads it back; a number field reads numbers', () => {
    const v = defaultsOf(KAFKA)!;
    const next = setAt(v, ['brokers', 'count'], 5);
    expect(getAt(next, ['brokers', 'count'])).toBe(5);
    expect(getAt(v, ['brokers', 'count'])).toBe(3);
    expect(setAt({}, ['a', 'b'], 1)).toEqual({ a: { b: 1 } });
    expect(setAt({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
    const count = sectionsOf(KAFKA)[2]!.fields[0]!;
    expect(parseInput(count, '7')).toBe(7);
    expect(parseInput(count, '')).toBeUndefined();
    expect(parseInput(count, 'x')).toBe('x');
  });

  it('checks type, enum, minimum and pattern, and required keys, at their paths', () => {
    expect(validate(KAFKA, defaultsOf(KAFKA))).toEqual([]);
    let v = setAt(defaultsOf(KAFKA), ['brokers', 'count'], 0);
    v = setAt(v, ['service', 'deploy_strategy'], 'random');
    v = setAt(v, ['service', 'name'], 'Bad Name');
    v = setAt(v, ['brokers', 'mem'], 'lots');
    expect(validate(KAFKA, v)).toEqual([
      { path: ['service', 'name'], message: expect.stringContaining('Must match the pattern') },
      { path: ['service', 'deploy_strategy'], message: 'Must be one of: serial, parallel' },
      { path: ['brokers', 'count'], message: 'Must be at least 1' },
      { path: ['brokers', 'mem'], message: 'Expected integer, got "lots"' },
    ]);
    expect(validate(KAFKA, setAt(defaultsOf(KAFKA), ['service', 'name'], undefined))).toEqual([
      { path: ['service', 'name'], message: 'Required' },
    ]);
  });

  it("places Cosmos' JsonSchemaMismatch reports at the fields (instance.pointer, missing keys)", () => {
    expect(
      cosmosFieldErrors({
        errors: [
          {
            level: 'error',
            instance: { pointer: '/brokers/count' },
            keyword: 'minimum',
            message: 'numeric instance is lower than the required minimum (minimum: 1, found: 0)',
          },
          {
            level: 'error',
            instance: { pointer: '/service' },
            keyword: 'required',
            message: 'object has missing required properties (["name"])',
            missing: ['name'],
          },
          'junk',
        ],
      }),
    ).toEqual([
      { path: ['brokers', 'count'], message: 'numeric instance is lower than the required minimum (minimum: 1, found: 0)' },
      { path: ['service', 'name'], message: 'object has missing required properties (["name"])' },
    ]);
    expect(cosmosFieldErrors(undefined)).toEqual([]);
  });
});

describe('package details', () => {
  it('lists the resources the defaults ask for, per group', () => {
    expect(defaultResources(KAFKA)).toEqual([{ group: 'brokers', count: 3, cpus: 1, mem: 2048, disk: 5000 }]);
    expect(defaultResources(undefined)).toEqual([]);
  });

  it('orders versions newest first by release', () => {
    expect(versionsNewestFirst({ '2.9.0-2.4.0': '1100', '2.10.0-2.4.0': '1200', '1.0': '9' })).toEqual([
      '2.10.0-2.4.0',
      '2.9.0-2.4.0',
      '1.0',
    ]);
  });
});

describe('catalog routes', () => {
  it('reads the list, a package (version, appId) and its install form', () => {
    expect(parseCatalogHash('#/catalog')).toEqual({ view: 'list' });
    expect(parseCatalogHash('#/catalog/packages/kafka?version=2.10.0-2.4.0')).toEqual({
      view: 'detail',
      name: 'kafka',
      version: '2.10.0-2.4.0',
      appId: '',
    });
    expect(parseCatalogHash('#/catalog/packages/kafka?appId=%2Fkafka')).toMatchObject({ appId: '/kafka' });
    expect(parseCatalogHash('#/catalog/packages/kafka/deploy?version=1')).toEqual({ view: 'deploy', name: 'kafka', version: '1' });
    expect(parseCatalogHash('#/catalog/packages/%E0')).toEqual({ view: 'list' });
  });

  it('writes them back', () => {
    expect(packageHref('kafka', '2.10.0-2.4.0')).toBe('#/catalog/packages/kafka?version=2.10.0-2.4.0');
    expect(packageHref('kafka', '1', '/kafka')).toBe('#/catalog/packages/kafka?version=1&appId=%2Fkafka');
    expect(deployHref('kafka')).toBe('#/catalog/packages/kafka/deploy');
    expect(serviceHref('/prod/kafka')).toBe('#/services/detail/%2Fprod%2Fkafka');
  });
});

describe('Edit of a package’s service', () => {
  it('is for an app labelled DCOS_PACKAGE_DEFINITION or DCOS_PACKAGE_METADATA (dcos-ui EditServiceModal)', () => {
    const app = (labels: Record<string, string>) => readApp({ id: '/kafka', instances: 1, labels })!;
    expect(isPackageService(app({ DCOS_PACKAGE_DEFINITION: 'e30=', DCOS_PACKAGE_NAME: 'kafka' }))).toBe(true);
    expect(isPackageService(app({ DCOS_PACKAGE_METADATA: 'e30=' }))).toBe(true);
    expect(isPackageService(app({}))).toBe(false);
  });

  it('has its own page under the service’s', () => {
    expect(editHref('/prod/kafka')).toBe('#/services/detail/%2Fprod%2Fkafka/edit');
    expect(parseServicesHash(editHref('/prod/kafka'))).toEqual({ view: 'edit', appId: '/prod/kafka' });
  });

  it('fills the form with the schema’s defaults under the service’s options (getDefaultFormState)', () => {
    const value = formStateOf(KAFKA, { brokers: { count: 4 }, service: { name: 'kafka-a' }, extra: [1] });
    expect(value).toMatchObject({
      service: { name: 'kafka-a', deploy_strategy: 'serial', sleep: 1000 },
      brokers: { count: 4, cpus: 1, mem: 2048, disk: 5000 },
      extra: [1],
    });
    expect(formStateOf(KAFKA, undefined)).toEqual(defaultsOf(KAFKA));
  });

  it('reads and updates the service through /cosmos/service/* with the service media types, replace: true', async () => {
    const sent: ApiRequest[] = [];
    const client = new CatalogClient(async (req) => {
      sent.push(req);
      if (req.path === '/cosmos/service/describe') return { status: 200, body: { package: { name: 'kafka' }, resolvedOptions: {} } };
      return { status: 400, body: { type: 'JsonSchemaMismatch', message: 'Options JSON failed validation', data: { errors: [] } } };
    });
    const described = await client.describeService('/kafka');
    expect(described.ok).toBe(true);
    const updated = await client.updateService('/kafka', { brokers: { count: 4 } });
    expect(updated).toEqual({
      ok: false,
      problem: { status: 400, type: 'JsonSchemaMismatch', message: 'Options JSON failed validation', data: { errors: [] } },
    });
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/cosmos/service/describe',
        body: { appId: '/kafka' },
        headers: {
          'Content-Type': 'application/vnd.dcos.service.describe-request+json;charset=utf-8;version=v1',
          Accept: 'application/vnd.dcos.service.describe-response+json;charset=utf-8;version=v1',
        },
      },
      {
        method: 'POST',
        path: '/cosmos/service/update',
        body: { appId: '/kafka', options: { brokers: { count: 4 } }, replace: true },
        headers: {
          'Content-Type': 'application/vnd.dcos.service.update-request+json;charset=utf-8;version=v1',
          Accept: 'application/vnd.dcos.service.update-response+json;charset=utf-8;version=v1',
        },
      },
    ]);
  });
});
