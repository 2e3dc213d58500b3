/** What reading a posted definition needs from Marathon's configuration: where ids resolve, the default role, networking flags. */
import type { AppContext } from '../../common/marathon/validate-app.ts';
import { networkConfigOf } from '../../common/marathon/app-normalize.ts';
import type { MarathonConfig } from './model.ts';

export function readContextOf(config: MarathonConfig, base = '/'): AppContext {
  return { base, defaultRole: config.role, network: networkConfigOf(config.flags), features: config.flags.features };
}
