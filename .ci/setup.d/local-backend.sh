# local-backend: the AWS CLI for the contract test of the user pool endpoint. The test runs the
# `aws` first on PATH, either major version: v1 (pip's, 1.45 here) or v2 (Debian 12's awscli,
# 2.9), the oldest of each it is run with. It turns the pager off with AWS_PAGER="", which both
# read (v2's --no-cli-pager flag is an error to v1).
aws_supported() {
  local v
  v=$(tool_version aws)
  case "$v" in
    1.*) at_least "$v" 1.45 ;;
    *) at_least "$v" 2.9 ;;
  esac
}
aws_supported || apt_install "awscli>=2.9"
aws_supported \
  || setup_fail "$(tool_problem aws "1.45 (v1) or 2.9 (v2)"); Debian's awscli is /usr/bin/aws"
