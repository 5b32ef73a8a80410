#!/usr/bin/env bash
# The whole review of a hire and of an urgent agency call-off, by curl, against a running `npm start`.
# Usage: scripts/walkthrough.sh [http://localhost:3000]
set -euo pipefail
B="${1:-http://localhost:3000}/api/v1"
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(eval("v"+process.argv[1]))})' "$1"; }
post() { curl -sS --fail-with-body -X POST "$B$1" -H "authorization: Bearer $2" -H 'content-type: application/json' ${4:+-H "Idempotency-Key: $4"} -d "$3"; }
token() { curl -sS --fail-with-body -X POST "$B/auth/dev-login" -H 'content-type: application/json' -d "{\"username\":\"$1\"}" | json .token; }

ADMIN=$(token admin); CHEF=$(token chef.akuten); HR=$(token hr.somatik); DIR=$(token div.somatik)
TODAY=$(date +%F)
echo "== review periods (HSN/1895/2025) for both kinds, from today"
for kind in hire agency_call_off; do
  curl -sS -X POST "$B/review-periods" -H "authorization: Bearer $ADMIN" -H 'content-type: application/json' \
    -d "{\"kind\":\"$kind\",\"validFrom\":\"$TODAY\",\"validTo\":\"$(date -d '+90 days' +%F)\",\"decisionRef\":\"HSN/1895/2025\",\"decidedBy\":\"Hälso- och sjukvårdsnämnden\",\"decidedOn\":\"$TODAY\"}"
  echo
done
UNIT=$(curl -sS "$B/org/units" -H "authorization: Bearer $CHEF" | json '.find(d=>d.code==="SOM").units.find(u=>u.code==="SOM-AKUT").id')

echo "== a hire: submit, HR review, director"
HIRE=$(post /requests "$CHEF" "{\"kind\":\"hire\",\"unitId\":\"$UNIT\",\"occupationalCategory\":\"nurse\",\"justification\":\"Ersätter sjuksköterska som slutat\",\"title\":\"Sjuksköterska\",\"employmentForm\":\"fixed_term\",\"fte\":1,\"startDate\":\"$(date -d '+30 days' +%F)\",\"endDate\":\"$(date -d '+200 days' +%F)\",\"replacement\":true,\"withinBudget\":true,\"monthlyCostSek\":52000,\"alternativesTried\":[\"internal_pool\"],\"consequenceIfRejected\":\"Patientsäkerheten nattetid\",\"savingsNote\":\"Vakansen finansierar tjänsten\"}" "walkthrough-hire-$$")
echo "$HIRE"
ID=$(echo "$HIRE" | json .id)
post "/requests/$ID/decisions" "$HR" '{"stage":"hr_review","outcome":"approve","comment":"Underlaget komplett"}'; echo
post "/requests/$ID/decisions" "$DIR" '{"stage":"director_decision","outcome":"approve_with_conditions","conditions":"Tidsbegränsad till augusti"}'; echo
curl -sS "$B/requests/$ID" -H "authorization: Bearer $CHEF" | json '.status+" valid until "+v.validUntil'

echo "== an urgent agency call-off: due in hours, returned once, resubmitted, approved"
CALL=$(post /requests "$CHEF" "{\"kind\":\"agency_call_off\",\"unitId\":\"$UNIT\",\"occupationalCategory\":\"physician\",\"justification\":\"Akut läkarbrist i helgen\",\"supplier\":\"Läkarbemanning AB\",\"frameworkAgreement\":\"RA-2024-17\",\"periodFrom\":\"$TODAY\",\"periodTo\":\"$(date -d '+3 days' +%F)\",\"extentHours\":48,\"estimatedCostSek\":120000,\"reason\":\"sick_leave\",\"alternativesTried\":[\"internal_pool\",\"overtime\"],\"urgent\":true}" "walkthrough-call-off-$$")
echo "$CALL"
CID=$(echo "$CALL" | json .id)
post "/requests/$CID/decisions" "$HR" '{"stage":"staffing_review","outcome":"return","comment":"Har grannkliniken kunnat hjälpa till?"}'; echo
post "/requests/$CID/resubmit" "$CHEF" '{"comment":"Grannkliniken saknar läkare","changes":{"alternativesTried":["internal_pool","overtime","neighbouring_unit"]}}'; echo
post "/requests/$CID/decisions" "$HR" '{"stage":"staffing_review","outcome":"approve"}'; echo
post "/requests/$CID/decisions" "$DIR" '{"stage":"director_decision","outcome":"approve"}'; echo
curl -sS "$B/requests/$CID/timeline" -H "authorization: Bearer $CHEF" | json '.map(e=>e.type).join(" → ")'
echo "== a mistake answers with what to fix"
curl -sS -X POST "$B/requests" -H "authorization: Bearer $CHEF" -H 'content-type: application/json' -d "{\"kind\":\"hire\",\"unitId\":\"$UNIT\",\"fte\":3}" ; echo
