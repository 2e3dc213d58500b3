/**
 * `dcos quota create|update|get|list|delete`, as dcos-core-cli's quota plugin (DC/OS 2.x) has them:
 * quotas are per Marathon group, named without the leading slash. `create` and `update` send the v1
 * operator call UPDATE_QUOTA with the given limits (`--cpu`, `--mem`, `--disk`, `--gpu`; `--force`
 * skips Mesos' checks), `delete` sends REMOVE_QUOTA, `get` and `list` read `/mesos/roles` (`list`
 * only the roles that are top-level Marathon groups). They print nothing on success.
 */
import { CliError, ok } from '../format.ts';
import { goJson } from '../go.ts';
import { goFixed, renderGoTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';

interface RoleQuota {
  role: string;
  consumed?: Record<string, unknown>;
  guarantee?: Record<string, unknown>;
  limit?: Record<string, unknown>;
}

const LIMIT_FLAGS = ['cpu', 'mem', 'disk', 'gpu'] as const;
/** The resource each flag limits. */
const RESOURCE: Record<(typeof LIMIT_FLAGS)[number], string> = { cpu: 'cpus', mem: 'mem', disk: 'disk', gpu: 'gpus' };

/** Exactly one positional argument, as cobra's `ExactArgs(1)` demands. */
function oneArg(ctx: CommandContext): string {
  if (ctx.args.length !== 1) throw new CliError(`Error: accepts 1 arg(s), received ${ctx.args.length}`);
  return ctx.args[0]!;
}

/** The `--cpu`… flags as pflag's Float64Var reads them; -1 (the default) means "not given". */
function limitFlags(ctx: CommandContext): Record<(typeof LIMIT_FLAGS)[number], number> {
  const out = { cpu: -1, mem: -1, disk: -1, gpu: -1 };
  for (const flag of LIMIT_FLAGS) {
    const raw = ctx.flags[flag];
    if (raw === undefined) continue;
    const text = raw === true ? '' : raw;
    const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
    if (Number.isNaN(value))
      throw new CliError(`Error: invalid argument "${text}" for "--${flag}" flag: strconv.ParseFloat: parsing "${text}": invalid syntax`);
    out[flag] = value;
  }
  return out;
}

/** The quota part of every role in `/mesos/roles`. */
async function roleQuotas(ctx: CommandContext): Promise<RoleQuota[]> {
  const res = await ctx.request({ method: 'GET', path: '/mesos/roles' });
  if (res.status === 503) throw new CliError('Error: could not connect to the leading mesos master');
  if (res.status !== 200) throw new CliError(httpErrorText(res.status));
  const roles = res.body as { roles?: Array<{ quota?: RoleQuota }> };
  return (roles.roles ?? []).map((r) => r.quota ?? { role: '' });
}

/** Top-level Marathon groups without their leading slash (`GroupsWithoutRootSlash`). */
async function groupNames(ctx: CommandContext): Promise<Set<string>> {
  const res = await ctx.request({ method: 'GET', path: '/marathon/v2/groups' });
  if (res.status !== 200) throw new CliError('Error: unable to get Marathon groups');
  const root = res.body as { groups?: Array<{ id: string }> };
  return new Set((root.groups ?? []).map((g) => g.id.replace('/', '')));
}

/** UPDATE_QUOTA with the limits given (a resource left out has no limit). */
async function updateQuota(ctx: CommandContext, name: string, limits: Record<(typeof LIMIT_FLAGS)[number], number>): Promise<void> {
  const given: Record<string, { value: number }> = {};
  for (const flag of LIMIT_FLAGS) if (limits[flag] >= 0) given[RESOURCE[flag]] = { value: limits[flag] };
  const body = {
    type: 'UPDATE_QUOTA',
    update_quota: { force: ctx.flags['force'] === true, quota_configs: [{ role: name, limits: given }] },
  };
  const res = await ctx.request({ method: 'POST', path: '/mesos/api/v1', body });
  if (res.status === 200) return;
  if (res.status === 404) throw new CliError(`Error: could not set quota '${name}'`);
  throw new CliError(httpErrorText(res.status));
}

/** dcos-cli's `httpResponseToError` (an `HTTPError`): the status only, Mesos' reason is not shown. */
const httpErrorText = (status: number): string => `Error: HTTP ${status} error`;

/** `%.0f of %.0f Cores`, `%.0f MiB of %.0f MiB` or `x GiB of y GiB` (GiB as the plugin counts them: 1000 MiB). */
function consumedText(name: string, consumed: number, limit: number): string {
  let desc: string;
  if (name === 'cpus' || name === 'gpus') {
    desc = `${goFixed(consumed, 0)} of ${goFixed(limit, 0)} Cores`;
  } else if (limit < 1000) {
    desc = `${goFixed(consumed, 0)} MiB of ${goFixed(limit, 0)} MiB`;
  } else {
    consumed /= 1000;
    limit /= 1000;
    const short = (x: number) => (x === Math.trunc(x) ? goFixed(x, 0) : goFixed(x, 1));
    desc = `${short(consumed)} GiB of ${short(limit)} GiB`;
  }
  const percent = limit !== 0 ? `${goFixed((consumed * 100) / limit, 2)}% ` : '';
  return `${percent}(${desc})`;
}

const number = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** `get`'s cells: mem and disk in GiB (of 1024 MiB) with one decimal, the rest whole; `-` when absent. */
function valueText(v: unknown, name: string): string {
  if (typeof v !== 'number') return '-';
  return name === 'mem' || name === 'disk' ? `${goFixed(v / 1024, 1)}GiB` : goFixed(v, 0);
}

const LIMIT_OPTIONS = ['force', 'cpu', 'disk', 'gpu', 'mem'];

export const quotaCommands: CommandSpec[] = [
  {
    path: ['quota', 'create'],
    summary: 'Create a quota',
    usage: '<group> [--cpu=<cpus>] [--mem=<MiB>] [--disk=<MiB>] [--gpu=<gpus>] [--force]',
    args: ['text'],
    flags: LIMIT_OPTIONS,
    run: async (ctx) => {
      const name = oneArg(ctx);
      const limits = limitFlags(ctx);
      if (name.includes('/')) throw new CliError(`Error: could not create quota '${name}', quotas cannot be created for subgroups yet`);
      if (LIMIT_FLAGS.every((f) => limits[f] === -1))
        throw new CliError(`Error: could not create quota '${name}', at least one limit has to be given`);
      const [quotas, groups] = await Promise.all([roleQuotas(ctx), groupNames(ctx)]);
      if (!groups.has(name)) throw new CliError(`Error: /${name} is not an existing Marathon group`);
      if (quotas.some((q) => q.role === name && Object.keys(q.limit ?? {}).length > 0))
        throw new CliError(`Error: ${name} is an existing quota, use 'dcos quota update' if you want to update it.`);
      await updateQuota(ctx, name, limits);
      return ok();
    },
  },
  {
    path: ['quota', 'delete'],
    summary: 'Delete a quota',
    usage: '<group>',
    args: ['text'],
    run: async (ctx) => {
      const name = oneArg(ctx);
      const res = await ctx.request({
        method: 'POST',
        path: '/mesos/api/v1',
        body: { type: 'REMOVE_QUOTA', remove_quota: { role: name } },
      });
      if (res.status === 503) throw new CliError('Error: could not connect to the leading mesos master');
      if (res.status !== 200) throw new CliError(httpErrorText(res.status));
      return ok();
    },
  },
  {
    path: ['quota', 'get'],
    summary: 'Get a quota',
    usage: '<group> [--json]',
    args: ['text'],
    flags: ['json'],
    run: async (ctx) => {
      const name = oneArg(ctx);
      const quota = (await roleQuotas(ctx)).find((q) => q.role === name);
      if (quota && ctx.flags['json']) return ok(goJson(goQuota(quota)));
      const rows = Object.keys(quota?.limit ?? {})
        .sort()
        .map((res) => {
          const limit = quota!.limit![res];
          const consumed = quota!.consumed?.[res];
          let used = valueText(consumed, res);
          const limitText = valueText(limit, res);
          if (used !== '-' && limitText !== '-') used = `${goFixed((number(consumed)! * 100) / number(limit)!, 2)}%`;
          return [res, used, limitText];
        });
      return ok(renderGoTable(['RESOURCE', 'CONSUMPTION', 'LIMIT'], rows));
    },
  },
  {
    path: ['quota', 'list'],
    summary: 'List quotas',
    usage: '[--json]',
    flags: ['json'],
    run: async (ctx) => {
      if (ctx.args.length > 0) throw new CliError(`Error: unknown command "${ctx.args[0]}" for "dcos quota list"`);
      const [quotas, groups] = await Promise.all([roleQuotas(ctx), groupNames(ctx)]);
      const listed = quotas.filter((q) => q.role !== '' && groups.has(q.role));
      if (ctx.flags['json']) return ok(goJson(listed.length ? listed.map(goQuota) : null));
      const rows = listed.map((q) => [
        q.role,
        ...['cpus', 'mem', 'disk', 'gpus'].map((res) => {
          const limit = number(q.limit?.[res]);
          return limit === undefined ? 'No limit' : consumedText(res, number(q.consumed?.[res]) ?? 0, limit);
        }),
      ]);
      return ok(renderGoTable(['NAME', 'CPU CONSUMED', 'MEMORY CONSUMED', 'DISK CONSUMED', 'GPU CONSUMED'], rows));
    },
  },
  {
    path: ['quota', 'update'],
    summary: 'Update a quota',
    usage: '<group> [--cpu=<cpus>] [--mem=<MiB>] [--disk=<MiB>] [--gpu=<gpus>] [--force]',
    args: ['text'],
    flags: LIMIT_OPTIONS,
    run: async (ctx) => {
      const name = oneArg(ctx);
      await updateQuota(ctx, name, limitFlags(ctx));
      return ok();
    },
  },
];

/** A quota as the plugin's Go struct encodes it: role, then consumed, guarantee and limit (empty maps left out, keys sorted). */
function goQuota(q: RoleQuota): RoleQuota {
  const sorted = (m: Record<string, unknown> | undefined) =>
    m && Object.keys(m).length
      ? Object.fromEntries(
          Object.keys(m)
            .sort()
            .map((k) => [k, m[k]]),
        )
      : undefined;
  return { role: q.role, consumed: sorted(q.consumed), guarantee: sorted(q.guarantee), limit: sorted(q.limit) };
}
