/** jenkins — mesosphere/universe:repo/packages/J/jenkins/200 (dcos-jenkins-service; a Marathon app, no SDK). */
import { bool, int, NAME_PATTERN, num, obj, oneOf, str, toBase64, universeIcons } from './build.ts';
import type { UniversePackage } from './types.ts';

const TEMPLATE = `{
  "id": "{{service.name}}",
  "cpus": {{jenkins-master.cpus}},
  "mem": {{jenkins-master.mem}},
  "instances": 1,
  {{#service.user}}
  "user": "{{service.user}}",
  {{/service.user}}
  "env": {
    "JENKINS_AGENT_ROLE": "{{service.roles.jenkins-agent-role}}",
    "JENKINS_AGENT_USER": "{{jenkins-agent.jenkins-agent-user}}",
    "JENKINS_FRAMEWORK_NAME": "{{service.name}}",
    "MARATHON_NAME": "{{service.marathon-name}}",
    "JENKINS_CONTEXT": "/service/{{service.name}}",
    "JENKINS_MESOS_MASTER": "{{service.mesos-master}}",
    "JENKINS_HOME": "/var/jenkins_home",
    "JVM_OPTS": "{{jenkins-master.jvm-opts}}",
    "JENKINS_OPTS": "{{jenkins-master.jenkins-opts}}",
    "SSH_KNOWN_HOSTS": "{{jenkins-master.known-hosts}}",
    "JENKINS_LINUX_AGENT_LABEL": "{{jenkins-agent.linux-agent.label}}",
    "JENKINS_LINUX_AGENT_CPUS": "{{jenkins-agent.linux-agent.cpus}}",
    "JENKINS_LINUX_AGENT_MEM": "{{jenkins-agent.linux-agent.mem}}",
    "JENKINS_LINUX_AGENT_DISK": "{{jenkins-agent.linux-agent.disk}}",
    "JENKINS_LINUX_AGENT_MAX_EXECUTORS": "{{jenkins-agent.linux-agent.max-executors}}",
    "JENKINS_LINUX_AGENT_MIN_EXECUTORS": "{{jenkins-agent.linux-agent.min-executors}}",
    "JENKINS_LINUX_AGENT_IMAGE": "{{jenkins-agent.linux-agent.image}}"
  },
  "portDefinitions": [
    { "port": 0, "protocol": "tcp", "name": "nginx" },
    { "port": 0, "protocol": "tcp", "name": "jenkins" },
    { "port": {{jenkins-master.agent-port}}, "protocol": "tcp", "name": "agent" }
  ],
  "requirePorts": true,
  "container": {
    "type": "{{service.containerizer}}",
    "docker": {
      {{#service.docker-image}}
      "image": "{{service.docker-image}}"
      {{/service.docker-image}}
      {{^service.docker-image}}
      "image": "{{resource.assets.container.docker.jenkins}}"
      {{/service.docker-image}}
    },
    "volumes": [
      {{^service.storage.host-volume}}
      { "containerPath": "jenkins_home", "persistent": { "type": "root", "size": 2048, "constraints": [] }, "mode": "RW" },
      {{/service.storage.host-volume}}
      {
        "containerPath": "/var/jenkins_home",
        {{#service.storage.host-volume}}
        "hostPath": "{{service.storage.host-volume}}/{{service.name}}",
        {{/service.storage.host-volume}}
        {{^service.storage.host-volume}}
        "hostPath": "jenkins_home",
        {{/service.storage.host-volume}}
        "mode": "RW"
      }
    ]
  },
  "role": "{{service.roles.jenkins-master-role}}",
  "healthChecks": [
    {
      "path": "/service/{{service.name}}/login",
      "portIndex": 0,
      "protocol": "MESOS_HTTP",
      "gracePeriodSeconds": {{health-checks.grace-period}},
      "intervalSeconds": {{health-checks.interval}},
      "timeoutSeconds": {{health-checks.timeout}},
      "maxConsecutiveFailures": {{health-checks.max-consecutive-failures}}
    }
  ],
  "labels": {
    {{#service.marathon-lb.virtual-host}}
    "HAPROXY_GROUP": "external",
    "HAPROXY_0_VHOST": "{{service.marathon-lb.virtual-host}}",
    "HAPROXY_0_REDIRECT_TO_HTTPS": "{{service.marathon-lb.https-redirect}}",
    {{/service.marathon-lb.virtual-host}}
    "MARATHON_SINGLE_INSTANCE_APP": "true",
    "DCOS_PACKAGE_FRAMEWORK_NAME": "{{service.name}}",
    "DCOS_SERVICE_NAME": "{{service.name}}",
    "DCOS_SERVICE_PORT_INDEX": "0",
    "DCOS_SERVICE_SCHEME": "http"
  },
  {{#service.storage.pinned-hostname}}
  "constraints": [["hostname", "CLUSTER", "{{service.storage.pinned-hostname}}"]],
  {{/service.storage.pinned-hostname}}
  "upgradeStrategy": { "minimumHealthCapacity": 0, "maximumOverCapacity": 0 }
}
`;

export const JENKINS: UniversePackage = {
  packagingVersion: '3.0',
  name: 'jenkins',
  version: '4.0.0-2.204.6',
  releaseVersion: 200,
  maintainer: 'support@mesosphere.io',
  description: 'Jenkins, the continuous integration and delivery server, with build agents launched on Mesos.',
  tags: ['continuous-integration', 'ci', 'jenkins'],
  selected: true,
  scm: 'https://github.com/mesosphere/dcos-jenkins-service.git',
  website: 'https://jenkins.io',
  framework: true,
  preInstallNotes: 'Without service.storage.host-volume, Jenkins keeps its data in a local persistent volume on one agent only.',
  postInstallNotes: 'Jenkins is being installed. Open it at /service/jenkins/ once healthy.',
  postUninstallNotes: 'Jenkins is uninstalled. Data kept in a host volume stays on that agent.',
  licenses: [{ name: 'MIT License', url: 'https://github.com/jenkinsci/jenkins/blob/master/LICENSE.txt' }],
  minDcosReleaseVersion: '1.11',
  marathon: { v2AppMustacheTemplate: toBase64(TEMPLATE) },
  resource: { assets: { container: { docker: { jenkins: 'mesosphere/jenkins:4.0.0-2.204.6' } } }, images: universeIcons('jenkins') },
  config: obj({
    service: obj(
      {
        name: str('jenkins', { pattern: NAME_PATTERN }),
        user: str('nobody'),
        'marathon-name': str('marathon'),
        'mesos-master': str('https://leader.mesos:5050'),
        roles: obj({ 'jenkins-master-role': str('slave_public'), 'jenkins-agent-role': str('*') }),
        containerizer: oneOf('MESOS', ['MESOS', 'DOCKER']),
        'docker-image': str(),
        storage: obj({ 'host-volume': str(), 'pinned-hostname': str() }),
        'marathon-lb': obj({ 'virtual-host': str(), 'https-redirect': bool(false) }),
      },
      ['name'],
    ),
    'jenkins-master': obj(
      {
        cpus: num(1.0, { minimum: 0.1 }),
        mem: num(4096.0, { minimum: 2048.0 }),
        'known-hosts': str('github.com'),
        'agent-port': int(0, { minimum: 0, maximum: 32000 }),
        'jvm-opts': str('-Xms1024m -Xmx1024m'),
        'jenkins-opts': str(),
      },
      ['cpus', 'mem'],
    ),
    'jenkins-agent': obj({
      'jenkins-agent-user': str('nobody'),
      'linux-agent': obj({
        label: str('linux'),
        cpus: num(0.1, { minimum: 0.1 }),
        mem: num(512.0, { minimum: 512.0 }),
        disk: num(0.0, { minimum: 0.0 }),
        'max-executors': int(1, { minimum: 1 }),
        'min-executors': int(1, { minimum: 1 }),
        image: str('mesosphere/jenkins-dind:0.9.0'),
      }),
    }),
    'health-checks': obj({
      'grace-period': int(30),
      interval: int(60),
      timeout: int(20),
      'max-consecutive-failures': int(3),
    }),
  }),
};
