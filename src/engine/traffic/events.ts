/** The request generator's one event: every running client sends its next second of requests. */
export type TrafficEvent = { type: 'traffic.tick' };
