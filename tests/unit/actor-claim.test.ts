import {
  CLAIM_MAX_AGE_MS,
  canonicalJson,
  claimProblem,
  parseClaimKeys,
  signActorClaim,
  type ClaimKey,
} from '@domain/actor-claim';

const key: ClaimKey = { kid: 'k1', secret: 'a1'.repeat(32) };
const otherKey: ClaimKey = { kid: 'k2', secret: 'b2'.repeat(32) };
const scope = { workflowId: 'review-r1', update: 'decide' };
const at = new Date('2026-12-01T10:00:00Z');
const aDecision = (extra: object = {}) => ({
  decisionId: 'd1',
  stage: 'hr',
  outcome: 'approve',
  actor: { userId: 'u1', grants: [{ role: 'hr_officer', unitId: null }] },
  ...extra,
});
const signed = (body: object, k = key) => ({ ...body, claim: signActorClaim(k, scope, body, at) });

describe('an actor claim', () => {
  it('vouches for exactly the update the API signed', () => {
    expect(claimProblem([key], scope, signed(aDecision()), at)).toBeUndefined();
  });

  it('is missing on an update nobody signed', () => {
    expect(claimProblem([key], scope, aDecision(), at)).toBe('missing');
  });

  it('no longer holds once any field of the update is changed, grants included', () => {
    const body = signed(aDecision());
    expect(claimProblem([key], scope, { ...body, outcome: 'reject' }, at)).toBe('bad_signature');
    expect(
      claimProblem([key], scope, { ...body, actor: { userId: 'u1', grants: [{ role: 'executive' }] } }, at),
    ).toBe('bad_signature');
    expect(claimProblem([key], scope, { ...body, onBehalfOfId: 'u9' }, at)).toBe('bad_signature');
  });

  it('cannot be replayed on another review or another update', () => {
    const body = signed(aDecision());
    expect(claimProblem([key], { ...scope, workflowId: 'review-r2' }, body, at)).toBe('bad_signature');
    expect(claimProblem([key], { ...scope, update: 'reassign' }, body, at)).toBe('bad_signature');
  });

  it('is refused once spent, when stale, and when signed by a key the verifier does not hold', () => {
    const body = signed(aDecision());
    expect(claimProblem([key], scope, body, at, new Set([body.claim.mac]))).toBe('spent');
    expect(claimProblem([key], scope, body, new Date(at.getTime() + CLAIM_MAX_AGE_MS + 1))).toBe('stale');
    expect(claimProblem([key], scope, signed(aDecision(), otherKey), at)).toBe('unknown_key');
    const forged = { ...aDecision(), claim: { ...body.claim, kid: 'k2' } };
    expect(claimProblem([key, otherKey], scope, forged, at)).toBe('bad_signature');
  });

  it('accepts claims from every verification key while keys rotate', () => {
    expect(claimProblem([otherKey, key], scope, signed(aDecision()), at)).toBeUndefined();
  });

  it('does not depend on the order of the fields', () => {
    const body = signed(aDecision());
    const reordered = JSON.parse(canonicalJson(body));
    expect(claimProblem([key], scope, reordered, at)).toBeUndefined();
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: 'x' }] })).toBe('{"a":[1,{"c":"x"}],"b":1}');
  });
});

describe('REVIEW_CLAIM_KEYS', () => {
  it('reads key ids and hex secrets, the first one signing', () => {
    expect(parseClaimKeys(`new:${'AB'.repeat(32)}, old:${'cd'.repeat(40)}`)).toEqual([
      { kid: 'new', secret: 'ab'.repeat(32) },
      { kid: 'old', secret: 'cd'.repeat(40) },
    ]);
  });

  it.each([
    [''],
    ['k1'],
    [`k1:${'ab'.repeat(31)}`],
    [`k1:${'zz'.repeat(32)}`],
    [`a:${'ab'.repeat(32)},a:${'cd'.repeat(32)}`],
  ])('refuses %j', (text) => {
    expect(() => parseClaimKeys(text)).toThrow();
  });
});
