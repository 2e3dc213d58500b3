/**
 * A pod's secrets and what refers to them (`PodsValidation.podValidator`, `imageValidator`, `EnvVarValidation`):
 * with the `secrets` feature off (open DC/OS), a pod may declare no secret, mount no secret volume, take no secret
 * reference in its environment and give no image `pullConfig`; with it on, every reference names a declared secret.
 * The paths of secret volumes follow the app rules' (`/container/secretVolumes(container)`), inferred.
 */
import { list, obj, type Json } from './pod-read-helpers.ts';
import type { Violations } from './violations.ts';

const SECRETS_OFF = 'Feature secrets is not enabled. Enable with --enable_features secrets)';

export function podSecretViolations(json: Json, features: readonly string[], v: Violations): void {
  const on = features.includes('secrets');
  const secrets = obj(json.secrets);
  const declared = (name: unknown) => typeof name === 'string' && Object.hasOwn(secrets, name);
  environmentRules(obj(json.environment), '/environment', on, declared, v);
  const volumes = list(json.volumes).map(obj);
  if (volumes.some((vol) => vol.secret !== undefined) && !on) {
    v.add('/podSecretVolumes(pod)', 'must be empty');
    v.add('/podSecretVolumes(pod)', SECRETS_OFF);
  }
  volumes.forEach((vol, i) => {
    if (vol.secret !== undefined && !declared(vol.secret)) v.add(`/volumes(${i})`, 'volume.secret must refer to an existing secret');
  });
  list(json.containers).forEach((raw, i) => {
    const container = obj(raw);
    environmentRules(obj(container.environment), `/containers(${i})/environment`, on, declared, v);
    const pullConfig = obj(container.image).pullConfig;
    if (pullConfig === undefined) return;
    const at = `/containers(${i})/image/pullConfig`;
    if (!on) {
      v.add(at, 'must be empty');
      v.add(at, SECRETS_OFF);
    }
    if (!declared(obj(pullConfig).secret)) v.add(at, 'pullConfig.secret must refer to an existing secret');
  });
  if (Object.keys(secrets).length > 0 && !on) {
    v.add('/secrets', 'must be empty');
    v.add('/secrets', SECRETS_OFF);
  }
}

function environmentRules(env: Json, at: string, on: boolean, declared: (name: unknown) => boolean, v: Violations): void {
  const references = Object.entries(env).filter(([, value]) => obj(value).secret !== undefined);
  if (references.length > 0 && !on) v.add(at, 'use of secret-references in the environment requires the secrets feature to be enabled');
  for (const [name, value] of references) if (!declared(obj(value).secret)) v.add(`${at}/${name}/secret`, 'references an undefined secret');
}
