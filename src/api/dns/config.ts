/**
 * Mesos-DNS's configuration as DC/OS writes it (/opt/mesosphere/etc/mesos-dns.json, DC:gen/dcos-config.yaml:90-104)
 * over mesos-dns's defaults (records/config.go:114-144); networking-sources.md §1.1 and §1.4.
 */
import { REFRESH_MS } from '../../engine/dns/reload.ts';
import { DOMAIN } from '../../engine/dns/generate.ts';
import type { MesosDnsConfig } from '../shapes/dns.ts';

/** MD@pin:version.go:4. */
export const MESOS_DNS_VERSION = '1.13';
export const TTL_SECONDS = 60;
export const SOA_MNAME = `ns1.${DOMAIN}.`;
/** DC/OS's `"email"` key is no Config field, so the default stays (records/config.go:50-51,124,248). */
export const SOA_RNAME = `root.ns1.${DOMAIN}.`;

export function mesosDnsConfig(serial: number): MesosDnsConfig {
  return {
    RefreshSeconds: REFRESH_MS / 1000,
    Port: 61053,
    Timeout: 5,
    StateTimeoutSeconds: 300,
    ZkDetectionTimeout: 30,
    HttpPort: 8123,
    TTL: TTL_SECONDS,
    SRVRecordDefaultWeight: 1,
    SOASerial: serial,
    SOARefresh: 60,
    SOARetry: 600,
    SOAExpire: 86400,
    SOAMinttl: 60,
    SOAMname: SOA_MNAME,
    SOARname: SOA_RNAME,
    Masters: null,
    ZoneResolvers: {},
    // The sandbox's cluster has no resolvers of its own; inferred: DC/OS's installer default.
    Resolvers: ['8.8.8.8'],
    IPSources: ['host', 'netinfo'],
    Zk: 'zk://zk-1.zk:2181,zk-2.zk:2181,zk-3.zk:2181,zk-4.zk:2181,zk-5.zk:2181/mesos',
    Domain: DOMAIN,
    File: '/opt/mesosphere/etc/mesos-dns.json',
    Listener: '0.0.0.0',
    HTTPListener: '0.0.0.0',
    RecurseOn: true,
    DnsOn: true,
    HttpOn: true,
    ExternalOn: true,
    EnforceRFC952: false,
    SetTruncateBit: true,
    EnumerationOn: true,
    MesosHTTPSOn: false,
    CACertFile: '',
    CertFile: '',
    KeyFile: '',
    MesosCredentials: { Principal: '', Secret: '' },
    IAMConfigFile: '',
    MesosAuthentication: '',
  };
}
