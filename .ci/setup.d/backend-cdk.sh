# backend-cdk: Node.js 18 or newer for jsii (the CDK's Java bindings run on Node) and the CDK CLI
# pinned in backend-cdk/package.json (the 'cdk synth' test runs it); Debian 12's nodejs is 18.
# Sourced by .ci/run from the repository root; quick when everything is there.
node_min=18
node_packages=()
at_least "$(tool_version node)" "$node_min" || node_packages+=("nodejs>=$node_min")
# NodeSource's nodejs brings its own npm, which Debian's npm package conflicts with.
command -v npm > /dev/null 2>&1 || node_packages+=(npm)
[ "${#node_packages[@]}" -eq 0 ] || apt_install "${node_packages[@]}"
at_least "$(tool_version node)" "$node_min" \
  || setup_fail "$(tool_problem node "$node_min")"
cdk_pin=$(node -p "require('./backend-cdk/package.json').devDependencies['aws-cdk']")
cdk_installed() {
  [ "$(backend-cdk/node_modules/.bin/cdk --version 2> /dev/null | cut -d ' ' -f 1)" = "$cdk_pin" ]
}
cdk_installed || (cd backend-cdk && npm ci --no-audit --no-fund)
cdk_installed || setup_fail "backend-cdk/node_modules/.bin/cdk is not the pinned aws-cdk $cdk_pin after npm ci"
