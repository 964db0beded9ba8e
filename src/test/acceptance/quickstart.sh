#!/usr/bin/env bash
# The README's quick start, as a newcomer would live it, against the built jar: start with --demo,
# operator commands while the server runs, the API with a token, a clear refusal for a port in use,
# and a graceful stop. Run by './haven test' after the Maven build; prints 'N passed, N failed'.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
export HAVEN_HOME="$ROOT/target/acceptance-home"
export HAVEN_PORT="${ACCEPTANCE_PORT:-$(( 20000 + RANDOM % 20000 ))}"
BASE="http://127.0.0.1:$HAVEN_PORT"
LOG="$ROOT/target/acceptance-server.log"
passed=0
failed=0

check() { # description, then a command that succeeds when the check holds
  local description="$1"; shift
  if "$@"; then
    passed=$((passed + 1)); echo "  ok    $description"
  else
    failed=$((failed + 1)); echo "  FAIL  $description"
  fi
}

rm -rf "$HAVEN_HOME"
cd "$ROOT"
echo "acceptance: starting Haven on port $HAVEN_PORT"
started=$(date +%s)
./haven start --demo >"$LOG" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null' EXIT

ready=false
for _ in $(seq 1 120); do
  if curl -fsS "$BASE/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then ready=true; break; fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done
seconds=$(( $(date +%s) - started ))
check "serves within 60 s (took ${seconds} s)" test "$ready" = true -a "$seconds" -le 60
check "prints the demo sign-ins" grep -q "caseworker@hotline.demo.example" "$LOG"
check "the master key is private (0600)" test "$(stat -c %a "$HAVEN_HOME/master-key.json")" = 600

organization=$(./haven admin create-organization --name "Acceptance Org" 2>/dev/null)
check "create-organization prints the id" grep -Eq '^[0-9a-f-]{36}$' <<<"$organization"
echo "a passphrase for acceptance" | ./haven admin create-user --organization "$organization" \
  --email acceptance@example.org --name "Acceptance Admin" --role ORGANIZATION_ADMIN >/dev/null 2>&1
check "create-user reads the password from stdin" test $? -eq 0
token=$(./haven admin create-token --email acceptance@example.org --name acceptance --expires-in 1d 2>/dev/null)
check "create-token prints the token alone" grep -Eq '^hvn_[A-Za-z0-9_-]{43}$' <<<"$token"

me=$(curl -sS -H "Authorization: Bearer $token" "$BASE/api/v1/me")
check "GET /api/v1/me returns the token's owner" grep -q '"email":"acceptance@example.org"' <<<"$me"
wrong=$(curl -sS -o /dev/null -w '%{http_code} %{content_type}' -H "Authorization: Bearer hvn_wrong" "$BASE/api/v1/me")
check "a wrong token gets 401 problem details" grep -q '^401 application/problem+json' <<<"$wrong"
listed=$(./haven admin list-users --organization "Acceptance Org" 2>/dev/null)
check "list-users shows the new user" grep -q "acceptance@example.org" <<<"$listed"

echo "a passphrase for the supervisor" | ./haven admin create-user --organization "$organization" \
  --email supervisor@example.org --name "Acceptance Supervisor" --role SUPERVISOR >/dev/null 2>&1
supervisor=$(./haven admin create-token --email supervisor@example.org --name acceptance --expires-in 1d 2>/dev/null)
person=$(curl -sS -H "Authorization: Bearer $supervisor" -H 'Content-Type: application/json' \
  -d '{"name":"Sreymom Acceptance","phone":"+855 12 000 111"}' "$BASE/api/v1/people")
person_id=$(sed -E 's/.*"id":"([0-9a-f-]{36})".*/\1/' <<<"$person")
check "POST /api/v1/people registers a person" grep -Eq '^[0-9a-f-]{36}$' <<<"$person_id"
found=$(curl -sS -H "Authorization: Bearer $supervisor" "$BASE/api/v1/people?q=Srey%20Mom")
check "a search finds her by another spelling" grep -q "\"id\":\"${person_id:-none}\"" <<<"$found"
opened=$(curl -sS -D "$ROOT/target/acceptance-case-headers" -H "Authorization: Bearer $supervisor" \
  -H 'Content-Type: application/json' -d '{"person":{"name":"Kanha Acceptance","estimatedAge":13},"createAnyway":true}' \
  "$BASE/api/v1/cases")
case_id=$(sed -E 's/^\{"id":"([0-9a-f-]{36})".*/\1/' <<<"$opened")
check "POST /api/v1/cases opens a case with its ETag" grep -qi '^etag: "0"' "$ROOT/target/acceptance-case-headers"
stale=$(curl -sS -o /dev/null -w '%{http_code}' -X PATCH -H "Authorization: Bearer $supervisor" \
  -H 'Content-Type: application/json' -H 'If-Match: "7"' -d '{"riskLevel":"HIGH"}' "$BASE/api/v1/cases/$case_id")
check "a stale PATCH of the case is refused with 412" test "$stale" = 412
listed_cases=$(curl -sS -H "Authorization: Bearer $supervisor" "$BASE/api/v1/cases?query=kanha")
check "GET /api/v1/cases?query= finds the case" grep -q "\"id\":\"${case_id:-none}\"" <<<"$listed_cases"
rotated=$(./haven admin rotate-keys --organization "$organization" 2>&1)
check "rotate-keys re-encrypts everything" grep -q ', 0 left.' <<<"$rotated"
again=$(curl -sS -H "Authorization: Bearer $supervisor" "$BASE/api/v1/people/$person_id")
check "she is still readable after rotation" grep -q '"name":"Sreymom Acceptance"' <<<"$again"
verified=$(./haven admin audit verify 2>&1)
check "audit verify finds the trail intact" grep -q 'The audit trail is intact.' <<<"$verified"
doomed=$(./haven admin create-organization --name "Acceptance Erased" 2>/dev/null)
erased=$(echo "$doomed" | ./haven admin erase-organization "$doomed" 2>&1)
check "erase-organization ID destroys its keys after the id is typed again" grep -q '^Erased' <<<"$erased"
today=$(date -u +%F)
rm -rf "$ROOT/target/acceptance-audit" && mkdir -p "$ROOT/target/acceptance-audit"
./haven admin audit export --from "$today" --to "$today" --out "$ROOT/target/acceptance-audit/bundle.zip" >/dev/null 2>&1
(cd "$ROOT/target/acceptance-audit" && "${JAVA_HOME:+$JAVA_HOME/bin/}jar" xf bundle.zip VerifyAuditBundle.java)
bundle_check=$(cd "$ROOT/target/acceptance-audit" && "${JAVA_HOME:+$JAVA_HOME/bin/}java" VerifyAuditBundle.java bundle.zip 2>&1 >/dev/null)
check "the exported bundle verifies with the standalone verifier" grep -q '^INTACT' <<<"$bundle_check"

refused=$(./haven admin rotate-master-key 2>&1)
check "rotate-master-key refuses while Haven runs" grep -q 'stop Haven first' <<<"$refused"
second=$(HAVEN_HOME="$ROOT/target/acceptance-second" ./haven start 2>&1)
check "a port in use is one clear sentence" grep -qx "haven: Port $HAVEN_PORT is already in use; stop the other program or set HAVEN_PORT." <<<"$second"

kill -TERM "$server"
stopped=false
for _ in $(seq 1 60); do
  if ! kill -0 "$server" 2>/dev/null; then stopped=true; break; fi
  sleep 0.5
done
check "SIGTERM stops Haven gracefully" test "$stopped" = true
check "the embedded database stopped with it" test ! -e "$HAVEN_HOME/postgres/postmaster.pid"
rotated_master=$(./haven admin rotate-master-key 2>&1)
check "rotate-master-key re-wraps every key with Haven stopped" grep -q 'The master key was replaced' <<<"$rotated_master"
after_rotation=$(./haven admin audit verify 2>&1)
check "everything opens under the new master key" grep -q 'The audit trail is intact.' <<<"$after_rotation"
rm -rf "$ROOT/target/acceptance-second"

echo "acceptance: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
