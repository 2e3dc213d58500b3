/**
 * The secrets a Marathon run spec hands its tasks (PLATFORM.md G.3): the sources of its declared secrets
 * (`"secrets": {"s1": {"source": "db/password"}}`) that an environment variable (`{"secret": "s1"}`), a secret volume
 * (`{"containerPath", "secret": "s1"}`) or an image's `pullConfig` refers to. Marathon puts only referenced secrets in
 * the TaskInfo; the agent resolves them when it launches the container. Validation has already made every reference
 * name a declared secret.
 */
import type { AppDefinition } from '../../common/marathon/app-definition.ts';
import type { PodDefinition } from '../../common/marathon/pod-definition.ts';

export interface SecretReferences {
  /** Environment variable → secret path, for the task's environment view (never the value). */
  env: Record<string, string>;
  /** Every path the container needs resolved, sorted, once each. */
  sources: string[];
}

type Json = Record<string, unknown>;

const asObject = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function collect(declared: Json, environments: Json[], volumes: unknown[], pullConfigs: unknown[]): SecretReferences {
  const sourceOf = (name: unknown): string | null => {
    if (typeof name !== 'string' || !Object.hasOwn(declared, name)) return null;
    const source = asObject(declared[name]).source;
    return typeof source === 'string' && source !== '' ? source : null;
  };
  const env: Record<string, string> = {};
  const sources = new Set<string>();
  for (const environment of environments)
    for (const [variable, value] of Object.entries(environment)) {
      const source = sourceOf(asObject(value).secret);
      if (source === null) continue;
      env[variable] = source;
      sources.add(source);
    }
  for (const holder of [...volumes, ...pullConfigs]) {
    const source = sourceOf(asObject(holder).secret);
    if (source !== null) sources.add(source);
  }
  return { env, sources: [...sources].sort() };
}

export function appSecretReferences(app: AppDefinition): SecretReferences {
  const container = asObject(app.container);
  return collect(asObject(app.extra.secrets), [app.env], asList(container.volumes), [asObject(container.docker).pullConfig]);
}

export function podSecretReferences(pod: PodDefinition): SecretReferences {
  const containers = pod.containers.map((c) => c.extra);
  return collect(
    asObject(pod.extra.secrets),
    [asObject(pod.extra.environment), ...containers.map((c) => asObject(c.environment))],
    asList(pod.extra.volumes),
    containers.map((c) => asObject(c.image).pullConfig),
  );
}
