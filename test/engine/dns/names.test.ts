/** Mesos-DNS's name rules: SHA-1, z-base-32 task hashes, RFC 1123 labels, and the masters' records, with upstream's vectors. */
import { describe, expect, it } from 'vitest';
import { sha1, toHex } from '../../../src/common/hash/sha1.ts';
import { mesosDnsHash, zBase32 } from '../../../src/common/hash/z-base-32.ts';
import { domainFrag, rfc1123Label } from '../../../src/engine/dns/labels.ts';
import { insertMasterRecords } from '../../../src/engine/dns/generate.ts';
import { RecordSet } from '../../../src/engine/dns/record-set.ts';

describe('SHA-1', () => {
  it('matches FIPS 180 test vectors', () => {
    expect(toHex(sha1(''))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(toHex(sha1('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(toHex(sha1('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    expect(toHex(sha1('a'.repeat(1000)))).toBe('291e9a6c66994949b57ba5e650361e98fc36b1ba');
    expect(toHex(sha1('The quick brown fox jumps over the lazy dog'))).toBe('2fd4e1c67a2d28fced849ee1bb76e7391b93eb12');
  });
});

describe('z-base-32 task hashes', () => {
  it('encodes as tv42/zbase32 does', () => {
    expect(zBase32(new Uint8Array([]))).toBe('');
    expect(zBase32(new Uint8Array([0xf0]))).toBe('6y');
    expect(zBase32(new Uint8Array([0xd4, 0x7a, 0x04]))).toBe('4t7ye');
  });

  it('hashes task ids as mesos-dns does (generator_test.go:375-380, docs/docs/http.md:101)', () => {
    expect(mesosDnsHash('test')).toBe('iffe9');
    expect(mesosDnsHash('nginx.48dccce7-90bc-11e6-ae70-70b3d5800001')).toBe('jhy6r');
  });
});

describe('RFC 1123 labels (records/labels/labels_test.go)', () => {
  it.each([
    ['4abc123', '4abc123'],
    ['-4abc123', '4abc123'],
    ['89fdgsf---gs7-fgs--d7fddg-123', '89fdgsf---gs7-fgs--d7fddg-123'],
    ['89fdgsf---gs7-fgs--d7fddg---123', '89fdgsf---gs7-fgs--d7fddg---123'],
    ['89fdgsf---gs7-fgs--d7fddg-', '89fdgsf---gs7-fgs--d7fddg'],
    ['fd%gsf---gs7-f$gs--d7fddg-123', 'fdgsf---gs7-fgs--d7fddg-123'],
    [
      'fd%gsf---gs7-f$gs--d7fddg123456789012345678901234567890123456789-123',
      'fdgsf---gs7-fgs--d7fddg1234567890123456789012345678901234567891',
    ],
    [
      '%%fdgsf---gs7-fgs--d7fddg123456789012345678901234567890123456789---123',
      'fdgsf---gs7-fgs--d7fddg1234567890123456789012345678901234567891',
    ],
    ['##fdgsf---gs7-fgs--d7fddg123456789012345678901234567890123456789-', 'fdgsf---gs7-fgs--d7fddg123456789012345678901234567890123456789'],
    ['hello--------------------------------------------------------f', 'hello--------------------------------------------------------f'],
    ['app.grp', 'app-grp'],
    ['My_App', 'my-app'],
    ['héllo', 'hllo'],
  ])('%s → %s', (name, label) => {
    expect(rfc1123Label(name)).toBe(label);
  });

  it('makes domain fragments part by part', () => {
    expect(domainFrag('pod_123$abc.marathon-0.6.0-dev.mesos')).toBe('pod-123abc.marathon-0.6.0-dev.mesos');
    expect(domainFrag('marathon')).toBe('marathon');
    expect(domainFrag('..Load Gen..')).toBe('loadgen');
  });
});

describe("the masters' records (generator_test.go:70-120, domain mesos)", () => {
  const records = (masters: string[], leader: string) => {
    const rs = new RecordSet();
    insertMasterRecords(rs, leader, masters);
    return { as: Object.fromEntries(rs.as), srvs: Object.fromEntries(rs.srvs) };
  };
  it('a leader alone is master0', () => {
    const { as, srvs } = records([], 'master@0.0.0.6:7');
    expect(as).toEqual({ 'leader.mesos.': ['0.0.0.6'], 'master.mesos.': ['0.0.0.6'], 'master0.mesos.': ['0.0.0.6'] });
    expect(srvs).toEqual({ '_leader._tcp.mesos.': ['leader.mesos.:7'], '_leader._udp.mesos.': ['leader.mesos.:7'] });
  });

  it('a leader missing from the list gets the next index; duplicates are skipped', () => {
    const { as } = records(['0.0.0.8:9', '0.0.0.8:9'], 'master@0.0.0.6:7');
    expect(as).toEqual({
      'leader.mesos.': ['0.0.0.6'],
      'master.mesos.': ['0.0.0.6', '0.0.0.8'],
      'master0.mesos.': ['0.0.0.8'],
      'master1.mesos.': ['0.0.0.6'],
    });
  });

  it('a listed leader keeps its place in the list', () => {
    const { as } = records(['0.0.0.8:9', '0.0.0.6:7'], 'master@0.0.0.6:7');
    expect(as['master0.mesos.']).toEqual(['0.0.0.8']);
    expect(as['master1.mesos.']).toEqual(['0.0.0.6']);
    expect(as['master2.mesos.']).toBeUndefined();
  });
});
