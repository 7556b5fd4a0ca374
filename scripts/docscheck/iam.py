"""IAM policies: parliament (unknown actions, malformed statements) plus structure rules.

Policies are the files under docs/examples/iam/ and inline JSON fences that look like one (a
top-level ``Statement``). Each is classified as an identity, resource or trust policy: by an
explicit ``data-check="iam-trust"`` (or ``iam-identity``, ``iam-resource``), else by its file
name (``trust-policy-*.json``, ``identity-policy-*``, ``*-bucket-policy-*``...), else by content.
"""

from __future__ import annotations

import re
import warnings

from .data_formats import compose, locate
from .fences import Sample, samples_of
from .findings import Finding, check

VERSION = "2012-10-17"
POLICY_KEYS = {"Version", "Id", "Statement"}
STATEMENT_KEYS = {
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
}
PRINCIPAL_KEYS = {"AWS", "Service", "Federated", "CanonicalUser"}
TRUST_ACTIONS = {
    "sts:assumerole",
    "sts:assumerolewithsaml",
    "sts:assumerolewithwebidentity",
    "sts:tagsession",
    "sts:setsourceidentity",
    "sts:setcontext",
}
RE_ACTION = re.compile(r"^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$")
RE_TRUST_NAME = re.compile(r"trust-polic")
RE_IDENTITY_NAME = re.compile(r"identity-polic|permissions?-polic|boundary")
RE_RESOURCE_NAME = re.compile(r"(bucket|queue|topic|key|repository|resource|secret|function)-polic")
RE_OIDC_PROVIDER = re.compile(r"^arn:aws[-a-z]*:iam::\d{12}:oidc-provider/.+$")
KINDS = ("identity", "resource", "trust")


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def classify(policy: dict, name: str = "", explicit: str = "") -> str:
    """identity, resource or trust."""
    if explicit.startswith("iam-") and explicit[4:] in KINDS:
        return explicit[4:]
    lowered = name.lower()
    if RE_TRUST_NAME.search(lowered):
        return "trust"
    if RE_IDENTITY_NAME.search(lowered):
        return "identity"
    if RE_RESOURCE_NAME.search(lowered):
        return "resource"
    statements = [s for s in _as_list(policy.get("Statement")) if isinstance(s, dict)]
    if not any("Principal" in s or "NotPrincipal" in s for s in statements):
        return "identity"
    actions = [a for s in statements for a in _as_list(s.get("Action", [])) if isinstance(a, str)]
    if actions and all(a.lower() in TRUST_ACTIONS or a.lower() == "sts:assumerole*" for a in actions):
        return "trust"
    return "resource"


def structure_problems(policy, kind: str) -> list[tuple[tuple, str]]:
    """(path in the policy, message) for every rule broken. Pure: no line numbers here."""
    out: list[tuple[tuple, str]] = []
    if not isinstance(policy, dict):
        return [((), "a policy is a JSON object with Version and Statement")]
    for key in policy:
        if key not in POLICY_KEYS:
            out.append(((key,), f"unknown top-level element {key!r} (a policy has Version, Id, Statement)"))
    if "Version" not in policy:
        out.append(((), f'no "Version": "{VERSION}" (without it policy variables do not work)'))
    elif policy["Version"] != VERSION:
        out.append((("Version",), f'Version must be "{VERSION}", not {policy["Version"]!r}'))
    statements = policy.get("Statement")
    if statements is None:
        out.append(((), "no Statement"))
        return out
    if not isinstance(statements, list):
        out.append((("Statement",), "Statement must be a list of statements ([ {...} ])"))
        statements = [statements]
        base: tuple = ("Statement",)
        paths = [base]
    else:
        paths = [("Statement", index) for index in range(len(statements))]
    sids = {}
    for path, statement in zip(paths, statements, strict=True):
        if not isinstance(statement, dict):
            out.append((path, "a statement must be an object"))
            continue
        for key in statement:
            if key not in STATEMENT_KEYS:
                out.append(((*path, key), f"unknown statement element {key!r}"))
        sid = statement.get("Sid")
        if sid is not None:
            if sid in sids:
                out.append(((*path, "Sid"), f"Sid {sid!r} is used twice"))
            sids[sid] = True
        effect = statement.get("Effect")
        if effect not in ("Allow", "Deny"):
            out.append(
                (
                    (*path, "Effect") if "Effect" in statement else path,
                    f"Effect must be Allow or Deny, not {effect!r}"
                    if effect is not None
                    else "statement has no Effect",
                )
            )
        has_action, has_not_action = "Action" in statement, "NotAction" in statement
        if has_action == has_not_action:
            out.append((path, "a statement needs exactly one of Action and NotAction"))
        for key in ("Action", "NotAction"):
            for action in _as_list(statement.get(key, [])):
                if not isinstance(action, str) or not RE_ACTION.match(action):
                    out.append(((*path, key), f"{action!r} is not an action (service:Action or *)"))
        if "Resource" in statement and "NotResource" in statement:
            out.append((path, "a statement has at most one of Resource and NotResource"))
        if "Principal" in statement and "NotPrincipal" in statement:
            out.append((path, "a statement has at most one of Principal and NotPrincipal"))
        has_principal = "Principal" in statement or "NotPrincipal" in statement
        has_resource = "Resource" in statement or "NotResource" in statement
        for key in ("Principal", "NotPrincipal"):
            principal = statement.get(key)
            if principal is None:
                continue
            if principal != "*" and not (
                isinstance(principal, dict) and principal and set(principal) <= PRINCIPAL_KEYS
            ):
                out.append(
                    ((*path, key), f'{key} must be "*" or an object with AWS, Service, Federated or CanonicalUser')
                )
        if kind == "identity":
            if has_principal:
                out.append(
                    (
                        (*path, "Principal" if "Principal" in statement else "NotPrincipal"),
                        "an identity policy must not name a Principal (it applies to whoever it is attached to)",
                    )
                )
            if not has_resource:
                out.append((path, "an identity policy statement needs Resource (or NotResource)"))
        elif kind == "resource":
            if not has_principal:
                out.append((path, "a resource policy statement needs a Principal (who is allowed or denied)"))
        elif kind == "trust":
            if not has_principal:
                out.append((path, "a trust policy statement needs a Principal (who may assume the role)"))
            if has_resource:
                out.append(
                    (
                        (*path, "Resource" if "Resource" in statement else "NotResource"),
                        "a trust policy must not have Resource (the role itself is the resource)",
                    )
                )
            if has_not_action:
                out.append(((*path, "NotAction"), "a trust policy lists its actions with Action, not NotAction"))
            for action in _as_list(statement.get("Action", [])):
                if isinstance(action, str) and action.lower() not in TRUST_ACTIONS:
                    out.append(
                        (
                            (*path, "Action"),
                            f"{action!r} does not belong in a trust policy "
                            "(only sts:AssumeRole*, sts:TagSession, sts:SetSourceIdentity, sts:SetContext)",
                        )
                    )
    return out


def _parliament():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import parliament
        from parliament.cli import is_finding_filtered
    return parliament, is_finding_filtered


def parliament_problems(text: str, kind: str) -> list[tuple[int, str]]:
    """(line in the policy text, message) for each parliament finding that applies to ``kind``."""
    parliament, is_finding_filtered = _parliament()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        policy = parliament.analyze_policy_string(text)
    out = []
    for finding in policy.findings:
        finding = parliament.enhance_finding(finding)
        if is_finding_filtered(finding, "LOW"):
            continue
        detail = str(finding.detail)
        if (
            finding.issue == "MALFORMED"
            and "neither Resource nor NotResource" in detail
            and kind in ("trust", "resource")
        ):
            continue  # trust policies must not have Resource; some resource policies (ECR) omit it
        if finding.issue == "UNKNOWN_FEDERATION_SOURCE" and RE_OIDC_PROVIDER.match(detail):
            continue  # an IAM OIDC identity provider: valid, parliament only knows SAML and a few web IdPs
        location = finding.location if isinstance(finding.location, dict) else {}
        line = location.get("line") or 1
        out.append((line, f"{finding.issue}: {finding.title.strip()} ({detail})"))
    return out


def policy_samples(ctx) -> list[Sample]:
    return [sample for sample in samples_of(ctx, "iam") if not sample.parse_error]


def kind_of(sample: Sample) -> str:
    return classify(
        sample.data if isinstance(sample.data, dict) else {}, sample.file.name if sample.file else "", sample.explicit
    )


@check("iam-policy", "IAM policies pass parliament (unknown actions, prefixes, malformed statements)")
def check_parliament(ctx):
    for sample in policy_samples(ctx):
        for line, message in parliament_problems(sample.text, kind_of(sample)):
            yield Finding(sample.path, sample.at(line), "iam-policy", message)


@check(
    "iam-structure", "IAM policy structure: Version, Effect, Action/NotAction, Resource and Principal by policy kind"
)
def check_structure(ctx):
    for sample in policy_samples(ctx):
        kind = kind_of(sample)
        tree = compose(sample.text)
        for path, message in structure_problems(sample.data, kind):
            yield Finding(sample.path, sample.at(locate(tree, path)), "iam-structure", f"{message} [{kind} policy]")
