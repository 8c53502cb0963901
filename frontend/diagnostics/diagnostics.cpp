#include "frontend/diagnostics/diagnostics.h"

#include <algorithm>
#include <map>

namespace hematite {

namespace {
const DiagnosticKindInfo kInfos[] = {
#define HM_DIAGNOSTIC(Name, Code, Level, Format) \
  {#Name, Code, DiagnosticLevel::Level, Format},
#include "frontend/diagnostics/diagnostic_kinds.def"
};
}  // namespace

const DiagnosticKindInfo& diagnosticKindInfo(DiagnosticKind kind) {
  return kInfos[size_t(kind)];
}

const char* diagnosticLevelName(DiagnosticLevel level) {
  switch (level) {
    case DiagnosticLevel::Error: return "error";
    case DiagnosticLevel::Warning: return "warning";
    case DiagnosticLevel::Note: return "note";
    case DiagnosticLevel::Help: return "help";
  }
  return "error";
}

std::string formatDiagnosticMessage(std::string_view format,
                                    const std::vector<std::string>& args) {
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '{' && i + 2 < format.size() && format[i + 1] >= '0' &&
        format[i + 1] <= '9' && format[i + 2] == '}') {
      size_t idx = size_t(format[i + 1] - '0');
      if (idx < args.size()) out += args[idx];
      i += 2;
      continue;
    }
    out += format[i];
  }
  return out;
}

Diagnostic& DiagnosticEngine::report(DiagnosticKind kind, Span span,
                                     std::vector<std::string> args) {
  const DiagnosticKindInfo& info = diagnosticKindInfo(kind);
  Diagnostic d;
  d.kind = kind;
  d.level = info.level;
  d.code = info.code;
  d.message = formatDiagnosticMessage(info.format, args);
  d.args = std::move(args);
  d.labels.push_back({span, {}, true});
  if (d.level == DiagnosticLevel::Error) ++errors_;
  if (d.level == DiagnosticLevel::Warning) ++warnings_;
  diags_.push_back(std::move(d));
  return diags_.back();
}

bool DiagnosticEngine::has(DiagnosticKind kind) const {
  for (const auto& d : diags_)
    if (d.kind == kind) return true;
  return false;
}

namespace {

struct Style {
  bool on;
  std::string paint(std::string_view text, const char* code) const {
    if (!on) return std::string(text);
    return std::string("\x1b[") + code + "m" + std::string(text) + "\x1b[0m";
  }
};
const char* kBoldRed = "1;31";
const char* kBoldYellow = "1;33";
const char* kBoldBlue = "1;34";
const char* kBold = "1";
const char* kBoldGreen = "1;32";

const char* levelColor(DiagnosticLevel l) {
  switch (l) {
    case DiagnosticLevel::Error: return kBoldRed;
    case DiagnosticLevel::Warning: return kBoldYellow;
    case DiagnosticLevel::Note: return kBoldGreen;
    case DiagnosticLevel::Help: return kBoldBlue;
  }
  return kBoldRed;
}

}  // namespace

std::string renderDiagnostic(const Diagnostic& diag, const SourceManager& sources,
                             Color color) {
  Style st{color == Color::Always};
  std::string out;
  std::string head = std::string(diagnosticLevelName(diag.level)) + "[" + diag.code + "]";
  out += st.paint(head, levelColor(diag.level));
  out += st.paint(": " + diag.message, kBold);
  out += "\n";

  // Labels with a usable location, grouped by file then line.
  struct Placed {
    const DiagnosticLabel* label;
    LineCol start;
    uint32_t end_col;  // exclusive, on the start line
  };
  Span primary = diag.primarySpan();
  bool have_primary = primary.valid() && primary.file < sources.size();
  std::vector<Placed> placed;
  uint32_t max_line = 0;
  for (const auto& l : diag.labels) {
    if (!l.span.valid() || l.span.file >= sources.size()) continue;
    if (have_primary && l.span.file != primary.file) continue;  // one snippet per diag
    const SourceBuffer& buf = sources.buffer(l.span.file);
    LineCol s = buf.lineCol(l.span.begin);
    uint32_t line_len = uint32_t(buf.lineText(s.line).size());
    uint32_t end_col;
    LineCol e = buf.lineCol(l.span.end);
    if (e.line == s.line) end_col = e.column;
    else end_col = line_len + 1;
    if (end_col <= s.column) end_col = s.column + 1;  // empty span: one caret
    placed.push_back({&l, s, end_col});
    max_line = std::max(max_line, s.line);
  }
  std::string gutter_pad(std::to_string(std::max<uint32_t>(max_line, 1)).size(), ' ');
  auto gutter = [&](std::string_view num) {
    std::string g = std::string(num);
    g.insert(g.begin(), gutter_pad.size() - g.size(), ' ');
    return st.paint(g + " |", kBoldBlue);
  };

  if (!placed.empty()) {
    const Placed& p0 = placed[0];
    const SourceBuffer& buf = sources.buffer(p0.label->span.file);
    out += gutter_pad + st.paint("--> ", kBoldBlue) + buf.name() + ":" +
           std::to_string(p0.start.line) + ":" + std::to_string(p0.start.column) + "\n";
    out += gutter("") + "\n";
    std::vector<const Placed*> order;
    for (auto& p : placed) order.push_back(&p);
    // Sort by line, keeping report order within a line (pointers increase with it).
    std::sort(order.begin(), order.end(), [](const Placed* a, const Placed* b) {
      return a->start.line != b->start.line ? a->start.line < b->start.line : a < b;
    });
    uint32_t prev_line = 0;
    for (size_t i = 0; i < order.size(); ++i) {
      const Placed& p = *order[i];
      if (p.start.line != prev_line) {
        if (prev_line != 0 && p.start.line > prev_line + 1)
          out += st.paint("...", kBoldBlue) + "\n";
        std::string_view text = buf.lineText(p.start.line);
        out += gutter(std::to_string(p.start.line)) + " " + std::string(text) + "\n";
        prev_line = p.start.line;
      }
      std::string marks(p.end_col - p.start.column, p.label->primary ? '^' : '-');
      std::string line = std::string(p.start.column - 1, ' ') + marks;
      if (!p.label->message.empty()) line += " " + p.label->message;
      // Keep indentation uncolored, color the marks and label.
      std::string indent(p.start.column - 1, ' ');
      std::string rest = line.substr(indent.size());
      out += gutter("") + " " + indent +
             st.paint(rest, p.label->primary ? levelColor(diag.level) : kBoldBlue) + "\n";
    }
  } else if (have_primary) {
    // Span without renderable text (e.g. past the end): still name the place.
    const SourceBuffer& buf = sources.buffer(primary.file);
    LineCol s = buf.lineCol(primary.begin);
    out += gutter_pad + st.paint("--> ", kBoldBlue) + buf.name() + ":" +
           std::to_string(s.line) + ":" + std::to_string(s.column) + "\n";
  }

  if (!diag.notes.empty() || !diag.helps.empty()) {
    if (!placed.empty()) out += gutter("") + "\n";
    for (const auto& n : diag.notes)
      out += gutter_pad + " " + st.paint("= note", kBold) + ": " + n + "\n";
    for (const auto& h : diag.helps)
      out += gutter_pad + " " + st.paint("= help", kBold) + ": " + h.message + "\n";
  }
  return out;
}

std::string renderDiagnostics(const DiagnosticEngine& engine, const SourceManager& sources,
                              Color color) {
  std::string out;
  for (const auto& d : engine.diagnostics()) {
    out += renderDiagnostic(d, sources, color);
    out += "\n";
  }
  Style st{color == Color::Always};
  if (engine.errorCount() > 0) {
    out += st.paint("error", kBoldRed);
    std::string msg = engine.errorCount() == 1
                          ? ": aborting due to 1 previous error"
                          : ": aborting due to " + std::to_string(engine.errorCount()) +
                                " previous errors";
    out += st.paint(msg, kBold) + "\n";
  }
  return out;
}

}  // namespace hematite
