/**
 * `dcos marathon debug list|summary|details` and `dcos marathon about`: Go commands in dcos-core-cli 2.2
 * (`pkg/cmd/marathon/debug/debug_{list,summary,details}.go`, `pkg/cmd/marathon/marathon_about.go`).
 */
import type { MarathonApp, MarathonQueue, OfferRejectReason, QueueEntry, UnusedOffer } from '../../api/shapes/marathon.ts';
import type { MarathonPod } from '../../api/shapes/marathon-definitions.ts';
import { goError, httpError, ok } from '../format.ts';
import { checkArgs, goFloat, goJson, project, sortedKeys, type GoType } from '../go.ts';
import { MARATHON_APP } from '../go-marathon-shapes.ts';
import { EMPTY_ENTRY, goFixed, renderGoTable } from '../table.ts';
import type { CommandContext, CommandSpec } from '../types.ts';
import { goMarathon, MARATHON, queue } from './marathon-client.ts';

/** The reasons Marathon gives for an offer it did not use, as the debug tables name them. */
const REASONS: OfferRejectReason[] = [
  'UnfulfilledRole',
  'UnfulfilledConstraint',
  'InsufficientCpus',
  'InsufficientMemory',
  'InsufficientDisk',
  'InsufficientPorts',
];

/** go-marathon's queue `Item`, for `debug list --json`. */
const QUEUE_ITEM: GoType = {
  struct: [
    ['count', 'number'],
    [
      'delay',
      {
        struct: [
          ['overdue', 'bool'],
          ['timeLeftSeconds', 'number'],
        ],
      },
    ],
    ['app', { ptr: MARATHON_APP }],
    ['pod', { ptr: 'raw' }],
    ['role', 'string'],
    ['since', 'string'],
    [
      'processedOffersSummary',
      {
        struct: [
          ['processedOffersCount', 'number'],
          ['unusedOffersCount', 'number'],
          ['lastUnusedOfferAt', { ptr: 'string' }, true],
          ['lastUsedOfferAt', { ptr: 'string' }, true],
          ['rejectSummaryLastOffers', { slice: 'raw' }, true],
          ['rejectSummaryLaunchAttempt', { slice: 'raw' }, true],
        ],
      },
    ],
    ['lastUnusedOffers', { slice: 'raw' }, true],
  ],
};

/** `lastUnusedOffers`: go-marathon's nil slice when Marathon left it out. */
const unusedOffers = (entry: QueueEntry): UnusedOffer[] => entry.lastUnusedOffers ?? [];

const idOf = (entry: QueueEntry) => entry.app?.id ?? entry.pod?.id ?? '';

async function debugList(ctx: CommandContext) {
  const entries = ((await goMarathon(ctx.request, 'GET', '/queue')) as MarathonQueue).queue ?? [];
  if (ctx.flags['json']) return ok(goJson(entries.map((e) => project(e, QUEUE_ITEM))));
  const rows = entries.map((e) => {
    const summary = e.processedOffersSummary;
    return [
      idOf(e),
      e.since,
      String(e.count),
      String(e.delay.overdue),
      String(summary.processedOffersCount),
      String(summary.unusedOffersCount),
      summary.lastUnusedOfferAt ?? EMPTY_ENTRY,
      summary.lastUsedOfferAt ?? EMPTY_ENTRY,
    ];
  });
  rows.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  const headers = [
    'ID',
    'SINCE',
    'INSTANCES TO LAUNCH',
    'WAITING',
    'PROCESSED OFFERS',
    'UNUSED OFFERS',
    'LAST UNUSED OFFER',
    'LAST USED OFFER',
  ];
  return ok(renderGoTable(headers, rows));
}

/** `--json` of summary and details: the raw queue entry (every object a map, keys sorted), or nothing. */
async function rawEntry(ctx: CommandContext, id: string) {
  const res = await ctx.request({ method: 'GET', path: `${MARATHON}/queue?embed=lastUnusedOffers` });
  if (res.status !== 200) throw httpError(res);
  const found = ((res.body as MarathonQueue).queue ?? []).find((e) => e.app?.id === id || e.pod?.id === id);
  return ok(found ? goJson(sortedKeys(found)) : '');
}

const findEntry = async (ctx: CommandContext, id: string): Promise<QueueEntry | undefined> =>
  ((await queue(ctx.request, true)).queue ?? []).find((e) => e.app?.id === id || e.pod?.id === id);

/** Go's `%v` of a slice of string slices: `[[hostname UNIQUE]]`. */
const constraintsText = (c: unknown) =>
  Array.isArray(c) ? `[${c.map((row) => (Array.isArray(row) ? `[${row.join(' ')}]` : '')).join(' ')}]` : EMPTY_ENTRY;

/** A pod's constraints as Go's `%v` shows its `[]Constraint` structs: `[{hostname UNIQUE }]`. */
function podConstraintsText(pod: MarathonPod): string {
  const list = pod.scheduling?.placement?.constraints;
  if (!Array.isArray(list)) return EMPTY_ENTRY;
  return `[${list.map((c) => `{${c.fieldName ?? ''} ${c.operator ?? ''} ${c.value ?? ''}}`).join(' ')}]`;
}

const floatOrEmpty = (n: unknown) => (typeof n === 'number' ? goFloat(n) : EMPTY_ENTRY);

async function debugSummary(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos marathon debug summary');
  const id = ctx.args[0]!;
  if (ctx.flags['json']) return rawEntry(ctx, id);
  const entry = await findEntry(ctx, id);
  if (!entry) throw goError('no apps found in Marathon queue');
  const offers = unusedOffers(entry);
  const matched = new Map(REASONS.map((r) => [r, offers.length]));
  for (const offer of offers)
    for (const reason of offer.reason ?? []) if (matched.has(reason)) matched.set(reason, matched.get(reason)! - 1);
  const row = (resource: string, requested: string, reason: OfferRejectReason) => {
    const n = matched.get(reason)!;
    return [resource, requested, `${n}/${offers.length}`, `${goFixed((n / offers.length) * 100, 2)}%`];
  };
  let requested: string[];
  if (entry.app) {
    const app: MarathonApp = entry.app;
    const ports = Array.isArray(app['ports']) ? (app['ports'] as unknown[]).join(' ') : '';
    requested = [
      typeof app.role === 'string' ? app.role : EMPTY_ENTRY,
      constraintsText(app.constraints),
      goFloat(app.cpus ?? 0),
      floatOrEmpty(app.mem),
      floatOrEmpty(app.disk),
      `[${ports}]`,
    ];
  } else {
    const pod = entry.pod!;
    const executor = pod.executorResources;
    requested = [
      typeof pod.role === 'string' ? pod.role : EMPTY_ENTRY,
      podConstraintsText(pod),
      floatOrEmpty(executor?.cpus),
      floatOrEmpty(executor?.mem),
      floatOrEmpty(executor?.disk),
      EMPTY_ENTRY,
    ];
  }
  const names = ['ROLE', 'CONSTRAINTS', 'CPUS', 'MEM', 'DISK', 'PORTS'];
  const rows = names.map((name, i) => row(name, requested[i]!, REASONS[i]!));
  return ok(renderGoTable(['RESOURCE', 'REQUESTED', 'MATCHED', 'PERCENTAGE'], rows));
}

async function debugDetails(ctx: CommandContext) {
  checkArgs(ctx.args, 1, 1, 'dcos marathon debug details');
  const id = ctx.args[0]!;
  if (ctx.flags['json']) return rawEntry(ctx, id);
  const entry = await findEntry(ctx, id);
  if (!entry) throw goError(`couldn't find app ${id} in Marathon queue`);
  // A field Marathon left out is Go's zero value once decoded.
  const mark = (offer: UnusedOffer, reason: OfferRejectReason) => ((offer.reason ?? []).includes(reason) ? '-' : 'ok');
  const rows = unusedOffers(entry).map((offer) => [
    offer.offer?.hostname ?? '',
    ...REASONS.map((r) => mark(offer, r)),
    mark(offer, 'DeclinedScarceResources'),
    offer.timestamp ?? '',
  ]);
  const headers = ['HOSTNAME', 'ROLE', 'CONSTRAINTS', 'CPUS', 'MEM', 'DISK', 'PORTS', 'SCARCE', 'RECEIVED'];
  return ok(renderGoTable(headers, rows));
}

async function about(ctx: CommandContext) {
  checkArgs(ctx.args, 0, 0, 'dcos marathon about');
  const res = await ctx.request({ method: 'GET', path: `${MARATHON}/info` });
  if (res.status !== 200) throw httpError(res);
  return ok(goJson(sortedKeys(res.body)));
}

export const debugCommands: CommandSpec[] = [
  { path: ['marathon', 'about'], summary: 'Print info.json for DC/OS Marathon.', run: about },
  {
    path: ['marathon', 'debug', 'list'],
    summary: 'Print a list of currently queued instance launches for debugging purpose.',
    usage: '[--json]',
    flags: ['json'],
    run: debugList,
  },
  {
    path: ['marathon', 'debug', 'summary'],
    summary: 'Display summarized information for a queued instance launch for debugging purpose.',
    usage: '<app-id> [--json]',
    args: ['app'],
    flags: ['json'],
    run: debugSummary,
  },
  {
    path: ['marathon', 'debug', 'details'],
    summary: 'Display detailed information for a queued instance launch for debugging purpose.',
    usage: '<app-id> [--json]',
    args: ['app'],
    flags: ['json'],
    run: debugDetails,
  },
];
