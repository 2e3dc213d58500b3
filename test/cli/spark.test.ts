/** `dcos spark run|status|kill` (spark-build's CLI plugin) over a booted sandbox with Spark's dispatcher installed. */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/index.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { submissionOf } from '../../src/cli/commands/spark.ts';
import { agent } from '../support/cluster.ts';
import { marathonScenario, untilBooted, type Json } from '../support/marathon.ts';

async function sparkCluster(): Promise<Sandbox> {
  const sb = await createSandbox(
    marathonScenario(
      [1, 2, 3].map((i) => agent(`a${i}`, { cpus: 4, mem: 8192, disk: 20000 })),
      { seed: 5 },
    ),
    { allocator: 'ts', matcher: 'ts', checkInvariants: true },
  );
  untilBooted(sb);
  expect(sb.request({ method: 'POST', path: '/package/install', body: { packageName: 'spark' } }).status).toBe(200);
  for (let t = 0; t < 120_000; t += 1000) {
    const fws = (sb.request({ method: 'GET', path: '/mesos/master/state' }).body as Json).frameworks as Json[];
    if (fws.some((f) => f.name === 'spark')) break;
    sb.advance(1000);
  }
  return sb;
}

describe('dcos spark', () => {
  it('submit args become a CreateSubmissionRequest', () => {
    expect(
      submissionOf('--conf spark.cores.max=4 --driver-memory=2g --class org.apache.spark.examples.SparkPi https://x/spark-examples.jar 30'),
    ).toMatchObject({
      action: 'CreateSubmissionRequest',
      appArgs: ['30'],
      appResource: 'https://x/spark-examples.jar',
      mainClass: 'org.apache.spark.examples.SparkPi',
      sparkProperties: { 'spark.cores.max': '4', 'spark.driver.memory': '2g', 'spark.app.name': 'org.apache.spark.examples.SparkPi' },
    });
  });

  it('run, status, kill', async () => {
    const sb = await sparkCluster();
    const dcos = (line: string) => runCommand(line, (req) => sb.request(req));
    const run = await dcos('dcos spark run --submit-args="--class org.apache.spark.examples.SparkPi https://x/spark-examples.jar 30"');
    expect(run).toMatchObject({ stderr: '', exitCode: 0 });
    expect(run.stdout).toMatch(/^Run job succeeded\. Submission id: driver-\d{14}-0001\n$/);
    const id = /driver-\S+/.exec(run.stdout)![0];
    sb.advance(20_000);
    const status = await dcos(`dcos spark status ${id}`);
    expect(status.exitCode).toBe(0);
    expect(JSON.parse(status.stdout.split('\nMessage:\n')[0]!)).toMatchObject({
      action: 'SubmissionStatusResponse',
      driverState: 'RUNNING',
      submissionId: id,
      success: true,
    });
    expect(status.stdout).toContain('\nMessage:\ntask_id {\n');
    const kill = await dcos(`dcos spark kill ${id}`);
    expect(JSON.parse(kill.stdout)).toMatchObject({ action: 'KillSubmissionResponse', message: 'Killing running driver', success: true });
    sb.advance(10_000);
    const again = await dcos(`dcos spark kill ${id}`);
    expect(again.exitCode).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ message: 'Driver already terminated', success: false });
    expect(again.stderr).toBe('dcos-spark: error: Spark returned success=false, try --help\n');
    const missing = await dcos('dcos spark status');
    expect(missing.stderr).toBe("dcos-spark: error: required argument 'submission-id' not provided, try --help\n");
  });
});
