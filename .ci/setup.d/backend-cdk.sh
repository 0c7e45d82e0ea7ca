# backend-cdk: Node.js for jsii (the CDK's Java bindings run on Node), the CDK CLI pinned in
# backend-cdk/package.json (the 'cdk synth' test runs it) and Chromium (the link page test).
# Sourced by .ci/run from the repository root; quick when everything is there.
{ command -v node && command -v npm; } > /dev/null 2>&1 || apt_install nodejs npm
command -v chromium > /dev/null 2>&1 || apt_install chromium
if ! backend-cdk/node_modules/.bin/cdk --version 2> /dev/null | grep -q '^2\.1034\.0 '; then
  (cd backend-cdk && npm ci --no-audit --no-fund)
fi
