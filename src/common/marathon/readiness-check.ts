/**
 * An app's readiness check (`readinessCheck.raml`): what a deployment asks of a new instance before it counts.
 * Marathon reads every field with its default; normalization fills `httpStatusCodesForReady` ([200]) when it is absent.
 */
export interface ReadinessCheck {
  name: string;
  protocol: 'HTTP' | 'HTTPS';
  path: string;
  portName: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  httpStatusCodesForReady: number[];
  preserveLastResponse: boolean;
}

export const READINESS_CHECK_DEFAULTS = {
  name: 'readinessCheck',
  protocol: 'HTTP',
  path: '/',
  portName: 'http-api',
  intervalSeconds: 30,
  timeoutSeconds: 10,
  httpStatusCodesForReady: [200],
  preserveLastResponse: false,
} as const;

/**
 * The check as Marathon writes it back: all eight fields, in the RAML's order. Status codes are a set in
 * Marathon: duplicates go.
 */
export function readinessCheckOf(json: Record<string, unknown>): ReadinessCheck {
  const d = READINESS_CHECK_DEFAULTS;
  const codes = json.httpStatusCodesForReady;
  return {
    name: typeof json.name === 'string' ? json.name : d.name,
    protocol: json.protocol === 'HTTPS' ? 'HTTPS' : d.protocol,
    path: typeof json.path === 'string' ? json.path : d.path,
    portName: typeof json.portName === 'string' ? json.portName : d.portName,
    intervalSeconds: typeof json.intervalSeconds === 'number' ? json.intervalSeconds : d.intervalSeconds,
    timeoutSeconds: typeof json.timeoutSeconds === 'number' ? json.timeoutSeconds : d.timeoutSeconds,
    httpStatusCodesForReady: Array.isArray(codes) ? [...new Set(codes as number[])] : [...d.httpStatusCodesForReady],
    preserveLastResponse: typeof json.preserveLastResponse === 'boolean' ? json.preserveLastResponse : d.preserveLastResponse,
  };
}
