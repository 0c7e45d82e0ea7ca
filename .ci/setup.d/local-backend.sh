# local-backend: the AWS CLI for the contract test of the user pool endpoint, and Chromium for
# the link page test in a real browser. Sourced by .ci/run as root; quick when already installed.
command -v aws > /dev/null 2>&1 || apt_install awscli
command -v chromium > /dev/null 2>&1 || apt_install chromium
