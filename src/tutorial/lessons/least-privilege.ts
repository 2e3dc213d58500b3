import { allOf, appRunning } from '../goals.ts';
import { appAbsent, mayDeployOnlyUnder, signedInAs } from '../operate-goals.ts';
import type { Lesson } from '../types.ts';
import { agent, cli, navigate, scenario } from './build.ts';

export const devUser = { uid: 'dev-deployer', password: 'dev-pass-1' };

/** What the user may do, as Enterprise DC/OS names it: reach Marathon through Admin Router, and change /dev. */
export const devGrants = ['dcos:adminrouter:service:marathon', 'dcos:service:marathon:marathon:services:/dev'];

export const devApp = { id: '/dev/hello', cmd: 'python3 -m http.server $PORT0', instances: 1, cpus: 0.1, mem: 64 };

export const leastPrivilege: Lesson = {
  id: 'least-privilege',
  title: 'Least privilege',
  summary: 'Create a user who may deploy only under /dev, sign in as them, deploy to /dev, be refused /prod, and sign back in.',
  scenario: scenario({
    agents: [agent('a', { count: 2 })],
    apps: [{ id: '/prod/web', cmd: 'nginx -g "daemon off;"', instances: 2, cpus: 0.5, mem: 256 }],
  }),
  steps: [
    {
      id: 'user',
      title: 'A user for /dev',
      text: `You are \`bootstrapuser\`, the superuser. In the Terminal: \`dcos security org users create ${devUser.uid} --password=${devUser.password}\`, then grant it two permissions, each \`full\`: \`${devGrants[0]}\` (Admin Router lets it reach Marathon) and \`${devGrants[1]}\` (Marathon lets it change what is under /dev).`,
      goal: mayDeployOnlyUnder(devUser.uid, '/dev', '/prod'),
      hints: [
        `\`dcos security org users grant ${devUser.uid} <rid> full\`; Organization → Users shows the user.`,
        'A grant on `…:services:/` would cover every group: least privilege is the narrowest grant that does the job.',
      ],
      showMe: [
        navigate('organization'),
        cli(`dcos security org users create ${devUser.uid} --password=${devUser.password} --description="Deploys to /dev"`),
        ...devGrants.map((rid) => cli(`dcos security org users grant ${devUser.uid} ${rid} full`)),
      ],
      settleMs: 1000,
    },
    {
      id: 'sign-in',
      title: 'Sign in as them',
      text: `\`dcos auth login --username=${devUser.uid} --password=${devUser.password}\`. From now on the Terminal, the UI and every request without a token of its own act as ${devUser.uid}. \`dcos marathon app list\` shows only what it may read: \`/prod/web\` is not there.`,
      goal: signedInAs(devUser.uid),
      hints: [
        'The API: `POST /acs/api/v1/auth/login` with `{"uid", "password"}` answers a token; `GET /sandbox/v1/session` says who is signed in.',
        'Pages it may not read (Nodes, Components) now answer 403.',
      ],
      showMe: [cli(`dcos auth login --username=${devUser.uid} --password=${devUser.password}`)],
      settleMs: 1000,
    },
    {
      id: 'deploy-dev',
      title: 'Deploy to /dev',
      text: `As ${devUser.uid}, deploy \`/dev/hello\` with 1 instance: Services → Run a Service, or \`dcos marathon app add\` with the app JSON on the next lines. Marathon checks \`create\` on \`/dev/hello\`: the grant on \`/dev\` covers it and everything below it.`,
      goal: allOf(`/dev/hello running, deployed as ${devUser.uid}`, signedInAs(devUser.uid), appRunning(devApp.id, 1)),
      hints: [`{"id": "/dev/hello", "cmd": "python3 -m http.server $PORT0", "instances": 1, "cpus": 0.1, "mem": 64}`],
      showMe: [navigate('services'), cli(`dcos marathon app add\n${JSON.stringify(devApp, null, 2)}`)],
      settleMs: 10_000,
    },
    {
      id: 'prod',
      title: 'Refused at /prod',
      text: 'Now try `/prod/hello`, or scale `/prod/web`: Marathon answers 403, "Not Authorized to perform this action!", and changes nothing. Then sign back in as the superuser: `dcos auth login --username=bootstrapuser --password=deleteme`.',
      goal: allOf(
        'Back as bootstrapuser; /dev/hello runs, /prod untouched',
        signedInAs('bootstrapuser'),
        appRunning(devApp.id, 1),
        appRunning('/prod/web', 2),
        appAbsent('/prod/hello'),
      ),
      hints: [
        'A refused write leaves no trace: Marathon checks before it changes anything.',
        '`dcos auth logout` signs out altogether: every request then gets Admin Router’s 401.',
      ],
      showMe: [cli('dcos auth login --username=bootstrapuser --password=deleteme'), navigate('services')],
      settleMs: 1000,
    },
  ],
};
