"""Identifiers (DOI, PMID, PMCID, arXiv, URL) read once, when an entry is read.

Exporters write the same DOI many ways: bare, ``doi:10.…``, ``https://doi.org/10.…``,
``http://dx.doi.org/10.…`` or a publisher's address (``http://doi.acm.org/10.1145/…``), with
LaTeX escapes (``10.1000/a\\_b``). ``normalise`` turns each into the bare identifier, so the
reference list, the JSON-LD, the Highwire tags and the downloads all hold the same value. A value
that cannot be read as its identifier is left out of the record, with a warning naming the entry
and the field's line: a wrong link is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote, unquote, urlsplit

from mkdocs_citations.engine.problems import Problem

# Bare and clean already (the common case, one match per entry): no LaTeX, brace or space.
_BARE_DOI = re.compile(r"10\.\d{4,9}/[^\s\\{}]+")
_BARE_PMID = re.compile(r"[1-9]\d{0,8}")
_BARE_PMCID = re.compile(r"PMC\d{1,9}")
# arXiv's two forms: 1501.00001(v2) since 2007, archive(.SC)/YYMMNNN(v2) before.
_BARE_ARXIV = re.compile(r"\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?")
_BARE_URL = re.compile(r"https?://[^\s\\{}<>\"^`|]+")

_LATEX_ESCAPE = re.compile(r"\\([_%&#$~])")
_URL_COMMAND = re.compile(r"\\(?:url|href)\s*\{([^{}]*)\}(?:\{[^{}]*\})?")
_DOI_PREFIX = re.compile(r"(?:doi|DOI)\s*:\s*")
_DOI_IN_PATH = re.compile(r"(?:^|/)(10\.\d{4,9}/.+)$")
_PMID_PREFIX = re.compile(r"pmid\s*:\s*|pmid\s+", re.IGNORECASE)
_PMCID_IN = re.compile(r"(?:^|/)(?:PMC)?(\d{1,9})/?$", re.IGNORECASE)
_ARXIV_PREFIX = re.compile(r"arxiv\s*:\s*|https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/", re.I)
# "1501.00001 [cs.CV]" (arXiv's own way of showing an id with its class), "0603845 [cond-mat]".
_ARXIV_WITH_CLASS = re.compile(r"(\S+)\s*\[([a-z][a-z-]*(?:\.[A-Za-z]{2,})?)\]")

HINTS = {
    "doi": "a DOI looks like 10.1234/abc, or https://doi.org/10.1234/abc",
    "pmid": "a PMID is up to nine digits, e.g. 20724638",
    "pmcid": "a PMCID looks like PMC3116441",
    "arxiv": "an arXiv id looks like 1501.00001 or cond-mat/0603845",
    "url": "a URL starts with https:// or http:// and has no spaces",
}
FIELDS = tuple(HINTS)
# Where the value was written, for the warning's line, when the field was derived from another.
_WRITTEN_AS = {"arxiv": "eprint", "pmid": "eprint", "pmcid": "eprint", "doi": "eprint"}


def _plain(value: str) -> str:
    """The value without LaTeX escapes, ``\\url{}`` and enclosing braces."""
    value = _URL_COMMAND.sub(r"\1", value.strip())
    value = _LATEX_ESCAPE.sub(r"\1", value)
    while value.startswith("{") and value.endswith("}"):
        value = value[1:-1].strip()
    return value


def _from_url(value: str) -> str:
    """The path of an address, percent-decoded; the value itself if it is not one."""
    if not re.match(r"https?://", value, re.IGNORECASE):
        return value
    return unquote(urlsplit(value).path)


def doi(value: str) -> str | None:
    """The bare DOI in ``value`` (``10.1145/820127.820136``), or ``None``."""
    if _BARE_DOI.fullmatch(value):
        return value
    value = _plain(value)
    value = _DOI_PREFIX.sub("", value, count=1) if _DOI_PREFIX.match(value) else value
    match = _DOI_IN_PATH.search(_from_url(value))
    if match is None:
        return None
    found = match.group(1).strip()
    return found if _BARE_DOI.fullmatch(found) else None


def pmid(value: str) -> str | None:
    if _BARE_PMID.fullmatch(value):
        return value
    value = _plain(value)
    value = _from_url(value).strip("/").rpartition("/")[2] if "://" in value else value
    value = _PMID_PREFIX.sub("", value, count=1) if _PMID_PREFIX.match(value) else value
    return value if _BARE_PMID.fullmatch(value) else None


def pmcid(value: str) -> str | None:
    if _BARE_PMCID.fullmatch(value):
        return value
    match = _PMCID_IN.search(_from_url(_plain(value)).removeprefix("PMCID:").strip())
    return "PMC" + match.group(1) if match else None


def arxiv(value: str, eprint_class: str = "") -> str | None:
    if _BARE_ARXIV.fullmatch(value):
        return value
    value = _ARXIV_PREFIX.sub("", _plain(value), count=1).removesuffix(".pdf").strip()
    with_class = _ARXIV_WITH_CLASS.fullmatch(value)
    if with_class:
        value, eprint_class = with_class.groups()
    if _BARE_ARXIV.fullmatch(value):
        return value
    # Before 2007 an id was archive/number; the archive may be written apart (eprintclass,
    # or "0603845 [cond-mat]"), its subject class dropped ("math.GT" → "math").
    archive = eprint_class.split(".")[0].strip().lower()
    if re.fullmatch(r"\d{7}(?:v\d+)?", value) and archive:
        joined = f"{archive}/{value}"
        return joined if _BARE_ARXIV.fullmatch(joined) else None
    return None


def url(value: str) -> str | None:
    if _BARE_URL.fullmatch(value):
        return value
    value = _plain(value)
    return value if _BARE_URL.fullmatch(value) else None


def normalise(
    key: str, fields: Mapping[str, str], field_lines: Mapping[str, int], line: int, filename: str
) -> tuple[dict[str, str] | None, list[Problem]]:
    """(the fields with every identifier bare, or ``None`` if none changed; a warning for each
    identifier that cannot be read, which is left out)."""
    changed: dict[str, str] | None = None
    problems: list[Problem] = []
    for name in FIELDS:
        raw = fields.get(name)
        if raw is None:
            continue
        value = raw.strip()
        if name == "arxiv":
            found = arxiv(value, fields.get("eprintclass", ""))
        else:
            found = _READERS[name](value)
        if found == raw:
            continue
        if changed is None:
            changed = dict(fields)
        if found:
            changed[name] = found
            continue
        del changed[name]
        if not value:
            continue  # an empty field: nothing to link, nothing to warn about
        where = field_lines.get(name) or field_lines.get(_WRITTEN_AS.get(name, ""), line)
        problems.append(
            Problem(
                "warning",
                f"entry '{key}' has a malformed {name} '{value}': {HINTS[name]} "
                "(left out of the reference and the page's metadata)",
                filename,
                where,
                key=key,
            )
        )
    return changed, problems


_READERS = {"doi": doi, "pmid": pmid, "pmcid": pmcid, "url": url}

# Characters a DOI may hold that an address cannot carry as they are (RFC 3986), e.g. the "<>"
# of SICI DOIs such as 10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P.
_DOI_SAFE = "/:;()[]._-~!$&'*+,=@"


def doi_url(value: str) -> str:
    return "https://doi.org/" + quote(value, safe=_DOI_SAFE)


def pubmed_url(value: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{value}/"


def pmc_url(value: str) -> str:
    return f"https://pmc.ncbi.nlm.nih.gov/articles/{value}/"


def arxiv_url(value: str) -> str:
    return f"https://arxiv.org/abs/{value}"
