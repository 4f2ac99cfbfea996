#!/usr/bin/env bash
# make test-security: sqlmap (Debian's package) against the public routes and a sample of the
# authenticated ones, on a private stack of its own (ports, database, rate limits wide open so that
# sqlmap is not simply answered 429). Fails when sqlmap finds anything injectable. Bounded in time.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export KSTT_VAR=$ROOT/var/security KSTT_TEST_PORT=${KSTT_SEC_PORT:-18680} KSTT_TEST_DB_PORT=${KSTT_SEC_DB_PORT:-13367}
export KSTT_TEST_DB_NAME=kstt_security KSTT_PUBLIC_RATE=100000r/s KSTT_PUBLIC_BURST=100000
export KSTT_LOGIN_MAX_FAILURES_ADDR=100000
BASE=http://127.0.0.1:$KSTT_TEST_PORT
OUT=$ROOT/build/test-logs/sqlmap
LEVEL=${SQLMAP_LEVEL:-3} RISK=${SQLMAP_RISK:-2}
rm -rf "$OUT"; mkdir -p "$OUT"
command -v sqlmap >/dev/null || { echo "sqlmap missing (scripts/deps.sh installs it)"; echo "0 passed, 1 failed"; exit 1; }
make -s -j2 api >/dev/null && make -s web >/dev/null || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/stack.sh stop test >/dev/null 2>&1
if ! bash scripts/stack.sh start test >"$OUT/stack.log" 2>&1; then cat "$OUT/stack.log"; echo "0 passed, 1 failed"; exit 1; fi
trap 'bash scripts/stack.sh stop test >/dev/null 2>&1' EXIT

token() { # username
  curl -sf -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"Kstt@2023\"}" \
    "$BASE/api/v1/auth/login" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
ADMIN=$(token admin); VP=$(token vp.kstt); XA=$(token xa11.daumoi)
[ -n "$ADMIN" ] && [ -n "$VP" ] && [ -n "$XA" ] || { echo "demo logins failed"; echo "0 passed, 1 failed"; exit 1; }

XU=$(curl -sf -H "Authorization: Bearer $XA" "$BASE/api/v1/auth/me" | sed -n 's/.*"unit_id":\([0-9]*\).*/\1/p')
[ -n "$XU" ] || XU=1
PROC=$(curl -sf "$BASE/api/v1/public/procedures?per_page=1" | sed -n 's/^{"items":\[{"id":[0-9]*,"code":"\([^"]*\)".*/\1/p')
[ -n "$PROC" ] || PROC=1.000001
PUB=$(curl -sf "$BASE/api/v1/public/feedback?per_page=1" | sed -n 's/^{"items":\[{"id":\([0-9]*\).*/\1/p')
[ -n "$PUB" ] || PUB=1

# name | token (or -) | url (a * marks a path parameter) | JSON body (or -)
TARGETS=$(cat <<T
public-procedures|-|$BASE/api/v1/public/procedures?q=dat+dai&level=province&field_id=1&online=1&page=1&per_page=10|-
public-procedure|-|$BASE/api/v1/public/procedures/$PROC*|-
public-procedure-form|-|$BASE/api/v1/public/procedures/$PROC/forms/1*|-
public-feedback|-|$BASE/api/v1/public/feedback?q=dat&unit_id=1&type=1&field=dat&page=1|-
public-feedback-track|-|$BASE/api/v1/public/feedback/PA-2025-000001*|-
public-feedback-published|-|$BASE/api/v1/public/answers/1*|-
public-kpi-summary|-|$BASE/api/v1/public/kpi/summary?unit_id=1&from=2025-01-01&to=2025-12-31|-
public-kpi-ranking|-|$BASE/api/v1/public/kpi/ranking?parent_id=1&level=district&from=2025-01-01&to=2025-12-31&metric=ontime_rate&order=desc|-
public-kpi-late|-|$BASE/api/v1/public/kpi/late?unit_id=1&from=2025-01-01&to=2025-12-31&apology=1|-
login|-|$BASE/api/v1/auth/login|{"username":"khong.co","password":"sai-mat-khau"}
units|$ADMIN|$BASE/api/v1/units?q=xa&level=commune&parent_id=2&page=1|-
users|$ADMIN|$BASE/api/v1/users?q=nguyen&role=officer&unit_id=2|-
audit|$ADMIN|$BASE/api/v1/audit?actor=admin&entity=unit&entity_id=1&action=unit.update&from=2025-01-01&to=2026-12-31|-
plans|$VP|$BASE/api/v1/plans?year=2023&status=published&kind=kstt&unit_id=1|-
assignments|$XA|$BASE/api/v1/assignments?status=in_progress&year=2023&overdue=1&due_before=2026-12-31&plan_id=1|-
feedback|$VP|$BASE/api/v1/feedback?box=all&status=new&type=1&unit_id=1&q=dat&from=2025-01-01&to=2026-12-31|-
procedures|$VP|$BASE/api/v1/procedures?q=dat&level=province&field_id=1&status=active|-
kpi-trend|$VP|$BASE/api/v1/kpi/trend?unit_id=1&from=2025-01-01&to=2025-12-31&granularity=month|-
timeline|$XA|$BASE/api/v1/timeline/parse|{"text":"Trước ngày 15/12/2023","year":2023}
reports|$VP|$BASE/api/v1/reports?period=2026-Q3&unit_id=1&status=submitted&kind=kstt&page=1|-
reports-tracker|$VP|$BASE/api/v1/reports/tracker?period=2026-Q3&unit_id=1&kind=kstt|-
reports-create|$XA|$BASE/api/v1/reports|{"unit_id":$XU,"kind":"kstt","period":"2025-Q1"}
comments|$VP|$BASE/api/v1/comments?entity=task&entity_id=1&page=1&per_page=20|-
notification-prefs|$XA|$BASE/api/v1/me/notification-preferences|{"digest_hour":7,"kinds":[{"kind":"task.update","mail":"digest"}]}|PUT
answer-follow|-|$BASE/api/v1/public/answers/$PUB/follow|{"email":"theo.doi@example.vn","email_code":"123456"}
unfollow|-|$BASE/api/v1/public/unfollow?token=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef|-
inspections|$VP|$BASE/api/v1/inspections?unit_id=1&year=2026&status=planned&page=1|-
inspections-create|$VP|$BASE/api/v1/inspections|{"unit_id":$XU,"subject":"kstt","planned_date":"2026-12-01","announced":true,"team":[]}
inspection-template|$VP|$BASE/api/v1/inspection-templates/kstt|{"items":["Niêm yết công khai TTHC"]}|PUT
communications|$VP|$BASE/api/v1/communications?unit_id=1&year=2026&kind=dialogue&page=1|-
communications-create|$XA|$BASE/api/v1/communications|{"kind":"news","date":"2026-11-01","title":"Tin bài","link":"https://example.vn"}
feedback-correct|$VP|$BASE/api/v1/feedback/$PUB/correct|{"answer":"Trả lời đính chính","reason":"Sai số liệu"}
search|$XA|$BASE/api/v1/search?q=dat+dai&kind=procedure&limit=5|-
focal-officers|$VP|$BASE/api/v1/focal-officers?unit_id=1&vacant=1&page=1|-
trainings|$VP|$BASE/api/v1/trainings?year=2026&unit_id=1&level=district&page=1|-
trainings-untrained|$VP|$BASE/api/v1/trainings/untrained?unit_id=2&year=2026|-
budget|$VP|$BASE/api/v1/budget?unit_id=2&year=2026&category_id=1&kind=spending|-
budget-line|$VP|$BASE/api/v1/budget/lines|{"unit_id":2,"year":2026,"category_id":1,"kind":"spending","amount":1000,"note":"Kiểm tra"}
internal-procedures|$XA|$BASE/api/v1/internal-procedures?unit_id=$XU&field=Van+thu&status=in_force&q=quy+trinh&page=1|-
internal-procedures-create|$XA|$BASE/api/v1/internal-procedures|{"unit_id":$XU,"name":"Quy trình nội bộ","field":"Văn thư","involved_unit_ids":[$XU]}
impact-assessments|$VP|$BASE/api/v1/impact-assessments?unit_id=1&status=sent&q=du+thao&overdue=1&page=1|-
impact-assessments-create|$XA|$BASE/api/v1/impact-assessments|{"unit_id":$XU,"title":"Dự thảo quyết định","doc_kind":"Quyết định","procedures":[{"action":"create","name":"Thủ tục"}],"answers":{"necessity":"Cần"}}
initiatives|$VP|$BASE/api/v1/initiatives/export?unit_id=1&status=proposed&q=so+hoa|-
initiatives-create|$XA|$BASE/api/v1/initiatives|{"unit_id":$XU,"title":"Sáng kiến số hóa","description":"Số hóa hồ sơ"}
review-forms|$VP|$BASE/api/v1/review/forms?plan_id=1&unit_id=1&procedure_id=1&status=submitted&page=1|-
review-proposals|$XA|$BASE/api/v1/review/proposals?decision_id=1&unit_id=$XU&status=proposed|-
review-decision|$VP|$BASE/api/v1/review/decisions|{"number":"1/QĐ-UBND","date":"2026-01-05","title":"Phê duyệt","proposal_ids":[1]}
procedure-cost|$VP|$BASE/api/v1/procedures/53/cost?year=2024|-
procedure-cost-put|$VP|$BASE/api/v1/procedures/53/cost|{"year":2023,"before":{"activities":[{"name":"Chuan bi ho so","kind":"dossier","hours":1.5,"money":1000}],"frequency":1,"subjects":10},"after":null}|PUT
cost-savings|$VP|$BASE/api/v1/review/savings?year=2024&unit_id=3&field_id=6&page=1&per_page=20|-
cost-savings-export|$VP|$BASE/api/v1/review/savings/export?year=2024&unit_id=3&field_id=6|-
index-results|$VP|$BASE/api/v1/index/2024*/results?kind=district|-
index-results-export|$VP|$BASE/api/v1/index/2024*/results/export?kind=district|-
index-evidence|$ADMIN|$BASE/api/v1/index/2025/evidence/1*|-
index-evidence-withdraw|$ADMIN|$BASE/api/v1/index/2025/evidence/999999*/withdraw|{}|POST
public-index-results|-|$BASE/api/v1/public/index/2024*/results?kind=department|-
index-assessment|$ADMIN|$BASE/api/v1/index/2025/assessments/3*|{"scores":[{"code":"1.1.1","value":true,"note":"Ghi chu","evidence":[{"title":"Ke hoach","url":"https://example.vn/kh.pdf"}]}]}|PUT
index-criteria|$ADMIN|$BASE/api/v1/index/2099/criteria?kind=district|[{"code":"1","name":"Chi dao","max":10,"method":"yesno","source":"self"}]|PUT
sipas-results|$VP|$BASE/api/v1/sipas/2025*/results?unit_id=3|-
sipas-links|$ADMIN|$BASE/api/v1/sipas/2025/links|{"unit_id":3,"count":1}
sipas-public|-|$BASE/api/v1/public/sipas/khongcoduongdannaotrongcoso|{"answers":[{"code":"A1","score":5}]}
rule-set|$ADMIN|$BASE/api/v1/rule-sets/kpi766*?at=2024-01-01|-
rule-set-diff|$ADMIN|$BASE/api/v1/rule-sets/period*/diff?from=2019-01-01&to=2024-01-01|-
rule-set-post|$ADMIN|$BASE/api/v1/rule-sets/tasks*|{"effective_from":"2100-12-30","rules":{"remind_before_working_days":[5,1],"overdue_every_working_days":5,"overdue_max":6},"note":"Kiem thu bao mat"}
T
)
passed=0; failed=0; injectable=0; tested=0
while IFS='|' read -r name tok url body method; do
  [ -n "$name" ] || continue
  args=(-u "$url" --batch --level="$LEVEL" --risk="$RISK" --technique=BEUST --time-sec=1 --threads=4
        --timeout=10 --retries=1 --flush-session --disable-coloring --output-dir="$OUT/$name"
        --skip=Host --ignore-code=401,404,422 --answers="custom injection marking=Y,check for other=N")
  [ "$tok" != - ] && args+=(--headers="Authorization: Bearer $tok")
  [ "$body" != - ] && args+=(--data="$body" --method="${method:-POST}")
  timeout 300 sqlmap "${args[@]}" >"$OUT/$name.log" 2>&1
  n=$(grep -cE "does not seem to be injectable|is not injectable" "$OUT/$name.log")
  tested=$((tested + n))
  if grep -qE "identified the following injection point|is vulnerable" "$OUT/$name.log"; then
    failed=$((failed + 1)); injectable=$((injectable + 1))
    echo "   INJECTABLE: $name"; grep -A6 "identified the following injection point" "$OUT/$name.log" | head -20
  elif grep -qE "all tested parameters do not appear to be injectable|does not seem to be injectable" "$OUT/$name.log"; then
    passed=$((passed + 1)); echo "   $name: $n parameters, none injectable"
  else
    failed=$((failed + 1)); echo "   $name: sqlmap did not finish (see $OUT/$name.log)"; tail -5 "$OUT/$name.log"
  fi
done <<<"$TARGETS"
echo "security: $((passed + failed)) targets, $tested parameters tested, $injectable injectable"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
