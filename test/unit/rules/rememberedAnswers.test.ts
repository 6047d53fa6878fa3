/**
 * Pure checks whose answers are kept per input for speed (docs/performance.md, CLI): credentialReason
 * and knownCredentialFormat. A kept answer must be the one computed for that exact input, also when
 * two inputs would read the same run together, and after the table is cleared for its bound.
 */
import assert from 'node:assert/strict';
import { credentialReason, knownCredentialFormat } from '../../../server/src/rules/catalog/credentials';

describe('answers kept per input', () => {
  it('credentialReason tells apart a name and value that run together the same', () => {
    // "API" + "KEYabc" and "APIKEY" + "abc" are the same characters: only the second name is a secret's.
    for (let round = 0; round < 2; round++) {
      assert.equal(credentialReason('API', 'KEYabc'), undefined);
      assert.equal(credentialReason('APIKEY', 'abc'), 'has a literal value and its name says it is a secret');
    }
  });

  it('gives the same answers before and after its tables fill up and are cleared', () => {
    const cases: [string, string][] = [
      ['DB_PASSWORD', 'hunter2'],
      ['DB_PASSWORD', 'changeme'],
      ['GITHUB', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
      ['URL', 'postgres://app:s3cret@db:5432/app'],
      ['TLS_SECRET', 'web-tls'],
      ['LOG_LEVEL', 'debug'],
      ['KEY', `-----BEGIN PRIVATE KEY-----${'A'.repeat(2000)}`],
    ];
    const first = cases.map(([n, v]) => [credentialReason(n, v), knownCredentialFormat(v)]);
    for (let i = 0; i < 25_000; i++) credentialReason(`NAME_${i}`, `value-${i}`);
    assert.deepEqual(cases.map(([n, v]) => [credentialReason(n, v), knownCredentialFormat(v)]), first);
    assert.deepEqual(first[0], ['has a literal value and its name says it is a secret', undefined]);
    assert.deepEqual(first[2], ['holds a GitHub token', 'a GitHub token']);
    assert.deepEqual(first[6], ['holds a private key', 'a private key']);
  });
});
