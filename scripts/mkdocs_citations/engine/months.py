"""The month names, once: BibTeX's month macros (``jan``) and the styles' dates read them."""

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# BibTeX's predefined month strings: ``month = jun`` (no braces) is June.
MACROS = {name[:3].lower(): name for name in MONTHS}
