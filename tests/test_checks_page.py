"""docs/contributing/checks.md shows every message the content rules can print.

The messages are read from tests/test_content.py itself (each string a test builds: the advice
of its report, the problem lines, a bare assertion's message), so a new rule without its entry
on the page fails here, naming the text to document.
"""

from __future__ import annotations

import ast

from kit.sitebuild import ROOT

CONTENT_TESTS = ROOT / "tests" / "test_content.py"
CHECKS = ROOT / "docs" / "contributing" / "checks.md"
SHORTEST = 12  # characters: shorter pieces ("' has ") say nothing on their own


def _pieces(node: ast.AST) -> list[str]:
    """The literal text of a string or f-string, split where a value is filled in."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [part.value for part in node.values if isinstance(part, ast.Constant)]
    return []


def messages() -> dict[str, int]:
    """The longest literal piece of each message a content test builds → its line."""
    tree = ast.parse(CONTENT_TESTS.read_text(encoding="utf-8"))
    found = {}
    for function in tree.body:
        if not (isinstance(function, ast.FunctionDef) and function.name.startswith("test_")):
            continue
        body = function.body[1:] if ast.get_docstring(function) else function.body
        patterns = {  # regular expressions the test searches with, not messages
            id(argument)
            for statement in body
            for call in ast.walk(statement)
            if isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id == "re"
            for argument in call.args
        }
        for statement in body:
            for node in ast.walk(statement):
                if id(node) in patterns:
                    continue
                pieces = [" ".join(p.split()) for p in _pieces(node)]
                longest = max(pieces, key=len, default="")
                if len(longest.strip()) >= SHORTEST:
                    found[longest.strip()] = node.lineno
    return found


def test_the_content_rules_have_messages_to_look_for():
    assert len(messages()) > 20


def test_every_content_message_is_on_the_checks_page():
    page = " ".join(CHECKS.read_text(encoding="utf-8").split())
    # The page quotes messages with their values filled in; the literal pieces stay as written.
    missing = [
        f"tests/test_content.py:{line}: {text!r}"
        for text, line in messages().items()
        if text not in page and text.strip(" .;:'") not in page
    ]
    assert not missing, (
        f"{len(missing)} message(s) of the content rules are not on {CHECKS.relative_to(ROOT)}; "
        "add an example of each under 'Content rules', with what it means and how to fix it:\n"
        + "\n".join(missing)
    )
