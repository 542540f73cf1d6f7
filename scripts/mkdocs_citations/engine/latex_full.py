"""LaTeX the fast decoder in ``latex`` does not handle, through pylatexenc.

``latex.decode`` sends a value here only when, after its own substitutions, a command it does
not know or a math formula is left (``\\textsuperscript``, ``\\url``, ``$x^{2}$``…): a few values
in a file, so pylatexenc's cost (milliseconds a value) is paid rarely. The result is text in the
fast decoder's own terms: braces that protect case stay, braces pylatexenc consumed as a
command's argument are gone, and literal braces are the fast decoder's stand-ins.

Superscripts and subscripts become Unicode characters (Ca²⁺, CO₂), not ``<sup>``/``<sub>``: one
reference is both the HTML list item and the plain-text tooltip and search text, which cannot
hold markup, and the characters that such titles use (digits, signs, a few letters) all have
Unicode forms. Text with a character that has none is left on the line, as written.
"""

from __future__ import annotations

import re
from functools import cache
from types import SimpleNamespace

_SUPERSCRIPTS = dict(
    zip(
        "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδεθιφχ",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵋᶿᶥᵠᵡ",
        strict=True,
    )
)
_SUBSCRIPTS = dict(
    zip(
        "0123456789+-=()aehijklmnoprstuvxβγρφχ",
        "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ",
        strict=True,
    )
)
_SUPERSCRIPTS["−"] = "⁻"
_SUBSCRIPTS["−"] = "₋"


def _scripted(text: str, table: dict[str, str]) -> str:
    """``text`` in super- or subscript characters, if every character has one."""
    if text and all(char in table for char in text):
        return "".join(table[char] for char in text)
    return text


# Commands whose one argument is text to keep, as the fast decoder keeps \emph{...}: braces and
# all (so its case is kept). biblatex's \mkbib… wrappers and case guards among them.
_WRAPPERS = frozenset(
    {
        "emph",
        "textit",
        "textbf",
        "textrm",
        "textsf",
        "textsc",
        "texttt",
        "textup",
        "textmd",
        "textnormal",
        "mbox",
        "text",
        "mathrm",
        "mathit",
        "mathbf",
        "mathsf",
        "mathtt",
        "mkbibemph",
        "mkbibitalic",
        "mkbibbold",
        "mkbibquote",
        "enquote",
        "NoCaseChange",
        "nocap",
        "ensuremath",
    }
)
_QUOTED = frozenset({"mkbibquote", "enquote"})
# Logos that pylatexenc 2 writes as nothing.
_LOGOS = {
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2ε",
    "BibTeX": "BibTeX",
    "XeTeX": "XeTeX",
    "LuaTeX": "LuaTeX",
    "ConTeXt": "ConTeXt",
    "biber": "Biber",
    "hyphen": "-",  # biblatex's breakable hyphen
}
_ONE_ARGUMENT = ("textsuperscript", "textsubscript", "mkbibsuperscript", "mkbibsubscript")


@cache
def _pylatexenc() -> SimpleNamespace:
    """pylatexenc, imported and set up when a value first needs it. Most bibliographies never do,
    and its default LaTeX context is some 2,000 objects that every later garbage collection of
    the build would walk, and milliseconds of import."""
    from pylatexenc import latexwalker
    from pylatexenc.latex2text import LatexNodes2Text
    from pylatexenc.macrospec import MacroSpec

    context = latexwalker.get_default_latex_context_db()
    context.add_context_category(
        "bibliography",
        prepend=True,
        macros=[MacroSpec(name, "{") for name in (*_WRAPPERS, *_ONE_ARGUMENT)],
    )
    return SimpleNamespace(
        walker=latexwalker,
        context=context,
        to_text=LatexNodes2Text(math_mode="text", strict_latex_spaces=False),
    )


# URLs are verbatim in LaTeX: %, _, ~ and # in them are characters, not commands. They are taken
# out before pylatexenc reads the text and put back after, in the private-use area.
_URL = re.compile(r"\\url\s*\{([^{}]*)\}|\\href\s*\{([^{}]*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_STASHED = re.compile("\ue000([0-9]+)\ue001")
_COMMENT = re.compile(r"(?<!\\)%")  # a bare % is a percent sign in a title, not a comment
# In math: a script marker and what it applies to, one character or a {group} (marked by the
# walker with \ue002…\ue003).
_MATH_SCRIPT = re.compile("([_^])(?:\ue002([^\ue002\ue003]*)\ue003|([^\\s\ue002\ue003]))")
_MATH_GROUP = re.compile("[\ue002\ue003]")


def decode_full(value: str) -> str:
    """``value`` decoded, with case-protecting braces kept and literal braces as the fast
    decoder's stand-ins (``\\x00``, ``\\x01``)."""
    urls: list[str] = []

    def stash(match: re.Match[str]) -> str:
        if match.group(3) is not None:  # \href{url}{text}: the text is what a reader sees
            return match.group(3)
        urls.append(match.group(1))
        return f"\ue000{len(urls) - 1}\ue001"

    text = _COMMENT.sub(r"\\%", _URL.sub(stash, value))
    latex = _pylatexenc()
    walker = latex.walker.LatexWalker(text, latex_context=latex.context, tolerant_parsing=True)
    nodes, _, _ = walker.get_latex_nodes()
    out = _nodes(nodes, math=False)
    if urls:
        out = _STASHED.sub(lambda m: _verbatim(urls[int(m.group(1))]), out)
    return out


def _literal(text: str) -> str:
    """Text in which a brace is a character, not case protection."""
    return text.replace("{", "\x00").replace("}", "\x01")


def _verbatim(url: str) -> str:
    """A URL as written: its braces, tildes and dashes stand in for themselves (see
    ``latex._literal_braces``), so no later step reads them as LaTeX."""
    return _literal(url).replace("~", "\x04").replace("-", "\x05")


def _nodes(nodes, math: bool) -> str:
    return "".join(_node(node, math) for node in nodes or ())


def _node(node, math: bool) -> str:
    if node is None:
        return ""
    latex = _pylatexenc()
    latexwalker = latex.walker
    if node.isNodeType(latexwalker.LatexCharsNode):
        return node.chars
    if node.isNodeType(latexwalker.LatexGroupNode):
        inner = _nodes(node.nodelist, math)
        return f"\ue002{inner}\ue003" if math else "{" + inner + "}"
    if node.isNodeType(latexwalker.LatexMathNode):
        inner = _nodes(node.nodelist, math=True)
        inner = _MATH_SCRIPT.sub(_math_script, inner)
        return _MATH_GROUP.sub("", inner)
    if node.isNodeType(latexwalker.LatexMacroNode):
        name = node.macroname
        arguments = [a for a in (node.nodeargd.argnlist if node.nodeargd else ()) if a]
        if name in _ONE_ARGUMENT:
            inner = _MATH_GROUP.sub("", _nodes(arguments, math).strip("{}"))
            table = _SUPERSCRIPTS if "super" in name else _SUBSCRIPTS
            return _scripted(inner, table)
        if name in _WRAPPERS:
            inner = _nodes(arguments, math)
            if name in _QUOTED:
                return "“" + inner + "”"
            if math:  # \mbox{k} in ^{\mbox{k}}: its text, so the script applies to it
                return _MATH_GROUP.sub("", inner)
            return inner if inner.startswith("{") else "{" + inner + "}"
        if name in _LOGOS:
            return _LOGOS[name]
    if node.isNodeType(latexwalker.LatexCommentNode):
        return ""
    # Accents, symbols, Greek letters, specials (--, ~, ``): pylatexenc's own text.
    return _literal(latex.to_text.nodelist_to_text([node]))


def _math_script(match: re.Match[str]) -> str:
    text = match.group(2) if match.group(2) is not None else match.group(3)
    table = _SUPERSCRIPTS if match.group(1) == "^" else _SUBSCRIPTS
    scripted = _scripted(text, table)
    return scripted if scripted != text else text
