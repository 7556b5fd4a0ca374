#!/usr/bin/env bash
# Log the Docker CLI in to your private Amazon ECR registry.
# Usage: ./ecr-login.sh [region]
#   Region: the argument, else AWS_REGION, else AWS_DEFAULT_REGION, else the Region in the
#   AWS CLI config file (aws configure get reads only the file, not environment variables).
# Needs: AWS CLI v2, Docker, and an IAM identity allowed ecr:GetAuthorizationToken.
# The login lasts as long as the token: 12 hours. Run it again after that.
set -euo pipefail

# aws configure get exits non-zero when nothing is set; "|| true" lets the check below report it.
region="${1:-${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region || true)}}}"
if [[ -z "${region}" ]]; then
  echo "No Region given and none configured; pass one, e.g. eu-west-1" >&2
  exit 1
fi

account_id="$(aws sts get-caller-identity --query Account --output text)"
registry="${account_id}.dkr.ecr.${region}.amazonaws.com"

# The password goes through a pipe, never onto the command line or into shell history.
aws ecr get-login-password --region "${region}" \
  | docker login --username AWS --password-stdin "${registry}"

echo "Logged in to ${registry}"
