/** The DC/OS release the sandbox answers as: its components' versions, shown by the API and the pages alike. */
export const MESOS_VERSION = '1.11.0';
export const MARATHON_VERSION = '1.11.24';
