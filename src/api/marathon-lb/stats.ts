/**
 * HAProxy's stats of one Marathon-LB (`listen stats` on 9090, `stats enable`): `/haproxy?stats;csv` is HAProxy's CSV
 * (the header line `# pxname,svname,…` as in mesosphere/marathon-lb's tests/haproxy_stats.csv), one row per frontend,
 * server and backend, in config order (the stats listener, marathon_http_in, marathon_http_appid_in,
 * marathon_https_in, each service port's frontend, then each backend's servers and its BACKEND row). Columns the
 * sandbox does not model (bytes, queues, rates, timings, check results) are left empty. `/haproxy?stats` is a plain
 * HTML table of the same rows, not HAProxy's styled page.
 */
import type { HaproxyCounter } from '../../engine/traffic/model.ts';
import type { LbInstance } from '../../engine/marathon-lb/routing.ts';

export const CSV_COLUMNS = [
  'pxname', 'svname', 'qcur', 'qmax', 'scur', 'smax', 'slim', 'stot', 'bin', 'bout', 'dreq', 'dresp', 'ereq', 'econ',
  'eresp', 'wretr', 'wredis', 'status', 'weight', 'act', 'bck', 'chkfail', 'chkdown', 'lastchg', 'downtime', 'qlimit',
  'pid', 'iid', 'sid', 'throttle', 'lbtot', 'tracked', 'type', 'rate', 'rate_lim', 'rate_max', 'check_status',
  'check_code', 'check_duration', 'hrsp_1xx', 'hrsp_2xx', 'hrsp_3xx', 'hrsp_4xx', 'hrsp_5xx', 'hrsp_other', 'hanafail',
  'req_rate', 'req_rate_max', 'req_tot', 'cli_abrt', 'srv_abrt', 'comp_in', 'comp_out', 'comp_byp', 'comp_rsp',
  'lastsess', 'last_chk', 'last_agt', 'qtime', 'ctime', 'rtime', 'ttime',
] as const; // prettier-ignore

export type StatsRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number>>;

const ZERO: HaproxyCounter = { stot: 0, ok: 0, errors: 0 };
/** `maxconn` of marathon-lb's defaults section: a frontend's session limit. */
const MAXCONN = 10000;

/** The rows of the LB's stats, from its routing table and the counters the request generator kept. */
export function statsRows(lb: LbInstance, counters: Record<string, HaproxyCounter>): StatsRow[] {
  const of = (key: string): HaproxyCounter => counters[key] ?? ZERO;
  const rows: StatsRow[] = [];
  let iid = 0;
  const http = (mode: 'http' | 'tcp', c: HaproxyCounter): StatsRow =>
    mode === 'http' ? { hrsp_1xx: 0, hrsp_2xx: c.ok, hrsp_3xx: 0, hrsp_4xx: 0, hrsp_5xx: c.errors, hrsp_other: 0 } : {};
  const base = (pxname: string, svname: string, sid: number, type: number): StatsRow => ({
    pxname,
    svname,
    scur: 0,
    smax: 0,
    pid: 1,
    iid,
    sid,
    type,
  });
  // `listen stats`: a frontend and a backend without servers.
  iid++;
  rows.push({ ...base('stats', 'FRONTEND', 0, 0), slim: MAXCONN, stot: 0, status: 'OPEN', ...http('http', ZERO), req_tot: 0 });
  rows.push({ ...base('stats', 'BACKEND', 0, 1), stot: 0, econ: 0, status: 'UP', weight: 0, act: 0, bck: 0, lbtot: 0 });
  for (const f of lb.frontends) {
    iid++;
    const c = of(`${f.name}/FRONTEND`);
    rows.push({
      ...base(f.name, 'FRONTEND', 0, 0),
      slim: MAXCONN,
      stot: c.stot,
      status: 'OPEN',
      ...http(f.mode, c),
      ...(f.mode === 'http' ? { req_tot: c.stot } : {}),
    });
  }
  for (const b of lb.backends) {
    iid++;
    let lbtot = 0;
    b.servers.forEach((s, i) => {
      const c = of(`${b.name}/${s.name}`);
      lbtot += c.stot;
      rows.push({
        ...base(b.name, s.name, i + 1, 2),
        qcur: 0,
        qmax: 0,
        stot: c.stot,
        econ: c.errors,
        status: s.up ? 'UP' : 'DOWN',
        weight: 1,
        act: 1,
        bck: 0,
        lbtot: c.stot,
        ...http(b.mode, c),
      });
    });
    const c = of(`${b.name}/BACKEND`);
    const up = b.servers.filter((s) => s.up).length;
    rows.push({
      ...base(b.name, 'BACKEND', 0, 1),
      qcur: 0,
      qmax: 0,
      stot: c.stot,
      econ: 0,
      status: up > 0 ? 'UP' : 'DOWN',
      weight: up,
      act: up,
      bck: 0,
      lbtot,
      ...http(b.mode, c),
    });
  }
  return rows;
}

/** HAProxy's `;csv` format: the commented header, then one line per row, each ending with a comma. */
export function statsCsv(rows: StatsRow[]): string {
  const line = (cells: Array<string | number | undefined>) => `${cells.map((c) => (c === undefined ? '' : String(c))).join(',')},\n`;
  return `# ${CSV_COLUMNS.join(',')},\n${rows.map((r) => line(CSV_COLUMNS.map((k) => r[k]))).join('')}`;
}

const HTML_COLUMNS = ['pxname', 'svname', 'status', 'stot', 'econ', 'hrsp_2xx', 'hrsp_5xx', 'weight', 'act', 'lbtot'] as const;

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A plain HTML table of the same rows (HAProxy's own page is a styled table per proxy). */
export function statsHtml(lb: LbInstance, rows: StatsRow[]): string {
  const head = HTML_COLUMNS.map((c) => `<th>${c}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${HTML_COLUMNS.map((c) => `<td>${r[c] === undefined ? '' : escape(String(r[c]))}</td>`).join('')}</tr>`)
    .join('\n');
  return (
    `<html><head><title>Statistics Report for HAProxy</title></head><body>\n` +
    `<h1>Statistics Report for HAProxy on ${escape(lb.hostname)} (${escape(lb.appId)})</h1>\n` +
    `<table border="1">\n<tr>${head}</tr>\n${body}\n</table>\n</body></html>\n`
  );
}
