/** The four scalars in Mesos' names with the UI's labels. */
export const SCALARS = [
  { key: 'cpus', label: 'CPU' },
  { key: 'mem', label: 'Memory' },
  { key: 'disk', label: 'Disk' },
  { key: 'gpus', label: 'GPU' },
] as const;
