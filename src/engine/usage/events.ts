/** The usage model's one event: a leaking task's memory reaches its limit. */
export type UsageEvent = { type: 'usage.oom'; taskId: string };
