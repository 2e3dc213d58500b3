/** nginx — mesosphere/universe:repo/packages/N/nginx/{5,6} (Bitnami image; packaging 2.0, so no minDcosReleaseVersion). */
import { bool, int, num, obj, str, toBase64, universeIcons } from './build.ts';
import type { UniversePackage } from './types.ts';

/** The template; `tool` is the image's service tool (`nami` in 1.10.3, `harpoon` in 1.10.2). */
const template = (tool: string) => `{
  "id": "/{{nginx.name}}",
  "instances": {{nginx.instances}},
  "cpus": {{nginx.cpus}},
  "mem": {{nginx.mem}},
  "maintainer": "containers@bitnami.com",
{{#nginx.contentDir}}
  "cmd": "cd /opt/bitnami/nginx && ${tool} initialize nginx && rm -rf /opt/bitnami/nginx/html && ln -s /mnt/mesos/sandbox/{{nginx.contentDir}} /opt/bitnami/nginx/html && ${tool} start --foreground nginx",
{{/nginx.contentDir}}
{{#nginx.configUrl}}
  "cmd": "cd /opt/bitnami/nginx && ${tool} initialize nginx && cp /mnt/mesos/sandbox/nginx/*.conf /bitnami/nginx/conf/vhosts/ && ${tool} start --foreground nginx",
{{/nginx.configUrl}}
  "container": {
    "type": "DOCKER",
    "docker": {
      "image": "{{resource.assets.container.docker.nginx-docker}}",
    {{#nginx.bridge}}
      "network": "BRIDGE",
      "portMappings": [
        { "containerPort": 80, "hostPort": 0 },
        { "containerPort": 443, "hostPort": 0 }
      ]
    {{/nginx.bridge}}
    {{^nginx.bridge}}
      "network": "HOST"
    {{/nginx.bridge}}
    }
  },
  "healthChecks": [
    {
      "protocol": "COMMAND",
      "command": { "value": "${tool} status nginx | grep -q 'com.bitnami.nginx is running'" },
      "gracePeriodSeconds": 300,
      "intervalSeconds": 60,
      "timeoutSeconds": 20,
      "maxConsecutiveFailures": 3
    }
  ],
{{#nginx.contentUrl}}
  "uris": ["{{nginx.contentUrl}}"],
{{/nginx.contentUrl}}
{{#nginx.configUrl}}
  "uris": ["{{nginx.configUrl}}"],
{{/nginx.configUrl}}
  "acceptedResourceRoles": ["{{nginx.role}}"],
  "labels": {
    {{#nginx.virtual-host}}
    "HAPROXY_GROUP": "external",
    "HAPROXY_0_VHOST": "{{nginx.virtual-host}}",
    "HAPROXY_0_REDIRECT_TO_HTTPS": "{{nginx.https-redirect}}",
    {{/nginx.virtual-host}}
    "DCOS_SERVICE_NAME": "{{nginx.name}}",
    "DCOS_SERVICE_SCHEME": "http",
    "DCOS_SERVICE_PORT_INDEX": "0"
  }
}
`;

const config = obj({
  nginx: obj(
    {
      instances: int(1, { minimum: 1 }),
      cpus: num(1, { minimum: 1 }),
      mem: num(1024.0, { minimum: 256.0 }),
      minimumHealthCapacity: num(0.5, { minimum: 0 }),
      maximumOverCapacity: num(0.2, { minimum: 0 }),
      name: str('nginx'),
      role: str('*'),
      contentDir: str(),
      contentUrl: str(),
      configUrl: str(),
      bridge: bool(true),
      'virtual-host': str(),
      'https-redirect': bool(false),
    },
    ['cpus', 'mem', 'instances', 'name'],
  ),
});

function nginx(releaseVersion: number, version: string, image: string, tool: string): UniversePackage {
  return {
    packagingVersion: '2.0',
    name: 'nginx',
    version,
    releaseVersion,
    maintainer: 'containers@bitnami.com',
    description: 'nginx: HTTP server and reverse proxy.',
    tags: ['proxy', 'web-server', 'cache', 'reverse-proxy'],
    scm: 'http://hg.nginx.org/nginx/',
    framework: false,
    preInstallNotes: 'This package is a preview: not for production.',
    postInstallNotes: 'nginx is installed.',
    postUninstallNotes: 'nginx is uninstalled.',
    licenses: [{ name: 'BSD like', url: 'http://nginx.org/LICENSE' }],
    marathon: { v2AppMustacheTemplate: toBase64(template(tool)) },
    resource: { assets: { container: { docker: { 'nginx-docker': image } } }, images: universeIcons('nginx') },
    config,
  };
}

/** Revision 6, 1.10.3 (in Universe). */
export const NGINX = nginx(6, '1.10.3', 'bitnami/nginx:1.10.3-r1', 'nami');
/** Revision 5, 1.10.2 (the older build, bundled in the dev repository). */
export const NGINX_1_10_2 = nginx(5, '1.10.2', 'bitnami/nginx:1.10.2-r0', 'harpoon');
