# backend-cdk: Node.js for jsii (the CDK's Java bindings run on Node) and the CDK CLI pinned in
# backend-cdk/package.json, which the 'cdk synth' test runs. Sourced by .ci/run from the repository root.
if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then
  apt-get update
  apt-get install -y --no-install-recommends nodejs npm
fi
if ! backend-cdk/node_modules/.bin/cdk --version 2> /dev/null | grep -q '^2\.1034\.0 '; then
  (cd backend-cdk && npm ci --no-audit --no-fund)
fi
