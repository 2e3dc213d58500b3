/** Mesos-DNS's events: each master's process reloads its records on its own ticker. */
export type MesosDnsEvent =
  /** The reload ticker of master `master`'s Mesos-DNS (also the watch for its first load). */
  { type: 'mesos-dns.reload'; master: number };
