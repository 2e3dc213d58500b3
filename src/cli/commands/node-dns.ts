/**
 * `dcos node dns <dns-name>`: dcos-core-cli 2.2's `pkg/cmd/node/node_dns.go`. It asks Mesos-DNS
 * (`GET /mesos_dns/v1/hosts/<dns-name>`, `pkg/mesos/client.go` `Hosts`) and prints a `HOST  IP` table, or with
 * `--json` the decoded `[]mesos.Host` (`pkg/mesos/types.go`) in Go's four-space indent. A name without records is
 * Mesos-DNS's one entry of empty strings, so the table has an empty row, as the real command prints it. A refusal
 * (503 before Mesos-DNS's first load) is `Error: HTTP 503 error` (`httpResponseToError`).
 */
import { getOr, httpError, ok } from '../format.ts';
import { checkArgs, goJson, project } from '../go.ts';
import { MESOS_HOST } from '../go-shapes.ts';
import { renderGoTable } from '../table.ts';
import type { CommandSpec } from '../types.ts';

export const nodeDnsCommand: CommandSpec = {
  path: ['node', 'dns'],
  summary: 'Return the IP address(es) corresponding to a given hostname',
  usage: '<hostname> [--json]',
  args: ['text'],
  flags: ['json'],
  run: async (ctx) => {
    checkArgs(ctx.args, 1, 1, 'dcos node dns');
    const body = await getOr<unknown>(ctx.request, `/mesos_dns/v1/hosts/${ctx.args[0]!}`, httpError);
    const hosts = Array.isArray(body) ? body.map((h) => project(h, MESOS_HOST) as { host: string; ip: string }) : null;
    if (ctx.flags['json']) return ok(goJson(hosts));
    return ok(
      renderGoTable(
        ['HOST', 'IP'],
        (hosts ?? []).map((h) => [h.host, h.ip]),
      ),
    );
  },
};
