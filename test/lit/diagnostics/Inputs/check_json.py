"""Checks rustc's JSON diagnostic schema on stdin: every line one object with
the keys rustc writes, in its order; spans and children well-formed; the last
line the summary. argv[1]: how many lines to expect."""
import json
import sys

lines = sys.stdin.read().split("\n")
assert lines[-1] == "", "output must end with a newline"
lines = lines[:-1]
assert len(lines) == int(sys.argv[1]), "%d lines, expected %s" % (len(lines), sys.argv[1])
KEYS = ["$message_type", "message", "code", "level", "spans", "children", "rendered"]
SPAN_KEYS = ["file_name", "byte_start", "byte_end", "line_start", "line_end", "column_start",
             "column_end", "is_primary", "text", "label", "suggested_replacement",
             "suggestion_applicability", "expansion"]
CHILD_KEYS = ["message", "code", "level", "spans", "children", "rendered"]


def check_span(s):
    assert list(s) == SPAN_KEYS, list(s)
    assert 0 <= s["byte_start"] <= s["byte_end"]
    assert 1 <= s["line_start"] <= s["line_end"]
    assert s["column_start"] >= 1 and s["column_end"] >= 1
    assert len(s["text"]) == s["line_end"] - s["line_start"] + 1
    for t in s["text"]:
        assert list(t) == ["text", "highlight_start", "highlight_end"]
        assert 1 <= t["highlight_start"] <= t["highlight_end"] <= len(t["text"]) + 1
    assert (s["suggested_replacement"] is None) == (s["suggestion_applicability"] is None)
    assert s["expansion"] is None


for i, line in enumerate(lines):
    d = json.loads(line)
    assert list(d) == KEYS, list(d)
    assert d["$message_type"] == "diagnostic"
    assert d["level"] in ("error", "warning")
    assert d["code"] is None or (list(d["code"]) == ["code", "explanation"] and
                                 d["code"]["code"].startswith("H"))
    for s in d["spans"]:
        check_span(s)
    if d["spans"]:
        assert any(s["is_primary"] for s in d["spans"])
    for c in d["children"]:
        assert list(c) == CHILD_KEYS, list(c)
        assert c["level"] in ("note", "help") and c["code"] is None and c["rendered"] is None
        assert c["children"] == []
        for s in c["spans"]:
            check_span(s)
            assert s["suggested_replacement"] is not None
    assert d["rendered"].endswith("\n\n")
    if d["code"]:
        assert d["rendered"].startswith("%s[%s]: %s" % (d["level"], d["code"]["code"], d["message"]))
    else:
        assert d["rendered"].startswith("%s: %s" % (d["level"], d["message"]))
last = json.loads(lines[-1])
assert last["code"] is None and last["spans"] == [] and (
    last["message"].startswith("aborting due to") or last["message"].endswith("emitted"))
