/** Real clusters in and out: a dump of a real DC/OS cluster as a scenario, and any cluster as a `dcos` script. */
export { catalogOf, readClusterDump, type Catalog, type ClusterDumpRead, type DumpSummary } from './read.ts';
export { exportDcosScript, bundleOf, type ScriptFile, type DcosScriptInput } from './export.ts';
export { KIND_LABEL, type DumpKind } from './recognise.ts';
