"""Step Functions state machines (Amazon States Language) pass statelint.

Samples are the files under docs/examples/stepfunctions/ and fences marked
``data-check="state-machine"``. statelint (PyPI, a port of AWS Labs' statelint) checks the
fields each state type requires or forbids and their types, transitions to states that do not
exist, states that nothing reaches, the shape of ``Retry`` and ``Catch``, and paths.

Its messages name a place as ``State Machine.States.Resize.Retry[0].IntervalSeconds`` (or,
for an unreachable state, ``State Machine.Done``); :func:`path_in` matches that text against
the parsed definition, so state names with spaces or dots still resolve, and the finding
points at the line of the deepest part found.
"""

from __future__ import annotations

import re

from .data_formats import compose, locate
from .fences import samples_of
from .findings import Finding, check

ROOT = "State Machine"
# What may follow a key in statelint's path text.
KEY_END = re.compile(r"$|[.\[\s,:\"']")
INDEX = re.compile(r"\[(\d+)\]")


def path_in(data, text: str) -> tuple:
    """The key/index path that ``text`` (what follows ``State Machine``) names in ``data``."""
    path: list = []
    node = data
    position = 0
    while position < len(text):
        rest = text[position:]
        index = INDEX.match(rest)
        if index:
            number = int(index.group(1))
            if not isinstance(node, list) or number >= len(node):
                break
            path.append(number)
            node = node[number]
            position += index.end()
            continue
        if not rest.startswith(".") or not isinstance(node, dict):
            break
        rest = rest[1:]
        key = _longest_key(node, rest)
        if key is None and isinstance(node.get("States"), dict):
            # "No transition found to state State Machine.Done" names a state without "States".
            key = _longest_key(node["States"], rest)
            if key is not None:
                path.append("States")
                node = node["States"]
        if key is None:
            break
        path.append(key)
        node = node[key]
        position += 1 + len(key)
    return tuple(path)


def _longest_key(node: dict, rest: str):
    keys = [key for key in node if isinstance(key, str) and rest.startswith(key) and KEY_END.match(rest[len(key) :])]
    return max(keys, key=len) if keys else None


def problems(data) -> list[tuple[tuple, str]]:
    """(path, message) for each problem statelint finds in a parsed definition."""
    from statelint.config import Config
    from statelint.nodes.factory.factory import StateFactory
    from statelint.nodes.state_machine import StateMachine

    out = []
    for problem in StateMachine(StateFactory(), data, Config()).validate():
        message = str(problem)
        where = message.find(ROOT)
        path = path_in(data, message[where + len(ROOT) :]) if where >= 0 else ()
        out.append((path, message))
    return out


def installed() -> bool:
    try:
        import statelint  # noqa: F401
    except ImportError:
        return False
    return True


@check("state-machine", "Step Functions state machines (Amazon States Language) pass statelint")
def check_state_machines(ctx):
    samples = [sample for sample in samples_of(ctx, "state-machine") if not sample.parse_error]
    if not samples:
        return
    if not installed():
        yield Finding(samples[0].path, 1, "state-machine", "statelint is not installed: run make install")
        return
    for sample in samples:
        if not isinstance(sample.data, dict):
            yield Finding(sample.path, sample.line, "state-machine", "a state machine definition is a JSON object")
            continue
        tree = compose(sample.text)
        for path, message in problems(sample.data):
            yield Finding(sample.path, sample.at(locate(tree, path)), "state-machine", message)
