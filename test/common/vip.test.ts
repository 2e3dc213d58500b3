/**
 * Named VIP addresses and names as dcos-net computes them: the vectors of dcos-net's own test
 * (dcos_l4lb_lashup_vip_listener_SUITE.erl:54-66, range 11.0.0.0–11.0.0.254) and DC/OS's range.
 */
import { describe, expect, it } from 'vitest';
import { domainFragment, intToIp, ipToInt, vipAddress, vipDnsName } from '../../src/common/network/vip.ts';

const TEST_RANGE = { min: ipToInt('11.0.0.0'), max: ipToInt('11.0.0.254') };

describe('VIP addresses (erlang:phash2 of "<label>.<framework>")', () => {
  it("gives dcos-net's test vectors in its test range", () => {
    expect(intToIp(vipAddress('foo', 'bar', new Set(), TEST_RANGE)!)).toBe('11.0.0.37');
    expect(intToIp(vipAddress('baz', 'qux', new Set(), TEST_RANGE)!)).toBe('11.0.0.39');
  });

  it('moves to the next free address on a collision, wrapping at the top', () => {
    const first = vipAddress('foo', 'bar', new Set(), TEST_RANGE)!;
    expect(vipAddress('foo', 'bar', new Set([first]), TEST_RANGE)).toBe(first + 1);
    const all = new Set(Array.from({ length: 255 }, (_, i) => TEST_RANGE.min + i));
    expect(intToIp(vipAddress('foo', 'bar', new Set([...all].filter((ip) => ip !== TEST_RANGE.min)), TEST_RANGE)!)).toBe('11.0.0.0');
  });

  it("uses DC/OS's range, 11.0.0.0 to 11.255.255.255", () => {
    expect(intToIp(vipAddress('myapp', 'marathon')!)).toBe('11.215.13.222');
    expect(intToIp(vipAddress('nginx', 'marathon')!)).toBe('11.127.55.54');
    expect(intToIp(vipAddress('broker', 'kafka')!)).toBe('11.175.100.139');
  });
});

describe('VIP names', () => {
  it('fold a group path into one label and keep the framework', () => {
    expect(vipDnsName('/outer/sub/app', 'marathon')).toBe('outersubapp.marathon.l4lb.thisdcos.directory');
    expect(vipDnsName('myapp', 'marathon')).toBe('myapp.marathon.l4lb.thisdcos.directory');
    expect(domainFragment('My_App.v2..x')).toBe('my-app.v2.x');
  });
});
