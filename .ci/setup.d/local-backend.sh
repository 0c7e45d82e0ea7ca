# local-backend: the AWS CLI for the contract test of the user pool endpoint, and Chromium for
# the link page test in a real browser. Sourced by .ci/run as root; quick when already installed.
local_backend_packages=()
command -v aws >/dev/null 2>&1 || local_backend_packages+=(awscli)
command -v chromium >/dev/null 2>&1 || local_backend_packages+=(chromium)
if [ "${#local_backend_packages[@]}" -gt 0 ]; then
  if [ -z "${CI_APT_UPDATED:-}" ]; then
    apt-get update
    export CI_APT_UPDATED=1
  fi
  apt-get install -y --no-install-recommends "${local_backend_packages[@]}"
fi
unset local_backend_packages
