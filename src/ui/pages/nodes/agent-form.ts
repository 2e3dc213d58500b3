/** The Add agent dialog's form: defaults from the cluster, and the POST /sandbox/v1/agents body it sends. */
import type { ApiResponse } from '../../../api/types.ts';
import type { NewAgentBody, SandboxAgent } from '../../../api/shapes/sandbox.ts';

export const AGENT_FIELDS = [
  { key: 'cpus', label: 'CPUs', step: 'any' },
  { key: 'mem', label: 'Memory (MiB)', step: 'any' },
  { key: 'disk', label: 'Disk (MiB)', step: 'any' },
  { key: 'gpus', label: 'GPUs', step: '1' },
] as const;

export type AgentField = (typeof AGENT_FIELDS)[number]['key'];

/** What the user typed (a number field may bind a number, or null when blank): blank fields take the cluster's defaults. */
export interface AgentForm {
  public: boolean;
  hostname: string;
  resources: Record<AgentField, string | number | null>;
}

/** The form filled with what an empty POST would install. */
export function formOf(defaults: SandboxAgent): AgentForm {
  const r = defaults.resources;
  return {
    public: defaults.public,
    hostname: defaults.hostname,
    resources: { cpus: String(r.cpus), mem: String(r.mem), disk: String(r.disk), gpus: String(r.gpus) },
  };
}

/** The request body, or what is wrong with the form (the API checks everything again). */
export function bodyOf(form: AgentForm): NewAgentBody | string {
  const body: NewAgentBody = { public: form.public };
  const hostname = form.hostname.trim();
  if (hostname !== '') body.hostname = hostname;
  const resources: NonNullable<NewAgentBody['resources']> = {};
  for (const { key, label } of AGENT_FIELDS) {
    const text = String(form.resources[key] ?? '').trim();
    if (text === '') continue;
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) return `${label}: enter a number of at least 0`;
    if (key === 'gpus' && !Number.isInteger(n)) return `${label}: enter a whole number`;
    resources[key] = n;
  }
  if (Object.keys(resources).length > 0) body.resources = resources;
  return body;
}

/** The reason an API answer gives (`{message}` or text). */
export function answerMessage(res: ApiResponse): string {
  const body = res.body;
  if (typeof body === 'string' && body !== '') return body;
  if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string')
    return (body as { message: string }).message;
  return `HTTP ${res.status}`;
}
