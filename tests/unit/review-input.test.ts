import { POLICY_V1 } from '@domain/policy';
import { aCallOff, aHire } from '../support/factories';
import { payloadDigest, reviewInputOf, routeFactsOf } from '../../apps/api/src/requests/review-input';

describe('what the review is told about a request', () => {
  it('digests equal requests alike whatever order their keys came in, and any changed field differently', () => {
    const hire = aHire();
    const reordered = Object.fromEntries(Object.entries(hire).reverse()) as typeof hire;
    expect(payloadDigest(reordered)).toBe(payloadDigest(hire));
    expect(payloadDigest({ ...hire, justification: `${hire.justification}.` })).not.toBe(payloadDigest(hire));
    expect(payloadDigest({ ...hire, alternativesTried: [] })).not.toBe(payloadDigest(hire));
  });

  it('routes a permanent hire that replaces nobody as a new permanent position, and an urgent call-off on hours', () => {
    expect(
      routeFactsOf(aHire({ employmentForm: 'permanent', endDate: undefined, replacement: false })),
    ).toEqual({
      newPermanentPosition: true,
      urgent: false,
      callOff: undefined,
      monthlyCostSek: expect.any(Number),
      occupationalCategory: expect.any(String),
    });
    const callOff = aCallOff({ urgent: true });
    expect(routeFactsOf(callOff)).toEqual({
      newPermanentPosition: false,
      urgent: true,
      occupationalCategory: callOff.occupationalCategory,
      callOff: {
        periodFrom: callOff.periodFrom,
        periodTo: callOff.periodTo,
        estimatedCostSek: callOff.estimatedCostSek,
      },
    });
  });

  it('starts the review with the facts, the digest and the whole route version the request was submitted under', () => {
    const payload = aHire();
    const policy = { ...POLICY_V1, version: 7 };
    const input = reviewInputOf(
      {
        id: 'r',
        kind: 'hire',
        requesterId: 'u',
        unitId: 'unit',
        divisionId: 'div',
        policyVersion: 7,
        payload,
      } as Parameters<typeof reviewInputOf>[0],
      policy,
    );
    expect(input).toMatchObject({
      ...routeFactsOf(payload),
      payloadDigest: payloadDigest(payload),
      policyVersion: 7,
      policy,
    });
    expect(input.monthlyCostSek).toBe(payload.kind === 'hire' && payload.monthlyCostSek);
  });
});
