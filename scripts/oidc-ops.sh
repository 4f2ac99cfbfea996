#!/usr/bin/env bash
# Local OpenID providers (npm oidc-provider, tests/lib/oidc-op.mjs) for the browser sign-in:
# "tinh" (the province's SSO) on $KSTT_OIDC_PORT and "bo" (a ministry's) on the next port.
#   source scripts/oidc-ops.sh; oidc_ops_start <state dir> <KSTT base URL>; ...; oidc_ops_stop <dir>
# Start exports KSTT_OIDC_PROVIDERS (a providers file in the state dir) and KSTT_OIDC_BASE_URL.
oidc_ops_start() {
  local dir=$1 base=$2 port=${KSTT_OIDC_PORT:-18090}
  local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  mkdir -p "$dir"
  nohup node "$root/tests/lib/oidc-op.mjs" "$port" tinh kstt-web tinh-secret-0123456789 "$base" >"$dir/oidc-tinh.log" 2>&1 &
  echo $! >"$dir/oidc-tinh.pid"
  nohup node "$root/tests/lib/oidc-op.mjs" $((port + 1)) bo kstt-bo - "$base" private_key_jwt >"$dir/oidc-bo.log" 2>&1 &
  echo $! >"$dir/oidc-bo.pid"
  for p in "$port" $((port + 1)); do
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$p/.well-known/openid-configuration" >/dev/null && break; sleep 0.1; done
  done
  # The ministry's provider authenticates us with private_key_jwt (our key, read from our JWKS).
  cat >"$dir/oidc-providers.json" <<JSON
[
  {"id": "tinh", "label": "Đăng nhập bằng tài khoản dùng chung của tỉnh",
   "issuer": "http://127.0.0.1:$port", "client_id": "kstt-web", "client_secret": "tinh-secret-0123456789",
   "scopes": "openid profile email", "claim_username": "preferred_username",
   "claim_roles": "realm_access.roles", "claim_unit": "unit_code",
   "role_map": "kstt-admin=admin,kstt-leader=leader,kstt-specialist=specialist,kstt-officer=officer,kstt-viewer=viewer",
   "autocreate": true, "leeway": 5, "jwks_refresh": 1},
  {"id": "bo", "label": "Đăng nhập bằng tài khoản của Bộ",
   "issuer": "http://127.0.0.1:$((port + 1))", "client_id": "kstt-bo", "auth_method": "private_key_jwt",
   "role_map": "kstt-viewer=viewer", "autocreate": true, "jwks_refresh": 1}
]
JSON
  export KSTT_OIDC_PROVIDERS="$dir/oidc-providers.json" KSTT_OIDC_BASE_URL="$base"
}
oidc_ops_stop() {
  local dir=$1 f
  for f in "$dir"/oidc-tinh.pid "$dir"/oidc-bo.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; rm -f "$f"
  done
}
