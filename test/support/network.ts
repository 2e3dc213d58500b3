/** The app the networking tests deploy: `/myapp` on the virtual network `dcos`, container port 8080 behind VIP `/myapp:80`. */
import type { Json } from './marathon.ts';

export const MYAPP_VIP = 'myapp.marathon.l4lb.thisdcos.directory';

export const overlayApp = (instances: number, extra: Json = {}): Json => ({
  id: '/myapp',
  cmd: 'python3 -m http.server 8080',
  cpus: 0.1,
  mem: 32,
  instances,
  networks: [{ mode: 'container', name: 'dcos' }],
  container: { type: 'MESOS', portMappings: [{ containerPort: 8080, name: 'http', labels: { VIP_0: '/myapp:80' } }] },
  ...extra,
});
