/**
 * Mesos-DNS's HTTP API behind Admin Router (`/mesos_dns/v1/…`, mesos-dns resolver/resolver.go:584-776), as DC/OS
 * runs it (networking-sources.md §1.4). Keys in the order Go writes them. Types only.
 */

/** GET /v1/version: a Go map, so its keys come out sorted (resolver.go:665-674). */
export interface MesosDnsVersion {
  Service: 'Mesos-DNS';
  URL: 'https://github.com/mesosphere/mesos-dns';
  Version: string;
}

/** GET /v1/config: the whole `records.Config` struct, exported fields in declaration order (records/config.go:24-111). */
export interface MesosDnsConfig {
  RefreshSeconds: number;
  Port: number;
  Timeout: number;
  StateTimeoutSeconds: number;
  ZkDetectionTimeout: number;
  HttpPort: number;
  TTL: number;
  SRVRecordDefaultWeight: number;
  SOASerial: number;
  SOARefresh: number;
  SOARetry: number;
  SOAExpire: number;
  SOAMinttl: number;
  SOAMname: string;
  SOARname: string;
  Masters: string[] | null;
  ZoneResolvers: Record<string, string[]>;
  Resolvers: string[];
  IPSources: string[];
  Zk: string;
  Domain: string;
  File: string;
  Listener: string;
  HTTPListener: string;
  RecurseOn: boolean;
  DnsOn: boolean;
  HttpOn: boolean;
  ExternalOn: boolean;
  EnforceRFC952: boolean;
  SetTruncateBit: boolean;
  EnumerationOn: boolean;
  MesosHTTPSOn: boolean;
  CACertFile: string;
  CertFile: string;
  KeyFile: string;
  MesosCredentials: { Principal: string; Secret: string };
  IAMConfigFile: string;
  MesosAuthentication: string;
}

/** GET /v1/hosts/{host}: one entry per address; none → one entry with empty strings (resolver.go:677-710). */
export interface MesosDnsHost {
  host: string;
  ip: string;
}

/** GET /v1/services/{service}: `service` echoes the path parameter as sent; `port` is a string (resolver.go:735-776). */
export interface MesosDnsService {
  service: string;
  host: string;
  ip: string;
  port: string;
}

export interface MesosDnsEnumerableRecord {
  name: string;
  host: string;
  rtype: 'A' | 'AAAA' | 'SRV';
}

export interface MesosDnsEnumerableTask {
  name: string;
  id: string;
  records: MesosDnsEnumerableRecord[];
}

export interface MesosDnsEnumerableFramework {
  tasks: MesosDnsEnumerableTask[];
  name: string;
}

/** GET /v1/enumerate (records/generator.go:105-129); `null` frameworks when the state had none. */
export interface MesosDnsEnumeration {
  frameworks: MesosDnsEnumerableFramework[] | null;
}

/** name → hosts (`ip`, or `target:port` for SRV) (models/models.go:4). */
export type MesosDnsRecordSet = Record<string, string[]>;

/** GET /v1/axfr (resolver.go:641-662; models/models.go:12-27). */
export interface MesosDnsAxfr {
  TTL: number;
  Serial: number;
  RefreshSeconds: number;
  Mname: string;
  Rname: string;
  Domain: string;
  Records: { As: MesosDnsRecordSet; AAAAs: MesosDnsRecordSet; SRVs: MesosDnsRecordSet };
}
