/**
 * Service ports (`AssignDynamicServiceLogic.scala`): an app's port 0 (a port definition's `port`, or a port
 * mapping's `servicePort`) becomes a port of --local_port_min…--local_port_max that no app of the old or the new
 * definitions uses, the lowest first; a changed app first gets back the ports its old version had.
 */
import type { AppDefinition } from '../../common/marathon/app-definition.ts';
import type { Definition, MarathonState } from './model.ts';

type Json = Record<string, unknown>;

interface Change {
  id: string;
  before: Definition | null;
  after: Definition | null;
}

const mappingsOf = (app: AppDefinition): Json[] =>
  Array.isArray(app.container?.portMappings) ? (app.container.portMappings as Json[]) : [];

/** The app's service ports: its port mappings' when it has any, else its port definitions'. */
export function servicePortsOf(app: AppDefinition): number[] {
  const mappings = mappingsOf(app);
  if (mappings.length > 0) return mappings.map((m) => (typeof m.servicePort === 'number' ? m.servicePort : 0));
  return app.portDefinitions.map((p) => p.port);
}

/** The changes with every new or changed app's dynamic service ports assigned (the apps are copies). */
export function assignServicePorts<C extends Change>(m: MarathonState, changes: C[]): C[] {
  const used = new Set<number>();
  for (const record of Object.values(m.runSpecs)) if (record.app) for (const p of servicePortsOf(record.app)) used.add(p);
  for (const c of changes) if (c.after?.kind === 'app') for (const p of servicePortsOf(c.after.app)) used.add(p);
  const { local_port_min: min, local_port_max: max } = m.config.flags;
  let next = min;
  const fresh = (): number | undefined => {
    while (next <= max && used.has(next)) next++;
    return next <= max ? next++ : undefined;
  };
  return changes.map((c) => {
    if (c.after?.kind !== 'app') return c;
    const ports = servicePortsOf(c.after.app);
    if (!ports.includes(0)) return c;
    const before = c.before?.kind === 'app' ? servicePortsOf(c.before.app) : [];
    const reusable = before.filter((p) => p >= min && p <= max && !ports.includes(p));
    // Left at 0 when the range is used up (Marathon refuses the change then; 10,001 ports are hard to use up).
    const assigned = ports.map((p) => (p !== 0 ? p : (reusable.shift() ?? fresh() ?? 0)));
    return { ...c, after: { kind: 'app', app: withServicePorts(c.after.app, assigned) } };
  });
}

function withServicePorts(app: AppDefinition, ports: number[]): AppDefinition {
  const mappings = mappingsOf(app);
  if (mappings.length > 0)
    return { ...app, container: { ...app.container, portMappings: mappings.map((m, i) => ({ ...m, servicePort: ports[i] })) } };
  return { ...app, portDefinitions: app.portDefinitions.map((p, i) => ({ ...p, port: ports[i]! })) };
}
