/**
 * The app form's Network section: the network mode (`networks`), and the ports as Marathon has them
 * for it: `portDefinitions` on the host's network, `container.portMappings` on a bridge or a virtual
 * network, each with an optional VIP (its `VIP_<index>` label). The rest of each port (other labels,
 * `networkNames`) and of the definition is kept; Marathon's 422 details land on the port's fields.
 */
import { vipDnsName } from '../../../common/network/vip.ts';
import { numberOrText, textOf, type Json } from './form-fields.ts';
import { isObject } from './marathon-read.ts';

export type NetworkMode = 'host' | 'bridge' | 'container';

export const NETWORK_MODES: ReadonlyArray<{ id: NetworkMode; label: string }> = [
  { id: 'host', label: 'Host' },
  { id: 'bridge', label: 'Bridge' },
  { id: 'container', label: 'Virtual network' },
];

export const PROTOCOLS = ['tcp', 'udp', 'udp,tcp'] as const;

/** One port as its inputs hold it; `port` on the host's network, the three others on a container's. */
export interface PortRow {
  port: string;
  containerPort: string;
  /** Empty: no host port (a virtual network) or any (a bridge, where Marathon makes it 0); 0: any. */
  hostPort: string;
  servicePort: string;
  name: string;
  protocol: string;
  /** `VIP_<index>`'s value: `/web:80`; a bare port (`80`) becomes `/<app id>:80`. */
  vip: string;
  /** The port as it was read (JSON text), so what the form does not show survives. */
  extra: string;
}

export interface NetworkForm {
  mode: NetworkMode;
  /** The virtual network's name (`dcos`). */
  name: string;
  ports: PortRow[];
}

export const DEFAULT_NETWORK = 'dcos';
const VIP_LABEL = /^VIP_\d+$/;

function modeOf(json: Json): { mode: NetworkMode; name: string } {
  const first = Array.isArray(json.networks) ? json.networks.find(isObject) : undefined;
  if (first?.mode === 'container/bridge') return { mode: 'bridge', name: DEFAULT_NETWORK };
  if (first?.mode === 'container') return { mode: 'container', name: textOf(first.name) };
  return { mode: 'host', name: DEFAULT_NETWORK };
}

function vipOf(port: Json): string {
  const labels = isObject(port.labels) ? port.labels : {};
  const key = Object.keys(labels).find((k) => VIP_LABEL.test(k));
  return key ? textOf(labels[key]) : '';
}

export function emptyPort(): PortRow {
  return { port: '', containerPort: '', hostPort: '', servicePort: '', name: '', protocol: 'tcp', vip: '', extra: '{}' };
}

function rowOf(port: Json, host: boolean): PortRow {
  return {
    ...emptyPort(),
    port: host ? textOf(port.port) : '',
    containerPort: host ? '' : textOf(port.containerPort),
    hostPort: host ? '' : textOf(port.hostPort),
    servicePort: host ? '' : textOf(port.servicePort),
    name: textOf(port.name),
    protocol: textOf(port.protocol) || 'tcp',
    vip: vipOf(port),
    extra: JSON.stringify(port),
  };
}

export function networkFromJson(json: Json): NetworkForm {
  const { mode, name } = modeOf(json);
  const container = isObject(json.container) ? json.container : {};
  const list = mode === 'host' ? json.portDefinitions : container.portMappings;
  const ports = Array.isArray(list) ? list.filter(isObject).map((p) => rowOf(p, mode === 'host')) : [];
  return { mode, name, ports };
}

/**
 * Another mode chosen: the ports stay, their numbers carried over (a host port becomes the container's
 * port and back); a virtual network gets its default name when it had none.
 */
export function switchMode(form: NetworkForm, mode: NetworkMode): NetworkForm {
  const toHost = mode === 'host' && form.mode !== 'host';
  const fromHost = mode !== 'host' && form.mode === 'host';
  const ports = form.ports.map((p) => {
    if (toHost) return { ...p, port: p.port || p.containerPort };
    if (fromHost) return { ...p, containerPort: p.containerPort || p.port };
    return { ...p };
  });
  return { mode, name: form.name.trim() === '' ? DEFAULT_NETWORK : form.name, ports };
}

/** The label's value for what was typed: `80` or `:80` → `/<app id without its leading slash>:80`; anything else as typed. */
export function vipValue(typed: string, appId: string): string {
  const t = typed.trim();
  const bare = /^:?(\d+)$/.exec(t);
  return bare ? `/${appId.trim().replace(/^\/+/, '')}:${bare[1]}` : t;
}

/** The DNS name a VIP label is reached at: `/myapp:80` → `myapp.marathon.l4lb.thisdcos.directory:80`; null when it is no `name:port`. */
export function vipDnsHint(value: string): string | null {
  const cut = value.lastIndexOf(':');
  if (cut <= 0) return null;
  const label = value.slice(0, cut).replace(/\//g, '');
  const port = value.slice(cut + 1);
  if (!/^\d+$/.test(port) || label.trim() === '') return null;
  // An address VIP (`10.0.0.1:80`) is reached at its address, not a name.
  if (/^\d+\.\d+\.\d+\.\d+$/.test(label)) return null;
  const name = vipDnsName(label, 'marathon');
  return name.startsWith('.') ? null : `${name}:${port}`;
}

function parseExtra(extra: string): Json {
  try {
    const v: unknown = JSON.parse(extra);
    return isObject(v) ? v : {};
  } catch {
    return {};
  }
}

function setOrDrop(out: Json, key: string, text: string, asNumber: boolean): void {
  if (text.trim() === '') delete out[key];
  else out[key] = asNumber ? numberOrText(text) : text.trim();
}

function portJson(row: PortRow, index: number, host: boolean, appId: string): Json {
  const out: Json = parseExtra(row.extra);
  if (host) {
    setOrDrop(out, 'port', row.port, true);
    for (const k of ['containerPort', 'hostPort', 'servicePort']) delete out[k];
  } else {
    setOrDrop(out, 'containerPort', row.containerPort, true);
    setOrDrop(out, 'hostPort', row.hostPort, true);
    setOrDrop(out, 'servicePort', row.servicePort, true);
    delete out.port;
  }
  setOrDrop(out, 'name', row.name, false);
  out.protocol = row.protocol || 'tcp';
  const labels: Json = {};
  for (const [k, v] of Object.entries(isObject(out.labels) ? out.labels : {})) if (!VIP_LABEL.test(k)) labels[k] = v;
  if (row.vip.trim() !== '') labels[`VIP_${index}`] = vipValue(row.vip, appId);
  if (Object.keys(labels).length > 0) out.labels = labels;
  else delete out.labels;
  return out;
}

function networksJson(form: NetworkForm): Json[] {
  if (form.mode === 'host') return [{ mode: 'host' }];
  if (form.mode === 'bridge') return [{ mode: 'container/bridge' }];
  return [{ mode: 'container', name: form.name.trim() }];
}

/** The network and ports written into `out` (the definition with the form's other fields; `base` as it was opened). */
export function withNetwork(out: Json, form: NetworkForm, base: Json): void {
  const was = modeOf(base);
  const same = was.mode === form.mode && (form.mode !== 'container' || was.name === form.name.trim());
  // Unchanged: the networks as they were (several virtual networks, their labels); none given and host is Marathon's default.
  if (!same || base.networks !== undefined || form.mode !== 'host') {
    if (same && Array.isArray(base.networks)) out.networks = base.networks;
    else out.networks = networksJson(form);
  }
  const appId = typeof out.id === 'string' ? out.id : '';
  const host = form.mode === 'host';
  const ports = form.ports.map((row, i) => portJson(row, i, host, appId));
  const container: Json = isObject(out.container) ? { ...out.container } : {};
  if (host) {
    // No port given and none before: Marathon's default (one port, any host port).
    if (ports.length > 0 || base.portDefinitions !== undefined) out.portDefinitions = ports;
    // Mappings left from another mode go; a container that held nothing else goes with them.
    if (container.portMappings !== undefined) {
      delete container.portMappings;
      if (Object.keys(container).every((k) => k === 'type' || k === 'volumes') && !hasVolumes(container)) delete out.container;
      else out.container = container;
    }
    return;
  }
  delete out.portDefinitions;
  delete out.ports;
  container.type ??= 'MESOS';
  container.portMappings = ports;
  out.container = container;
}

function hasVolumes(container: Json): boolean {
  return Array.isArray(container.volumes) && container.volumes.length > 0;
}

/** A port's field a 422 detail names: Marathon's field → the row's input. */
const PORT_FIELD: Record<string, keyof PortRow> = {
  port: 'port',
  containerPort: 'containerPort',
  hostPort: 'hostPort',
  servicePort: 'servicePort',
  name: 'name',
  protocol: 'protocol',
  labels: 'vip',
};

/** The network section's places for errors: the mode, the network's name, the ports as a whole, one port, a port's field. */
export type NetworkFieldKey = 'networkMode' | 'networkName' | 'ports' | `port(${number})` | `port(${number})/${keyof PortRow}`;

/** Where a 422 detail on the networking goes (`path` as Marathon writes it); undefined: not the network section's. */
export function placeNetworkError(path: string, message: string): NetworkFieldKey | undefined {
  if (/^\/networks\(\d+\)\/name$/.test(path)) return 'networkName';
  if (/^\/networks(\(|\/|$)/.test(path)) return 'networkMode';
  if (/^\/(ports|portDefinitions|container\/portMappings|container\/docker\/portMappings)$/.test(path)) return 'ports';
  const one = /^\/(?:portDefinitions|container\/portMappings|container\/docker\/portMappings)\((\d+)\)(?:\/([^/(]+))?/.exec(path);
  if (one) {
    const field = one[2] ? PORT_FIELD[one[2]] : undefined;
    return field ? `port(${Number(one[1])})/${field}` : `port(${Number(one[1])})`;
  }
  if (path === '/' && /\bports?\b|port definitions|portMappings/i.test(message)) return 'ports';
  if (path === '/' && /network|ipAddress/i.test(message)) return 'networkMode';
  return undefined;
}
