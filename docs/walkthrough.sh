#!/usr/bin/env bash
# GENERATED from docs/WALKTHROUGH.md by docs/extract-walkthrough.sh: edit the page, not this file.
# Runs the first-run walkthrough against a fresh stack at $B (default http://localhost:8080) and stops
# at the first unexpected answer. The admin password is read from $ARBITER_DATA_DIR/admin-password
# (default .arbiter/admin-password) unless ADMIN_PASSWORD is set.
set -euo pipefail
trap 'echo "!! walkthrough stopped at line $LINENO: $BASH_COMMAND" >&2' ERR

B=${B:-http://localhost:8080}
H='Content-Type: application/json'
c() { curl -sS --fail-with-body "$@"; local rc=$?; echo; return $rc; }
field() {
  local a v; a=$(cat); printf '%s\n' "$a" >&2
  v=$(printf '%s' "$a" | grep -o "\"$1\":\"[^\"]*\"" | sed -n '1s/^.*:"\(.*\)"$/\1/p')
  [ -n "$v" ] || { echo "!! no \"$1\" in that answer" >&2; return 1; }
  printf '%s\n' "$v"
}
see() { local a; a=$(cat); printf '%s\n' "$a"; case "$a" in *"$1"*) return 0 ;; esac; echo "!! expected $1" >&2; return 1; }
wait_for() {
  local n=$1 want=$2 a='' i; shift 2
  for ((i = 0; i < n; i++)); do
    if a=$("$@" 2>/dev/null); then case "$a" in *"$want"*) printf '%s\n' "$a"; return 0 ;; esac; fi
    sleep 2
  done
  printf '!! no %s after %s tries; last answer: %s\n' "$want" "$n" "$a" >&2; return 1
}
login() { c -X POST $B/api/auth/login -H "$H" -d "{\"email\":\"$1\",\"password\":\"$2\"}" 2>/dev/null | field accessToken 2>/dev/null; }

ADMIN_PASSWORD=${ADMIN_PASSWORD:-$(cat "${ARBITER_DATA_DIR:-.arbiter}/admin-password")}
ADM=$(login admin@arbiter.local "$ADMIN_PASSWORD")
c $B/api/me -H "Authorization: Bearer $ADM" | see '"roles":["ADMIN"]'
# → {"id":"722b…","email":"admin@arbiter.local","displayName":"Administrator","roles":["ADMIN"],…}

c -X POST $B/api/auth/register -H "$H" -d '{"email":"ml@lab.example","password":"lab password 123",
  "displayName":"Lab ML team","role":"LAB","organization":"Example Lab"}' | see '"id"'
# → {"id":"5b0e…"}
LAB=$(login ml@lab.example 'lab password 123')
c $B/api/domains | see '"key":"medicine"'
# → [{"key":"biology","name":"Biology"},…,{"key":"medicine","name":"Medicine"},…]

c $B/api/platform | see '"payFloorPerHour"'
# → {"currency":"USD","payFloorPerHour":{"amountMinor":2000,"currency":"USD"},"tierMultipliers":{"1":1.0,"2":1.25,"3":1.5},
#    "minimumPayout":{"amountMinor":5000,"currency":"USD"},"idleThresholdSeconds":120,"payableAfterDays":14}

JOB=$(c -X POST $B/api/jobs -H "$H" -H "Authorization: Bearer $LAB" -d '{
  "title": "Paediatric dosing answers", "domain": "medicine",
  "instructions": "Prefer the answer a careful paediatrician would give. Check every dose.",
  "comparison": "PAIRWISE",
  "dimensions": [
    {"key": "accuracy", "description": "Medically correct and safe", "scaleMin": 1, "scaleMax": 5},
    {"key": "clarity",  "description": "Clear to a parent",          "scaleMin": 1, "scaleMax": 5}],
  "judgmentsPerItem": 1, "minTier": 1,
  "hourlyRate": {"amountMinor": 6000, "currency": "USD"}, "expectedMinutesPerItem": 10,
  "budget": {"amountMinor": 500000, "currency": "USD"},
  "minRationaleLength": 20, "spotCheckPercent": 0}' | field id)
# → {"id":"c3f8…","status":"DRAFT"}

cat > /tmp/arbiter-items.ndjson <<'EOF'
{"externalId":"q-001","prompt":"What paracetamol dose suits a 12 kg child?","responses":[{"id":"r1","text":"About 180 mg (15 mg/kg) every 6 hours, at most four doses a day.","model":"model-x"},{"id":"r2","text":"120 mg/kg per dose.","model":"model-y"}]}
{"externalId":"q-002","prompt":"Is this line complete?","responses":[{"id":"r1","model":"model-x"}]}
EOF
c -X POST $B/api/jobs/$JOB/items -H 'Content-Type: application/x-ndjson' -H "Authorization: Bearer $LAB" \
  --data-binary @/tmp/arbiter-items.ndjson | see '"accepted":1'
# → {"accepted":1,"rejected":[{"line":2,"problem":"…"}],"rejectedTotal":1}

ORG=$(c $B/api/me -H "Authorization: Bearer $LAB" | field organizationId)
c -X POST $B/api/admin/labs/$ORG/funding -H "$H" -H "Authorization: Bearer $ADM" \
  -H "Idempotency-Key: walkthrough-deposit-$ORG" \
  -d '{"amount": {"amountMinor": 500000, "currency": "USD"}, "reference": "Wire 2026-11-30 Example Lab"}'
wait_for 15 '"status":"PUBLISHED"' c -X POST $B/api/jobs/$JOB/publish -H "Authorization: Bearer $LAB"
# → {"id":"c3f8…","title":"Paediatric dosing answers",…,"status":"PUBLISHED",…}

c -X POST $B/api/auth/register -H "$H" -d '{"email":"ada@example.org","password":"ada password 123",
  "displayName":"Dr Ada","role":"EXPERT"}' | see '"id"'
c -X POST $B/api/auth/register -H "$H" -d '{"email":"ben@example.org","password":"ben password 123",
  "displayName":"Dr Ben","role":"EXPERT"}' | see '"id"'
ADA=$(login ada@example.org 'ada password 123')
BEN=$(login ben@example.org 'ben password 123')
c $B/api/qualification/panel -H "Authorization: Bearer $ADA" | see '"minFailures":2'
# → {"models":[{"name":"sim-atlas",…},{"name":"sim-borealis",…},{"name":"sim-cirrus",…}],"judge":"sim-judge",
#    "minFailures":2,"requiredValid":3,"maxAttempts":10,"attemptsWindowDays":30}

Q0=$(c -X POST $B/api/qualification/questions -H "$H" -H "Authorization: Bearer $ADA" -d '{
  "domain":"medicine","answerType":"EXACT",
  "prompt":"What is the first-line drug treatment for type 2 diabetes in most adults?",
  "referenceAnswer":"Metformin","rationale":"Every major guideline starts with metformin."}' | field id)
# → {"id":"9e1d…","status":"EVALUATING","duplicateOf":null}
wait_for 30 '"status":"NOT_STUMPING"' c $B/api/qualification/questions/$Q0 -H "Authorization: Bearer $ADA"
# → {…,"status":"NOT_STUMPING","failures":0,"minFailures":2,…,"attempts":[{"model":"sim-atlas","answer":"Metformin","verdict":"CORRECT",…},…]}

A1=$(c -X POST $B/api/qualification/questions -H "$H" -H "Authorization: Bearer $ADA" -d '{
  "domain":"medicine","answerType":"EXACT",
  "prompt":"Which enzyme deficiency causes the classic form of congenital adrenal hyperplasia?",
  "referenceAnswer":"21-hydroxylase","rationale":"About 95% of CAH cases are 21-hydroxylase deficiency."}' | field id)
A2=$(c -X POST $B/api/qualification/questions -H "$H" -H "Authorization: Bearer $ADA" -d '{
  "domain":"medicine","answerType":"NUMERIC",
  "prompt":"What is the maximum daily paracetamol dose in mg/kg for a healthy child?",
  "referenceAnswer":"75","tolerance":5,"rationale":"Paediatric formularies cap it at 75 mg/kg/day."}' | field id)
A3=$(c -X POST $B/api/qualification/questions -H "$H" -H "Authorization: Bearer $ADA" -d '{
  "domain":"medicine","answerType":"MULTIPLE_CHOICE",
  "prompt":"Which electrolyte abnormality classically causes peaked T waves on an ECG?",
  "options":["Hypokalemia","Hyperkalemia","Hypocalcemia","Hypernatremia"],
  "referenceAnswer":"B","rationale":"High potassium speeds repolarisation: tall, narrow, peaked T waves."}' | field id)
for q in $A1 $A2 $A3; do
  wait_for 30 '"status":"AWAITING_REVIEW"' c $B/api/qualification/questions/$q -H "Authorization: Bearer $ADA"
done
# → {…,"status":"AWAITING_REVIEW","failures":3,"minFailures":2,"attempts":[{"model":"sim-atlas",
#    "answer":"I believe the answer is an inverted Marrowby spread, …","verdict":"INCORRECT",…},…]}
#   (the numeric one: answers 7340, 11120, 9310 against 75 ± 5; the multiple-choice one: A, D, A against B)
c "$B/api/qualification/status?domain=medicine" -H "Authorization: Bearer $ADA" | see '"qualified":false'
# → {"domain":"medicine","validQuestions":0,"requiredValid":3,"attemptsUsed":4,"maxAttempts":10,"attemptsLeft":6,…,"qualified":false,"tier":null,…}

c "$B/api/qualification/reviews/next?domain=medicine" -H "Authorization: Bearer $ADM" | see '"reviewsRequired":1'
# → {"questionId":"…","domain":"medicine","prompt":"Which enzyme deficiency…","answerType":"EXACT","options":null,
#    "reviewsSoFar":0,"reviewsRequired":1,"blindAnswer":null}      (no referenceAnswer, no rationale, no panel answers)
c -X POST $B/api/qualification/reviews/$A1/blind -H "$H" -H "Authorization: Bearer $ADM" \
  -d '{"blindAnswer":"21-hydroxylase"}' | see '"blindAgrees":true'
# → {"questionId":"…","answerType":"EXACT","referenceAnswer":"21-hydroxylase","options":null,"rubric":null,
#    "rationale":"About 95% of CAH cases…","panelAnswers":[{"model":"sim-atlas","answer":"…","verdict":"INCORRECT"},…],
#    "blindAnswer":"21-hydroxylase","blindAgrees":true}
c -X POST $B/api/qualification/reviews/$A1 -H "$H" -H "Authorization: Bearer $ADM" -d '{
  "referenceCorrect":true,"unambiguous":true,"expertLevel":true,"comment":"Standard, unambiguous."}' | see '"questionStatus":"VALID"'
# → {"reviewId":"…","questionId":"…","referenceAnswer":"21-hydroxylase",…,"blindAgrees":true,"questionStatus":"VALID"}
c -X POST $B/api/qualification/reviews/$A2/blind -H "$H" -H "Authorization: Bearer $ADM" \
  -d '{"blindAnswer":"75"}' | see '"blindAgrees":true'
c -X POST $B/api/qualification/reviews/$A2 -H "$H" -H "Authorization: Bearer $ADM" -d '{
  "referenceCorrect":true,"unambiguous":true,"expertLevel":true}' | see '"questionStatus":"VALID"'
c -X POST $B/api/qualification/reviews/$A3/blind -H "$H" -H "Authorization: Bearer $ADM" \
  -d '{"blindAnswer":"B"}' | see '"blindAgrees":true'
c -X POST $B/api/qualification/reviews/$A3 -H "$H" -H "Authorization: Bearer $ADM" -d '{
  "referenceCorrect":true,"unambiguous":true,"expertLevel":true}' | see '"questionStatus":"VALID"'
c "$B/api/qualification/status?domain=medicine" -H "Authorization: Bearer $ADA" | see '"qualified":true'
# → {"domain":"medicine","validQuestions":3,"requiredValid":3,…,"qualified":true,"tier":2,"source":"EVIDENCE"}

B1=$(c -X POST $B/api/qualification/questions -H "$H" -H "Authorization: Bearer $BEN" -d '{
  "domain":"medicine","answerType":"EXACT",
  "prompt":"Which monoclonal antibody fragment specifically reverses the anticoagulant dabigatran?",
  "referenceAnswer":"Idarucizumab","rationale":"Idarucizumab binds dabigatran; andexanet is for factor Xa inhibitors."}' | field id)
B2=$(c -X POST $B/api/qualification/questions -H "$H" -H "Authorization: Bearer $BEN" -d '{
  "domain":"medicine","answerType":"NUMERIC",
  "prompt":"How many milligrams of intramuscular adrenaline does an adult in anaphylaxis receive per dose?",
  "referenceAnswer":"0.5","tolerance":0,"rationale":"0.5 mg (0.5 ml of 1 mg/ml) into the anterolateral thigh."}' | field id)
B3=$(c -X POST $B/api/qualification/questions -H "$H" -H "Authorization: Bearer $BEN" -d '{
  "domain":"medicine","answerType":"EXACT",
  "prompt":"Which nerve is most at risk in a mid-shaft fracture of the humerus?",
  "referenceAnswer":"Radial nerve","rationale":"It runs in the spiral groove along the shaft: wrist drop."}' | field id)
for q in $B1 $B2 $B3; do
  wait_for 30 '"status":"AWAITING_REVIEW"' c $B/api/qualification/questions/$q -H "Authorization: Bearer $BEN"
done

for i in 1 2 3; do
  NEXT=$(c "$B/api/qualification/reviews/next?domain=medicine" -H "Authorization: Bearer $ADA")
  Q=$(printf '%s' "$NEXT" | field questionId)
  case $NEXT in
    *dabigatran*) BLIND='Idarucizumab' ;;
    *adrenaline*) BLIND='0.5' ;;
    *humerus*)    BLIND='Radial nerve' ;;
  esac
  c -X POST $B/api/qualification/reviews/$Q/blind -H "$H" -H "Authorization: Bearer $ADA" \
    -d "{\"blindAnswer\":\"$BLIND\"}" | see '"blindAgrees":true'
  c -X POST $B/api/qualification/reviews/$Q -H "$H" -H "Authorization: Bearer $ADA" \
    -d '{"referenceCorrect":true,"unambiguous":true,"expertLevel":true}' | see '"questionStatus":"VALID"'
done
c "$B/api/qualification/status?domain=medicine" -H "Authorization: Bearer $BEN" | see '"qualified":true'

wait_for 30 '"domain":"medicine"' c $B/api/tasks/eligibility -H "Authorization: Bearer $ADA"
wait_for 30 '"domain":"medicine"' c $B/api/tasks/eligibility -H "Authorization: Bearer $BEN"
# → {"expertId":"…","displayName":"Dr Ada","qualifications":[{"domain":"medicine","tier":2}]}
c $B/api/jobs/$JOB -H "Authorization: Bearer $ADA" | see '"effectiveHourlyRate":{"amountMinor":7500'
# → {"id":"c3f8…",…,"hourlyRate":{"amountMinor":6000,"currency":"USD"},…,"effectiveHourlyRate":{"amountMinor":7500,"currency":"USD"},"tier":2}
CLAIM=$(c -X POST $B/api/tasks/claim -H "$H" -H "Authorization: Bearer $ADA" -d "{\"jobId\":\"$JOB\"}")
TASK=$(printf '%s' "$CLAIM" | field taskId)
SID=$(printf '%s' "$CLAIM" | field sessionId 2>/dev/null)
# → {"taskId":"7bc1…","sessionId":"9f75…","state":"LEASED","leaseExpiresAt":"…","job":{…},
#    "item":{"prompt":"What paracetamol dose suits a 12 kg child?","responses":[{"label":"A","text":"120 mg/kg per dose."},
#            {"label":"B","text":"About 180 mg (15 mg/kg) every 6 hours, at most four doses a day."}]},
#    "draft":null,"feedback":null,"previousJudgment":null,"effectiveHourlyRate":{"amountMinor":7500,"currency":"USD"},"tierMultiplier":1.25}

GOOD=$(printf '%s' "$CLAIM" | grep -o '"label":"[AB]","text":"About 180' | cut -d '"' -f 4)
if [ "$GOOD" = A ]; then BAD=B; STRENGTH=-3; else BAD=A; STRENGTH=3; fi
echo "the correct answer is $GOOD, the dangerous one $BAD"

c -X POST $B/api/sessions/$SID/events -H "$H" -H "Authorization: Bearer $ADA" -d '{"seq":0,"events":[
  {"t":0,"type":"focus"},
  {"t":150,"type":"view","label":"A","from":0,"to":1},
  {"t":300,"type":"view","label":"B","from":0,"to":1},
  {"t":500,"type":"input","field":"rationale.accuracy","pos":0,"del":0,"ins":"15 mg/kg is right"},
  {"t":600,"type":"key","field":"rationale.accuracy","count":17,"intervalsMs":[120,95,140,110,130,88,150,105,99,160,115,125,90,135,100,140]},
  {"t":800,"type":"paste","field":"critique.0.quote","pos":0,"text":"120 mg/kg per dose","source":"internal"}]}' \
  | see '"duplicate":false'
# → 202 {"seq":0,"accepted":6,"duplicate":false}

judgment() { cat <<EOF
{"ranking":["$GOOD","$BAD"],"preferenceStrength":$STRENGTH,
 "scores":{"$GOOD":{"accuracy":5,"clarity":4},"$BAD":{"accuracy":1,"clarity":3}},
 "rationales":{"accuracy":"15 mg/kg is right: $GOOD gives the standard paediatric dose, $BAD eight times too much.",
               "clarity":"$1"},
 "critiques":[{"label":"$BAD","quote":"120 mg/kg per dose","category":"FACTUAL_ERROR","severity":"CRITICAL",
               "comment":"A toxic dose: the usual one is 10-15 mg/kg, four times a day at most."}],
 "overallRationale":"$GOOD is correct and safe to follow; $BAD would poison the child."}
EOF
}
c -X PUT $B/api/tasks/$TASK/draft -H "$H" -H "Authorization: Bearer $ADA" -d "{\"ranking\":[\"$GOOD\",\"$BAD\"]}"
JID=$(c -X POST $B/api/tasks/$TASK/judgment -H "$H" -H "Authorization: Bearer $ADA" \
  -d "$(judgment 'Both answers are short and easy to read.')" | field judgmentId)
# → 201 {"judgmentId":"0b71…"}
c $B/api/sessions/$SID -H "Authorization: Bearer $ADA" | see '"closeReason":"SUBMITTED"'
# → {"id":"9f75…","kind":"CLAIM",…,"state":"CLOSED","closeReason":"SUBMITTED",…,"activeSeconds":1,"eventCount":6,
#    "integrity":{"intact":true,…},…,"signals":[],"finalisedAt":null,…}

CASE=$(c $B/api/reviews/next -H "Authorization: Bearer $BEN")
printf '%s' "$CASE" | see "\"judgmentId\":\"$JID\""
# → {"judgmentId":"0b71…","kind":"REVIEW","job":{…},"item":{…},"judgment":{"ranking":["B","A"],…},
#    "submittedAt":"…","disputeReason":null,"sessionId":"51d0…"}
c -X POST $B/api/reviews/$JID -H "$H" -H "Authorization: Bearer $BEN" -d '{"decision":"REVISE",
  "strengths":"Right ranking; the critique quotes the toxic dose exactly.",
  "issues":"The clarity rationale says nothing a parent needs: name the interval and the daily maximum."}' \
  | see '"judgmentState"'
# → 201 {"reviewId":"…","judgmentState":"REVISION"}

c $B/api/tasks/mine -H "Authorization: Bearer $ADA" | see '"decision":"REVISE"'
# → [{"taskId":"7bc1…","state":"REVISION",…,"judgmentState":"REVISION","feedback":{"decision":"REVISE",…}}]
REV=$(c $B/api/tasks/$TASK -H "Authorization: Bearer $ADA")
printf '%s' "$REV" | see '"previousJudgment":{'
# → {"taskId":"7bc1…","sessionId":"e3a0…","state":"REVISION",…,
#    "feedback":{"decision":"REVISE","kind":"REVIEW","strengths":"Right ranking;…","issues":"The clarity rationale…"},
#    "previousJudgment":{"ranking":["B","A"],"preferenceStrength":3,…},"draft":{…the same…}}
REV_SID=$(printf '%s' "$REV" | field sessionId 2>/dev/null)

c -X POST $B/api/sessions/$REV_SID/events -H "$H" -H "Authorization: Bearer $ADA" -d '{"seq":0,"events":[
  {"t":0,"type":"focus"},
  {"t":200,"type":"input","field":"rationale.clarity","pos":0,"del":0,"ins":"Interval and maximum"},
  {"t":300,"type":"key","field":"rationale.clarity","count":20,"intervalsMs":[130,110,145,98,120,105,160,115,92,140]}]}' \
  | see '"duplicate":false'
c -X POST $B/api/tasks/$TASK/judgment -H "$H" -H "Authorization: Bearer $ADA" -d "$(judgment \
  "$GOOD tells a parent the interval (every 6 hours) and the daily maximum (four doses); $BAD gives neither.")" \
  | see "\"judgmentId\":\"$JID\""
# → 201 {"judgmentId":"0b71…"}     (the same judgment)

c $B/api/reviews/next -H "Authorization: Bearer $BEN" | see "\"judgmentId\":\"$JID\""
c -X POST $B/api/reviews/$JID -H "$H" -H "Authorization: Bearer $BEN" -d '{"decision":"ACCEPT",
  "strengths":"The clarity rationale now names the interval and the daily maximum.","issues":"None left."}' \
  | see '"judgmentState":"ACCEPTED"'
# → 201 {"reviewId":"…","judgmentState":"ACCEPTED"}

wait_for 45 '"state":"VERIFIED"' c $B/api/sessions/$SID -H "Authorization: Bearer $ADA"
wait_for 45 '"state":"VERIFIED"' c $B/api/sessions/$REV_SID -H "Authorization: Bearer $ADA"
# → {"id":"9f75…","kind":"CLAIM",…,"state":"VERIFIED","closeReason":"SUBMITTED",…,
#    "signals":[{"name":"external_paste_share","family":"INPUT_PROVENANCE","value":0.0,…,"fired":false,…},…],
#    "finalisedAt":"…","paidSeconds":1,"externalPasteShare":0.0}

c $B/api/jobs/$JOB/progress -H "Authorization: Bearer $LAB"
c "$B/api/jobs/$JOB/export?format=trl&verified=true" -H "Authorization: Bearer $LAB" | see '"session_state":"VERIFIED"'
# → {"prompt":"What paracetamol dose suits a 12 kg child?","chosen":"About 180 mg (15 mg/kg) every 6 hours, …",
#    "rejected":"120 mg/kg per dose.","chosen_id":"r1","rejected_id":"r2","judgment_id":"0b71…","item_id":"…",
#    "external_id":"q-001","expert_tier":2,"preference_strength":3,"labels":{"A":"r2","B":"r1"},
#    "session_state":"VERIFIED","active_seconds":2,"external_paste_share":0.0}
c "$B/api/jobs/$JOB/export?format=native&verified=true" -H "Authorization: Bearer $LAB" | see '"decision":"REVISE"'
# → {"judgment_id":"0b71…",…,"ranking":["r1","r2"],…,"state":"ACCEPTED",…,
#    "reviews":[{"kind":"REVIEW","decision":"REVISE",…},{"kind":"REVIEW","decision":"ACCEPT",…}],
#    "labels":{…},"session_state":"VERIFIED","active_seconds":2,"external_paste_share":0.0}

echo "walkthrough: done"
