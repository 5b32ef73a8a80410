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
    ).toEqual({ newPermanentPosition: true, urgent: false, callOff: undefined });
    const callOff = aCallOff({ urgent: true });
    expect(routeFactsOf(callOff)).toEqual({
      newPermanentPosition: false,
      urgent: true,
      callOff: {
        periodFrom: callOff.periodFrom,
        periodTo: callOff.periodTo,
        estimatedCostSek: callOff.estimatedCostSek,
      },
    });
  });

  it('starts the review with the facts and the digest of the request as recorded', () => {
    const payload = aHire();
    const input = reviewInputOf({
      id: 'r',
      kind: 'hire',
      requesterId: 'u',
      unitId: 'unit',
      divisionId: 'div',
      policyVersion: 1,
      payload,
    } as Parameters<typeof reviewInputOf>[0]);
    expect(input).toMatchObject({ ...routeFactsOf(payload), payloadDigest: payloadDigest(payload) });
  });
});
