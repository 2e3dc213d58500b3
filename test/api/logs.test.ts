/**
 * The logs API (src/api/logs): journald's ranges (skip, cursor, limit), filters and formats on the masters and
 * agents; task files through the redirect to their agent, a crash's stack trace in stderr; a journal that stays
 * bounded over a day; reading changes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { cluster } from '../cli/support.ts';
import { agent, framework, scenario } from '../support/cluster.ts';
import { createSandbox } from '../../src/sandbox/index.ts';

type Entry = { fields: Record<string, string>; cursor: string; realtime_timestamp: number; monotonic_timestamp: number };

const get = (sb: Sandbox, path: string, accept = 'application/json') => sb.request({ method: 'GET', path, headers: { Accept: accept } });
const entries = (sb: Sandbox, path: string): Entry[] =>
  String(get(sb, path).body)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Entry);
const messages = (es: Entry[]) => es.map((e) => e.fields['MESSAGE'] ?? '');

async function withHello(): Promise<Sandbox> {
  const sb = await cluster();
  sb.request({ method: 'POST', path: '/marathon/v2/apps', body: { id: '/hello', cmd: 'sleep 1000', instances: 2, cpus: 0.5, mem: 64 } });
  sb.advance(30_000);
  return sb;
}

const agentIds = (sb: Sandbox) => (get(sb, '/mesos/master/slaves').body as { slaves: Array<{ id: string; hostname: string }> }).slaves;
const helloTasks = (sb: Sandbox) =>
  (get(sb, '/marathon/v2/apps/hello').body as { app: { tasks: Array<{ id: string; slaveId: string }> } }).app.tasks;

describe('component logs', () => {
  it("reads the master's journal by ranges: all, the last N, N from a cursor, a limit", async () => {
    const sb = await withHello();
    const all = entries(sb, '/system/v1/logs/v2/component');
    expect(all.length).toBeGreaterThan(12);
    expect(all.map((e) => parseInt(/;i=([0-9a-f]+);/.exec(e.cursor)![1]!, 16))).toEqual(all.map((_, i) => i + 1));
    expect(all[0]!.fields['MESSAGE']).toMatch(/^I0101 00:00:\d\d\.\d{6} {1,5}\d+ master\.cpp:2174\] Elected as the leading master!$/);
    expect(messages(entries(sb, '/system/v1/logs/v2/component?skip=-3'))).toEqual(messages(all.slice(-3)));
    expect(messages(entries(sb, '/system/v1/logs/v2/component?skip=2&limit=2'))).toEqual(messages(all.slice(1, 3)));
    expect(messages(entries(sb, '/system/v1/logs/v2/component?limit=4'))).toEqual(messages(all.slice(0, 4)));
    expect(messages(entries(sb, '/system/v1/logs/v2/component?skip=0'))).toEqual(messages(all));
    expect(messages(entries(sb, '/system/v1/logs/v2/component?cursor=END'))).toEqual(messages(all.slice(-1)));
    expect(messages(entries(sb, '/system/v1/logs/v2/component?cursor=BEG&limit=1'))).toEqual(messages(all.slice(0, 1)));
    // After a cursor: the entries that follow it; back from it: it and those before.
    const c = encodeURIComponent(all[5]!.cursor);
    expect(messages(entries(sb, `/system/v1/logs/v2/component?cursor=${c}&limit=2`))).toEqual(messages(all.slice(6, 8)));
    expect(messages(entries(sb, `/system/v1/logs/v2/component?cursor=${c}&skip=-2&limit=3`))).toEqual(messages(all.slice(3, 6)));
    expect(messages(entries(sb, `/system/v1/logs/v2/component?cursor=${c}&skip=1&limit=1`))).toEqual(messages(all.slice(6, 7)));
    // Units, and filters on any field (case of the field's name does not matter).
    const marathon = entries(sb, '/system/v1/logs/v2/component/dcos-marathon.service');
    expect(marathon.length).toBeGreaterThan(0);
    expect(new Set(marathon.map((e) => e.fields['SYSLOG_IDENTIFIER']))).toEqual(new Set(['marathon']));
    expect(marathon.at(-1)!.fields['MESSAGE']).toMatch(
      /^\[2026-01-01 00:00:\d\d,\d{3}\] INFO {2}Deployment [0-9a-f-]{36}:2026-01-01T00:00:\d\d\.\d{3}Z of \/hello finished \(mesosphere\.marathon\.MarathonSchedulerActor:marathon-akka\.actor\.default-dispatcher-\d+\)$/,
    );
    expect(entries(sb, '/system/v1/logs/v2/component?filter=syslog_identifier:marathon')).toEqual(marathon);
    const pid = marathon[0]!.fields['_PID'];
    expect(entries(sb, `/system/v1/logs/v2/component?filter=SYSLOG_IDENTIFIER:marathon&filter=_PID:${pid}`)).toEqual(marathon);
    expect(entries(sb, '/system/v1/logs/v2/component?filter=SYSLOG_IDENTIFIER:marathon&filter=SYSLOG_IDENTIFIER:mesos-master')).toEqual(
      all,
    );
    expect(get(sb, '/system/v1/logs/v2/component?filter=_PID:1')).toEqual({ status: 204, body: '' });
  });

  it('answers in text, JSON lines or events by Accept', async () => {
    const sb = await withHello();
    const last = entries(sb, '/system/v1/logs/v2/component?skip=-1')[0]!;
    const text = get(sb, '/system/v1/logs/v2/component?skip=-1', 'text/plain');
    expect(text.headers?.['Content-Type']).toBe('text/plain');
    expect(text.body).toBe(
      `2026-01-01 00:00:${new Date(last.realtime_timestamp / 1000).toISOString().slice(17, 19)}: ${last.fields['MESSAGE']}\n`,
    );
    const sse = get(sb, '/system/v1/logs/v2/component?skip=-1', 'text/event-stream');
    expect(sse.body).toBe(`id: ${last.cursor}\ndata: ${JSON.stringify(last)}\n\n`);
    expect(Object.keys(last)).toEqual(['fields', 'cursor', 'monotonic_timestamp', 'realtime_timestamp']);
    expect(last.cursor).toMatch(/^s=[0-9a-f]{32};i=[0-9a-f]+;b=[0-9a-f]{32};m=[0-9a-f]+;t=[0-9a-f]+;x=[0-9a-f]+$/);
  });

  it("reads an agent's journal and the leader's; refuses bad parameters as dcos-log does", async () => {
    const sb = await withHello();
    const [a1] = agentIds(sb);
    const agentLog = entries(sb, `/system/v1/agent/${a1!.id}/logs/v2/component/dcos-mesos-slave.service`);
    expect(agentLog[0]!.fields['MESSAGE']).toMatch(/slave\.cpp:1700\] Registered with master master@[\d.]+:5050; given agent ID /);
    expect(agentLog.every((e) => e.fields['_HOSTNAME'] === a1!.hostname && e.fields['SYSLOG_IDENTIFIER'] === 'mesos-agent')).toBe(true);
    expect(entries(sb, '/system/v1/leader/mesos/logs/v2/component?skip=-4')).toEqual(entries(sb, '/system/v1/logs/v2/component?skip=-4'));
    const err = (status: number, body: string) => ({ status, body: `${body}\n`, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    expect(get(sb, '/system/v1/agent/nope/logs/v2/component')).toEqual(err(404, '404 Not Found: agent `nope` unknown.'));
    expect(get(sb, '/system/v1/logs/v2/component?filter=a:b:c')).toEqual(
      err(400, 'incorrect filter parameter format, must be ?filer=key:value. Got a:b:c'),
    );
    expect(get(sb, '/system/v1/logs/v2/component?skip=x')).toEqual(
      err(400, 'unable to parse skip parameter: strconv.Atoi: parsing "x": invalid syntax'),
    );
    expect(get(sb, '/system/v1/logs/v2/component?limit=-1')).toEqual(
      err(400, 'unable to parse limit parameter: strconv.ParseUint: parsing "-1": invalid syntax'),
    );
    expect(get(sb, '/system/v1/logs/v2/component?cursor=x')).toEqual(err(500, 'unable to open journald: Incorrect cursor string'));
    expect(get(sb, '/system/v1/logs/v2/components')).toEqual(err(404, '404 page not found'));
    expect(get(sb, '/system/v1/logs/v1/range')).toEqual(err(404, '404 page not found'));
    expect(sb.request({ method: 'POST', path: '/system/v1/logs/v2/component' }).status).toBe(405);
    // Other /system paths keep their answers.
    expect(get(sb, '/system/health/v1/units').status).toBe(200);
    sb.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: a1!.hostname } });
    expect(get(sb, `/system/v1/agent/${a1!.id}/logs/v2/component`).status).toBe(502);
  });
});

describe('task logs', () => {
  it('redirects to the agent, reads the last lines of stdout and stderr, and 204 for a file it lacks', async () => {
    const sb = await withHello();
    const [t] = helloTasks(sb);
    const found = get(sb, `/system/v1/logs/v2/task/${t!.id}/file/stderr?cursor=END&skip=-2`, 'text/plain');
    expect(found.status).toBe(303);
    const location = found.headers!['Location']!;
    expect(location).toMatch(
      new RegExp(
        `^/system/v1/agent/${t!.slaveId}/logs/v2/task/frameworks/[^/]+/executors/${t!.id.replace(/\./g, '\\.')}/runs/[0-9a-f-]{36}/stderr\\?cursor=END&skip=-2$`,
      ),
    );
    const two = get(sb, location, 'text/plain');
    expect(String(two.body).split('\n')).toEqual([
      expect.stringMatching(/executor\.cpp:722\] Starting task /),
      expect.stringMatching(/executor\.cpp:740\] Forked command at \d+$/),
      '',
    ]);
    const stdout = get(sb, location.replace('/stderr?cursor=END&skip=-2', '/stdout'), 'text/plain');
    expect(stdout.body).toMatch(/^hello: starting \(build [0-9a-f]{8}\)\nhello: listening on 0\.0\.0\.0:\d+\n$/);
    expect(get(sb, location.replace('/stderr?', '/stdout?'), 'text/plain').body).toBe(stdout.body);
    const all = String(get(sb, location.replace('?cursor=END&skip=-2', ''), 'text/plain').body).split('\n');
    expect(get(sb, location.replace('?cursor=END&skip=-2', '?skip=1&limit=2'), 'text/plain').body).toBe(`${all.slice(1, 3).join('\n')}\n`);
    const offset = all[0]!.length + 1;
    expect(get(sb, location.replace('?cursor=END&skip=-2', `?cursor=${offset}&limit=1`), 'text/plain').body).toBe(`${all[1]}\n`);
    const events = get(sb, location.replace('?cursor=END&skip=-2', '?limit=1'), 'text/event-stream').body;
    expect(events).toBe(`id: ${offset}\ndata: ${JSON.stringify({ fields: { MESSAGE: all[0] }, cursor: '0' })}\n\n`);
    expect(get(sb, location.replace('/stderr?', '/other?'))).toEqual({ status: 204, body: '' });
    expect(get(sb, location.replace('?cursor=END&skip=-2', '?cursor=x')).body).toBe('unable to parse cursor parameter. x not an integer\n');
    expect(get(sb, location.replace('?cursor=END&skip=-2', '?skip=y')).status).toBe(400);
    expect(get(sb, location.replace('?cursor=END&skip=-2', '?limit=z')).status).toBe(400);
    expect(get(sb, `/system/v1/agent/${t!.slaveId}/logs/v2/task/frameworks/x`).status).toBe(404);
    expect(get(sb, location.replace(/^\/system\/v1\/agent\/[^/]+/, '/system/v1'))).toEqual({ status: 204, body: '' });
    expect(get(sb, '/system/v1/logs/v2/task/nope').body).toBe('unable to get canonical task ID: task not found\n');
    expect(get(sb, '/system/v1/logs/v2/task/hello').body).toMatch(
      /^unable to get canonical task ID: found more then 1 task with name hello: \[\S+ \S+\]\n$/,
    );
  });

  it('puts a crashed task stack trace in stderr before the executor sees it exit', async () => {
    const sb = await withHello();
    const [t] = helloTasks(sb);
    sb.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'task-crash', target: t!.id } });
    sb.advance(1_000);
    const location = get(sb, `/system/v1/logs/v2/task/${t!.id}/file/stderr`).headers!['Location']!;
    const lines = String(get(sb, location, 'text/plain').body)
      .trimEnd()
      .split('\n');
    const trace = lines.indexOf('Traceback (most recent call last):');
    expect(trace).toBeGreaterThan(0);
    expect(lines.slice(trace + 1, -1).every((l) => /^ {2}File "|^ {4}\S|^\w+Error: hello /.test(l))).toBe(true);
    expect(lines.at(-2)).toMatch(/^\w+Error: hello /);
    expect(lines.at(-1)).toMatch(/executor\.cpp:1041\] Command exited with status 1 \(pid: \d+\)$/);
    // Marathon logged the failure; the master the status update.
    const master = messages(entries(sb, '/system/v1/logs/v2/component?skip=-40'));
    expect(master.some((m) => m.includes(`Status update TASK_FAILED (Status UUID: `) && m.includes(`for task ${t!.id} `))).toBe(true);
    expect(
      master.some((m) =>
        m.includes(`Received status update for task ${t!.id}: TASK_FAILED (Command exited with status 1, healthy: false)`),
      ),
    ).toBe(true);
  });
});

describe('bounds and determinism', () => {
  it('reading logs changes nothing: the history hash is the same with and without reads', async () => {
    const a = await withHello();
    const b = await withHello();
    for (const path of [
      '/system/v1/logs/v2/component',
      '/system/v1/logs/v2/task/hello.instance',
      `/system/v1/agent/${agentIds(a)[0]!.id}/logs/v2/component`,
    ])
      get(a, path);
    a.advance(60_000);
    b.advance(60_000);
    expect(a.historyHash()).toBe(b.historyHash());
    expect(get(a, '/system/v1/logs/v2/component').body).toBe(get(b, '/system/v1/logs/v2/component').body);
  });

  it('keeps the journal bounded over a simulated day of short tasks on ten agents', async () => {
    const agents = Array.from({ length: 10 }, (_, i) => agent(`a${i}`, { cpus: 4, mem: 8192, disk: 1024 }));
    const s = scenario(agents, [
      framework('churn', 'batch', { cpus: 0.5, mem: 128, disk: 0, gpus: 0, ports: 0 }, { taskDurationSeconds: 60 }),
    ]);
    const sb = await createSandbox(s, { allocator: 'ts', matcher: 'ts' });
    const sizes: number[] = [];
    for (let h = 0; h < 24; h += 6) {
      sb.advance(6 * 3600_000);
      sizes.push(String(get(sb, '/system/v1/logs/v2/component', 'text/plain').body).split('\n').length);
    }
    // 1,000 completed tasks per framework and the live ones: the journal stops growing once the ring is full.
    expect(sizes[3]).toBeLessThanOrEqual(sizes[1]! * 1.05);
    expect(sizes[3]).toBeLessThan(6000);
  }, 120_000);
});
