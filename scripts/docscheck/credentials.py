"""No real-looking AWS credentials and no real account IDs in what the site publishes.

Access key IDs (AKIA..., ASIA...) and 40-character secret keys are findings unless they are
AWS's documented examples (they contain ``EXAMPLE``, like ``AKIAIOSFODNN7EXAMPLE``). A
12-digit number is taken for an account ID and must be one of AWS's documentation
placeholders.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .findings import Finding, check

# The placeholders AWS documentation uses, and which the authoring brief allows. AWS publishes no
# single list; these three are the ones used throughout the IAM User Guide and named in the
# authoring brief. Add another only with a source (or allow one use in check-allowlist.yml).
PLACEHOLDER_ACCOUNT_IDS = frozenset({"123456789012", "111122223333", "444455556666"})
RE_ACCESS_KEY_ID = re.compile(
    r"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])"
)
RE_SECRET_KEY = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
RE_ACCOUNT_ID = re.compile(r"(?<![0-9A-Za-z])\d{12}(?![0-9A-Za-z])")
MIN_SECRET_ENTROPY = 4.2


def entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def looks_like_secret(candidate: str) -> bool:
    return (
        "EXAMPLE" not in candidate
        and any(c.isupper() for c in candidate)
        and any(c.islower() for c in candidate)
        and any(c.isdigit() for c in candidate)
        and entropy(candidate) >= MIN_SECRET_ENTROPY
    )


def line_problems(line: str) -> list[tuple[str, str]]:
    """(check id, message) for each suspicious string on one line."""
    out = []
    for match in RE_ACCESS_KEY_ID.finditer(line):
        if "EXAMPLE" not in match.group(0):
            out.append(
                (
                    "aws-credentials",
                    f"{match.group(0)[:4]}... looks like a real AWS access key ID: use "
                    "AWS's documented example AKIAIOSFODNN7EXAMPLE",
                )
            )
    for match in RE_SECRET_KEY.finditer(line):
        if looks_like_secret(match.group(0)):
            out.append(
                (
                    "aws-credentials",
                    f"{match.group(0)[:4]}... looks like an AWS secret access key: use "
                    "AWS's documented example wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                )
            )
    for match in RE_ACCOUNT_ID.finditer(line):
        if match.group(0) not in PLACEHOLDER_ACCOUNT_IDS:
            out.append(
                (
                    "account-id",
                    f"{match.group(0)} looks like an AWS account ID: use a documented placeholder "
                    f"({', '.join(sorted(PLACEHOLDER_ACCOUNT_IDS))})",
                )
            )
    return out


def text_problems(text: str) -> list[tuple[int, str, str]]:
    return [
        (number, check_id, message)
        for number, line in enumerate(text.splitlines(), 1)
        for check_id, message in line_problems(line)
    ]


def _scan(ctx, wanted: str):
    files = ctx.text_files()
    config = ctx.root / "mkdocs.yml"
    if config.is_file():
        files.append(config)
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, check_id, message in text_problems(text):
            if check_id == wanted:
                yield Finding(ctx.rel(path), number, check_id, message)


@check("aws-credentials", "no string that looks like a real AWS access key ID or secret key (EXAMPLE keys are fine)")
def check_credentials(ctx):
    return _scan(ctx, "aws-credentials")


@check("account-id", "12-digit account IDs are AWS's documented placeholders only")
def check_account_ids(ctx):
    return _scan(ctx, "account-id")
