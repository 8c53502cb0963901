// rustc's JSON diagnostic format (--error-format=json): one object per line.
// The schema is rustc's (rustc_errors/src/json.rs): "$message_type", "message",
// "code", "level", "spans", "children", "rendered"; spans carry 0-based byte
// offsets, 1-based lines and 1-based character columns, and the text of each
// line they touch.
#include "frontend/diagnostics/diagnostics.h"
#include "frontend/diagnostics/render_util.h"

#include <algorithm>

namespace hematite {

std::string jsonQuote(std::string_view text) {
  static const char* kHex = "0123456789abcdef";
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (c < 0x20) {
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 15];
          } else {
            out += char(c);
          }
      }
      ++i;
      continue;
    }
    // Non-ASCII passes through when it is well-formed UTF-8; anything else
    // becomes U+FFFD so that the line stays valid JSON.
    size_t n = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = n != 0 && i + n <= text.size();
    uint32_t cp = n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; ok && k < n; ++k) {
      unsigned char cc = static_cast<unsigned char>(text[i + k]);
      ok = (cc & 0xC0) == 0x80;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (ok) {
      static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= kMin[n] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    }
    if (ok) {
      out.append(text.substr(i, n));
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  out += '"';
  return out;
}

namespace {

using diag_detail::charCount;
using diag_detail::charPos;
using diag_detail::CharPos;

std::string jsonNullable(const std::string& s) { return s.empty() ? "null" : jsonQuote(s); }

// One element of "spans".
std::string jsonSpan(const Span& span, const SourceManager& sources, bool primary,
                     const std::string& label, const std::string* replacement,
                     Applicability applicability) {
  const SourceBuffer& buf = sources.buffer(span.file);
  CharPos s = charPos(buf, span.begin);
  CharPos e = charPos(buf, std::max(span.end, span.begin));
  std::string out = "{\"file_name\":" + jsonQuote(buf.name());
  out += ",\"byte_start\":" + std::to_string(s.offset);
  out += ",\"byte_end\":" + std::to_string(e.offset);
  out += ",\"line_start\":" + std::to_string(s.line);
  out += ",\"line_end\":" + std::to_string(e.line);
  out += ",\"column_start\":" + std::to_string(s.column);
  out += ",\"column_end\":" + std::to_string(e.column);
  out += ",\"is_primary\":" + std::string(primary ? "true" : "false");
  out += ",\"text\":[";
  for (uint32_t line = s.line; line <= e.line; ++line) {
    std::string_view text = buf.lineText(line);
    uint32_t hs = line == s.line ? s.column : 1;
    uint32_t he = line == e.line ? e.column : charCount(text) + 1;
    if (line != s.line) out += ",";
    out += "{\"text\":" + jsonQuote(text) + ",\"highlight_start\":" + std::to_string(hs) +
           ",\"highlight_end\":" + std::to_string(he) + "}";
  }
  out += "],\"label\":" + jsonNullable(label);
  if (replacement) {
    out += ",\"suggested_replacement\":" + jsonQuote(*replacement);
    out += ",\"suggestion_applicability\":" + jsonQuote(applicabilityName(applicability));
  } else {
    out += ",\"suggested_replacement\":null,\"suggestion_applicability\":null";
  }
  out += ",\"expansion\":null}";
  return out;
}

bool usable(const Span& span, const SourceManager& sources) {
  return span.valid() && span.file < sources.size();
}

std::string jsonChild(const char* level, const std::string& message, std::string spans) {
  return "{\"message\":" + jsonQuote(message) + ",\"code\":null,\"level\":\"" + level +
         "\",\"spans\":[" + spans + "],\"children\":[],\"rendered\":null}";
}

std::string jsonDiagnostic(const std::string& message, const std::string& code,
                           DiagnosticLevel level, const std::string& spans,
                           const std::string& children, const std::string& rendered) {
  std::string out = "{\"$message_type\":\"diagnostic\",\"message\":" + jsonQuote(message);
  out += ",\"code\":";
  out += code.empty() ? "null" : "{\"code\":" + jsonQuote(code) + ",\"explanation\":null}";
  out += ",\"level\":\"" + std::string(diagnosticLevelName(level)) + "\"";
  out += ",\"spans\":[" + spans + "],\"children\":[" + children + "]";
  out += ",\"rendered\":" + jsonQuote(rendered) + "}\n";
  return out;
}

}  // namespace

std::string renderDiagnosticJson(const Diagnostic& diag, const SourceManager& sources) {
  std::string spans;
  for (const auto& l : diag.labels) {
    if (!usable(l.span, sources)) continue;
    if (!spans.empty()) spans += ",";
    spans += jsonSpan(l.span, sources, l.primary, l.message, nullptr, Applicability::Unspecified);
  }
  // Children in the order the human format shows them: notes and helps as
  // written, then suggestions.
  std::vector<std::string> children;
  size_t ni = 0, hi = 0;
  auto help = [&](const DiagnosticHelp& h) { children.push_back(jsonChild("help", h.message, "")); };
  for (bool is_help : diag.child_is_help) {
    if (!is_help && ni < diag.notes.size()) children.push_back(jsonChild("note", diag.notes[ni++], ""));
    if (is_help && hi < diag.helps.size() && !diag.helps[hi++].isSuggestion()) help(diag.helps[hi - 1]);
  }
  while (ni < diag.notes.size()) children.push_back(jsonChild("note", diag.notes[ni++], ""));
  for (; hi < diag.helps.size(); ++hi)
    if (!diag.helps[hi].isSuggestion()) help(diag.helps[hi]);
  for (const auto& h : diag.helps) {
    if (!h.isSuggestion()) continue;
    std::string span = usable(h.span, sources)
                           ? jsonSpan(h.span, sources, true, "", &h.replacement, h.applicability)
                           : "";
    children.push_back(jsonChild("help", h.message, span));
  }
  std::string joined;
  for (size_t i = 0; i < children.size(); ++i) joined += (i ? "," : "") + children[i];
  return jsonDiagnostic(diag.message, diag.code, diag.level, spans, joined,
                        renderDiagnostic(diag, sources, Color::Never) + "\n");
}

std::string renderDiagnosticsJson(const DiagnosticEngine& engine, const SourceManager& sources) {
  std::string out;
  for (const auto& d : engine.diagnostics()) out += renderDiagnosticJson(d, sources);
  std::string summary = summaryMessage(engine.errorCount(), engine.warningCount());
  if (!summary.empty()) {
    DiagnosticLevel level = engine.errorCount() ? DiagnosticLevel::Error : DiagnosticLevel::Warning;
    out += jsonDiagnostic(summary, "", level, "", "",
                          std::string(diagnosticLevelName(level)) + ": " + summary + "\n\n");
  }
  return out;
}

}  // namespace hematite
