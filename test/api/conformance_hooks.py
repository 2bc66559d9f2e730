"""schemathesis hooks for test/api/conformance.test.ts (the test names this file in its config)."""
import hashlib
import json
import re

import schemathesis

_INSTANT = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|([+-])(\d\d):(\d\d))$")


def _epoch_ms(text):
    """Milliseconds since 1970 for an ISO 8601 instant with offset, year 0 included (Python's datetime starts at 1)."""
    m = _INSTANT.match(text)
    if not m:
        return None
    y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
    # Days from civil (H. Hinnant), proleptic Gregorian, any year.
    y -= mo <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (mo + (-3 if mo > 2 else 9)) + 2) // 5 + d - 1
    days = era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
    ms = int(((m.group(7) or "0") + "000")[:3])
    offset = 0 if m.group(8) == "Z" else (1 if m.group(9) == "+" else -1) * (int(m.group(10)) * 60 + int(m.group(11)))
    return ((days * 24 + h) * 60 + mi - offset) * 60_000 + s * 1000 + ms


def _inverted_window(query):
    # OpenAPI cannot relate two query parameters to each other, so "openedFrom must be before
    # openedBefore" is in the parameters' descriptions only; the API answers a window that ends
    # before it starts with 400 (test/api/analytics.test.ts). Draw no such window.
    if not isinstance(query.get("openedFrom"), str) or not isinstance(query.get("openedBefore"), str):
        return False
    start, end = _epoch_ms(query["openedFrom"]), _epoch_ms(query["openedBefore"])
    return start is not None and end is not None and start >= end


def _drawn_page_token(case, query):
    # A page token is whatever an earlier page's nextPageToken was, sealed by the API; any other
    # string, however well-formed, is refused with 400 (test/api/complaints.test.ts). A schema
    # cannot say "a value this server issued", so positive cases carry none of their own making.
    return "pageToken" in query and case.meta is not None and case.meta.generation.mode.is_positive


@schemathesis.hook
def filter_case(ctx, case):
    query = case.query if isinstance(case.query, dict) else {}
    return not _inverted_window(query) and not _drawn_page_token(case, query)


@schemathesis.hook
def map_case(ctx, case):
    # An Idempotency-Key promises one outcome per key: the same key with another body is 422 by
    # design (test/api/actions.test.ts), a rule about earlier requests that no schema can state.
    # A positive case's key is therefore the digest of what it sends, so a repeated request is a
    # true retry (200 with the first answer) and a different one never borrows an earlier key.
    headers = case.headers or {}
    name = next((k for k in headers if k.lower() == "idempotency-key"), None)
    if name is not None and case.meta is not None and case.meta.generation.mode.is_positive:
        sent = json.dumps([case.method, case.path, case.path_parameters, case.body], sort_keys=True, default=str)
        headers[name] = hashlib.sha256(sent.encode()).hexdigest()[:32]
        case.headers = headers
    return case
