import { describe, expect, it } from 'vitest';
import { timeOfUuid, timeUuid } from '../../../src/common/metronome/time-uuid.ts';

describe('time-based UUIDs', () => {
  it('lays out RFC 4122 version 1 fields', () => {
    const id = timeUuid(1_767_225_600_000, 0, 0x1234, 0x0242ac110002);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id.endsWith('-9234-0242ac110002')).toBe(true);
    expect(timeOfUuid(id)).toBe(1_767_225_600_000);
  });

  it('orders by time and by tick within a millisecond', () => {
    const a = timeUuid(1_767_225_600_000, 1, 0, 1);
    const b = timeUuid(1_767_225_600_000, 2, 0, 1);
    expect(a).not.toBe(b);
    expect(timeOfUuid(timeUuid(1_767_225_601_234, 9999, 0, 1))).toBe(1_767_225_601_234);
  });

  it('matches a UUID made by a v1 generator', () => {
    // Made with Python's uuid module from the 100 ns count of 2026-01-01T00:00:00Z, clock sequence 0, node 1; its `.time`,
    // added to 1582-10-15 with datetime, gives 2026-01-01 00:00:00 back.
    expect(timeUuid(1_767_225_600_000, 0, 0, 1)).toBe('d0c3c000-e6a4-11f0-8000-000000000001');
  });
});
