/** Reads a pod's `volumes` (`PodsValidation.scala`): unique names, each mounted by some container. */
import { list, type Json } from './pod-read-helpers.ts';
import type { Violations } from './violations.ts';

/** The names container `volumeMounts` may refer to. */
export const volumeNamesOf = (volumes: Json[]): string[] => volumes.map((vol) => vol.name as string);

/** A pod or app with a persistent volume is resident: other upgrade and unreachable defaults apply. */
export const hasPersistentVolume = (volumes: Json[]): boolean => volumes.some((vol) => vol.persistent !== undefined);

/** An app container's volumes (none when it has no container or no list). */
export const volumesOf = (container: unknown): Json[] => list((container as Json | undefined)?.volumes);

/** `rawContainers` are the pod's containers as pasted (their `volumeMounts`). */
export function checkVolumes(volumes: Json[], rawContainers: Json[], v: Violations): void {
  const names = volumeNamesOf(volumes);
  if (new Set(names).size !== names.length) v.add('/volumes', 'volume names are unique');
  volumes.forEach((vol, i) => {
    if (!rawContainers.some((c) => list(c.volumeMounts).some((m) => m.name === vol.name)))
      v.add(`/volumes(${i})`, 'volume must be referenced by at least one container');
  });
}
