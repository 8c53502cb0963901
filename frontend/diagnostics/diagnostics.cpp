#include "frontend/diagnostics/diagnostics.h"

#include <algorithm>
#include <map>
#include <set>

#include "frontend/diagnostics/render_util.h"

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

const char* applicabilityName(Applicability a) {
  switch (a) {
    case Applicability::MachineApplicable: return "MachineApplicable";
    case Applicability::MaybeIncorrect: return "MaybeIncorrect";
    case Applicability::HasPlaceholders: return "HasPlaceholders";
    case Applicability::Unspecified: return "Unspecified";
  }
  return "Unspecified";
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
  return add(std::move(d));
}

Diagnostic& DiagnosticEngine::add(Diagnostic d) {
  if (d.level == DiagnosticLevel::Warning && warning_policy_ == WarningPolicy::AsErrors) {
    d.level = DiagnosticLevel::Error;
    d.note("warnings are errors because of -Werror");
  }
  if (d.level == DiagnosticLevel::Warning && warning_policy_ == WarningPolicy::Ignore) {
    discarded_ = std::move(d); // callers may still add notes to it
    return discarded_;
  }
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

namespace diag_detail {

uint32_t charCount(std::string_view s) {
  uint32_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

CharPos charPos(const SourceBuffer& buf, uint32_t offset) {
  offset = std::min<uint32_t>(offset, uint32_t(buf.text().size()));
  LineCol lc = buf.lineCol(offset);
  uint32_t start = buf.lineStart(lc.line);
  return CharPos{lc.line, charCount(buf.text().substr(start, offset - start)) + 1, offset};
}

}  // namespace diag_detail

std::string summaryMessage(size_t errors, size_t warnings) {
  std::string w;
  if (warnings == 1) w = "1 warning emitted";
  else if (warnings > 1) w = std::to_string(warnings) + " warnings emitted";
  if (errors == 0) return w;
  std::string e = errors == 1 ? "aborting due to 1 previous error"
                              : "aborting due to " + std::to_string(errors) + " previous errors";
  return w.empty() ? e : e + "; " + w;
}

namespace {

using diag_detail::charCount;
using diag_detail::charPos;
using diag_detail::CharPos;

// ---------------------------------------------------------------------------
// Styles (rustc's palette) and a styled character grid.

enum class St : uint8_t { None, Error, Warning, Note, Help, LineNumber, Bold, Addition, Removal };

const char* sgr(St s) {
  switch (s) {
    case St::None: return nullptr;
    case St::Error: return "1;31";
    case St::Warning: return "1;33";
    case St::Note: return "1;32";
    case St::Help: return "1;36";
    case St::LineNumber: return "1;34";
    case St::Bold: return "1";
    case St::Addition: return "32";
    case St::Removal: return "31";
  }
  return nullptr;
}

St levelStyle(DiagnosticLevel l) {
  switch (l) {
    case DiagnosticLevel::Error: return St::Error;
    case DiagnosticLevel::Warning: return St::Warning;
    case DiagnosticLevel::Note: return St::Note;
    case DiagnosticLevel::Help: return St::Help;
  }
  return St::Error;
}

struct Painter {
  bool on;
  std::string operator()(std::string_view text, St s) const {
    const char* code = sgr(s);
    if (!on || !code || text.empty()) return std::string(text);
    return std::string("\x1b[") + code + "m" + std::string(text) + "\x1b[0m";
  }
};

// A stable insertion sort (small vectors; std::stable_sort draws a deprecation
// warning from libstdc++ 12 under clang 22).
template <class T, class Less>
void stableSort(std::vector<T>& v, Less less) {
  for (size_t i = 1; i < v.size(); ++i)
    for (size_t j = i; j > 0 && less(v[j], v[j - 1]); --j) std::swap(v[j], v[j - 1]);
}

// Splits UTF-8 text into code points (each a small string).
std::vector<std::string> utf8Chars(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    n = std::min(n, s.size() - i);
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

uint32_t decode(std::string_view ch) {
  unsigned char c = static_cast<unsigned char>(ch[0]);
  if (c < 0x80 || ch.size() == 1) return c;
  uint32_t cp = ch.size() == 2 ? c & 0x1F : ch.size() == 3 ? c & 0x0F : c & 0x07;
  for (size_t i = 1; i < ch.size(); ++i) cp = (cp << 6) | (static_cast<unsigned char>(ch[i]) & 0x3F);
  return cp;
}

// Display width of one code point, as rustc counts it (tabs become 4 spaces;
// East Asian wide characters take two cells).
uint32_t charWidth(std::string_view ch) {
  if (ch == "\t") return 4;
  uint32_t cp = decode(ch);
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
    return 2;
  return 1;
}

uint32_t displayWidth(std::string_view s) {
  uint32_t w = 0;
  for (const auto& ch : utf8Chars(s)) w += charWidth(ch);
  return w;
}

// A source line as displayed: tabs expanded to four spaces.
std::string displayLine(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\t') out += "    ";
    else out += c;
  }
  return out;
}

struct Cell {
  std::string text = " ";
  St style = St::None;
  bool set = false;
};

class Grid {
 public:
  size_t addRow() {
    rows_.emplace_back();
    return rows_.size() - 1;
  }
  size_t size() const { return rows_.size(); }
  // Puts text with its first cell at `col`; wide characters take two cells.
  void puts(size_t row, size_t col, std::string_view text, St style) {
    for (const auto& ch : utf8Chars(text)) {
      uint32_t w = charWidth(ch);
      if (ch == "\t") {
        for (uint32_t i = 0; i < w; ++i) put(row, col++, " ", style);
        continue;
      }
      put(row, col, ch, style);
      for (uint32_t i = 1; i < w; ++i) put(row, col + i, "", style);  // covered cell
      col += w;
    }
  }
  void put(size_t row, size_t col, std::string_view ch, St style) {
    while (rows_.size() <= row) rows_.emplace_back();
    auto& r = rows_[row];
    if (r.size() <= col) r.resize(col + 1);
    r[col] = Cell{std::string(ch), style, true};
  }
  bool isSet(size_t row, size_t col) const {
    return row < rows_.size() && col < rows_[row].size() && rows_[row][col].set;
  }
  std::string render(const Painter& paint) const {
    std::string out;
    for (const auto& r : rows_) {
      size_t n = r.size();
      while (n > 0 && r[n - 1].text == " " && r[n - 1].style == St::None) --n;
      for (size_t i = 0; i < n;) {
        St s = r[i].style;
        std::string run;
        size_t j = i;
        for (; j < n && r[j].style == s; ++j) run += r[j].text;
        out += paint(run, s);
        i = j;
      }
      out += "\n";
    }
    return out;
  }

 private:
  std::vector<std::vector<Cell>> rows_;
};

// ---------------------------------------------------------------------------
// Snippets: rustc's layout of annotated source lines (rustc_errors::emitter,
// render_source_line), ASCII flavor.

enum class AnnKind : uint8_t { Single, MultiStart, MultiEnd };

struct Ann {
  uint32_t start = 0, end = 0;  // display columns, 0-based, end exclusive
  bool primary = false;
  std::string label;
  AnnKind kind = AnnKind::Single;
  uint32_t depth = 0;   // multi-line spans: the gutter column (1-based)
  size_t multi = 0;     // multi-line spans: index into FileSnippet::multis

  bool hasLabel() const { return !label.empty(); }
  bool takesSpace() const { return kind != AnnKind::Single; }
};

struct Multi {
  uint32_t start_line, end_line, depth = 1;
  bool primary;
  size_t first_row = SIZE_MAX, last_row = SIZE_MAX;  // rows that get the `|`
};

struct FileSnippet {
  FileId file;
  std::map<uint32_t, std::vector<Ann>> lines;  // line -> annotations (report order)
  std::set<uint32_t> shown;                    // lines to print
  std::vector<Multi> multis;
  CharPos first;                               // where the header points
};

// Display column (0-based) of byte `offset` of `buf`, on its line.
uint32_t displayCol(const SourceBuffer& buf, uint32_t line, uint32_t offset) {
  uint32_t start = buf.lineStart(line);
  std::string_view text = buf.lineText(line);
  uint32_t n = offset >= start ? offset - start : 0;
  return displayWidth(text.substr(0, std::min<size_t>(n, text.size())));
}

bool keepsMultilineContext(std::string_view s) {
  // rustc leaves out lines with nothing but blanks, a lone delimiter or a comment.
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  std::string_view t = b == std::string_view::npos ? std::string_view{} : s.substr(b, e - b + 1);
  if (t.substr(0, 2) == "//" && t.substr(0, 3) != "///" && t.substr(0, 3) != "//!") return false;
  return !(t.empty() || t == "{" || t == "}" || t == "(" || t == ")" || t == "[" || t == "]");
}

void addLabel(FileSnippet& fs, const SourceBuffer& buf, const DiagnosticLabel& l) {
  uint32_t size = uint32_t(buf.text().size());
  uint32_t begin = std::min(l.span.begin, size), end = std::min(std::max(l.span.end, begin), size);
  LineCol s = buf.lineCol(begin), e = buf.lineCol(end);
  uint32_t scol = displayCol(buf, s.line, begin), ecol = displayCol(buf, e.line, end);
  // A span that ends right after a newline ends on the line before.
  if (e.line > s.line && end == buf.lineStart(e.line)) {
    e.line -= 1;
    ecol = displayWidth(buf.lineText(e.line)) + 1;
  }
  if (e.line == s.line) {
    if (ecol <= scol) ecol = scol + 1;  // empty span: one mark
    fs.lines[s.line].push_back(Ann{scol, ecol, l.primary, l.message, AnnKind::Single});
    fs.shown.insert(s.line);
    return;
  }
  size_t idx = fs.multis.size();
  fs.multis.push_back(Multi{s.line, e.line, 1, l.primary});
  fs.lines[s.line].push_back(Ann{scol, scol + 1, l.primary, "", AnnKind::MultiStart, 0, idx});
  if (ecol == 0) ecol = 1;
  fs.lines[e.line].push_back(Ann{ecol - 1, ecol, l.primary, l.message, AnnKind::MultiEnd, 0, idx});
  fs.shown.insert(s.line);
  fs.shown.insert(e.line);
  // Up to four lines after the start, without trailing blank/delimiter lines,
  // and the line before the end (rustc's choice of context).
  uint32_t middle = std::min(s.line + 4, e.line);
  uint32_t until = s.line;
  for (uint32_t line = middle; line-- > s.line;)
    if (keepsMultilineContext(buf.lineText(line))) {
      until = line + 1;
      break;
    }
  for (uint32_t line = s.line + 1; line < until; ++line) fs.shown.insert(line);
  if (middle < e.line - 1 && keepsMultilineContext(buf.lineText(e.line - 1)))
    fs.shown.insert(e.line - 1);
}

// Gives overlapping multi-line spans distinct gutter columns.
uint32_t assignDepths(FileSnippet& fs) {
  uint32_t max_depth = 0;
  std::vector<size_t> order(fs.multis.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  stableSort(order, [&](size_t a, size_t b) {
    return fs.multis[a].start_line < fs.multis[b].start_line;
  });
  for (size_t i = 0; i < order.size(); ++i) {
    Multi& m = fs.multis[order[i]];
    std::set<uint32_t> busy;
    for (size_t j = 0; j < i; ++j) {
      const Multi& o = fs.multis[order[j]];
      if (o.end_line >= m.start_line) busy.insert(o.depth);
    }
    m.depth = 1;
    while (busy.count(m.depth)) ++m.depth;
    max_depth = std::max(max_depth, m.depth);
  }
  for (auto& [line, anns] : fs.lines)
    for (auto& a : anns)
      if (a.kind != AnnKind::Single) a.depth = fs.multis[a.multi].depth;
  return max_depth;
}

bool overlaps(const Ann& a1, const Ann& a2, uint32_t padding) {
  uint32_t a_start = a1.start, a_end = a1.end + padding, b_start = a2.start, b_end = a2.end;
  return (b_start <= a_start && a_start < b_end) || (a_start <= b_start && b_start < a_end);
}

struct SnippetLayout {
  size_t pad;          // width of the line-number column
  size_t code_offset;  // first column of source text
  St primary_style;
  size_t width_offset() const { return pad + 3; }
  size_t depthCol(uint32_t depth) const { return pad + 3 + depth - 1; }
};

void gutterRow(Grid& g, size_t row, const SnippetLayout& lay, std::string_view number) {
  g.puts(row, 0, number, St::LineNumber);  // rustc left-aligns line numbers
  g.put(row, lay.pad + 1, "|", St::LineNumber);
}

// One source line and the rows of marks and labels below it.
void renderLine(Grid& g, const SourceBuffer& buf, uint32_t line, std::vector<Ann> anns,
                FileSnippet& fs, const SnippetLayout& lay) {
  size_t base = g.addRow();
  gutterRow(g, base, lay, std::to_string(line));
  g.puts(base, lay.code_offset, displayLine(buf.lineText(line)), St::None);
  if (anns.empty()) return;
  auto styleOf = [&](const Ann& a) { return a.primary ? lay.primary_style : St::LineNumber; };

  // Only starts of multi-line spans, after nothing but blanks: `/` in the gutter.
  std::string_view text = buf.lineText(line);
  bool short_start = true;
  for (const Ann& a : anns) {
    size_t nonblank = text.find_first_not_of(" \t");
    uint32_t indent = nonblank == std::string_view::npos ? displayWidth(text)
                                                         : displayWidth(text.substr(0, nonblank));
    if (a.kind != AnnKind::MultiStart || a.start > indent) short_start = false;
  }
  if (short_start) {
    for (const Ann& a : anns) {
      g.put(base, lay.depthCol(a.depth), "/", styleOf(a));
      fs.multis[a.multi].first_row = base;
    }
    return;
  }

  stableSort(anns, [](const Ann& a, const Ann& b) { return a.start > b.start; });
  std::vector<std::pair<size_t, const Ann*>> positions;
  size_t line_len = 0, p = 0;
  for (size_t i = 0; i < anns.size(); ++i) {
    const Ann& ann = anns[i];
    for (size_t j = i + 1; j < anns.size(); ++j) {
      const Ann& next = anns[j];
      if (overlaps(next, ann, 0) && ann.hasLabel() && p == 0) {
        if (next.start == ann.start && next.end == ann.end && !next.hasLabel()) continue;
        ++p;
        break;
      }
    }
    positions.push_back({p, &ann});
    for (size_t j = i + 1; j < anns.size(); ++j) {
      const Ann& next = anns[j];
      uint32_t l = next.hasLabel() ? displayWidth(next.label) + 2 : 0;
      if ((overlaps(next, ann, l) && ann.hasLabel() && next.hasLabel()) ||
          (ann.takesSpace() && next.hasLabel()) || (ann.hasLabel() && next.takesSpace()) ||
          (ann.takesSpace() && next.takesSpace()) ||
          (overlaps(next, ann, l) && next.end <= ann.end && next.hasLabel() && p == 0)) {
        ++p;
        break;
      }
    }
    line_len = std::max(line_len, p);
  }
  if (line_len != 0) line_len += 1;
  for (size_t r = 0; r <= line_len; ++r) gutterRow(g, base + 1 + r, lay, "");

  // Horizontal lines of multi-line spans.
  for (auto& [pos, a] : positions)
    if (a->kind != AnnKind::Single)
      for (size_t c = lay.width_offset() + a->depth; c < lay.code_offset + a->start; ++c)
        g.put(base + pos + 1, c, "_", styleOf(*a));
  // Vertical lines to labels placed below.
  for (auto& [pos, a] : positions) {
    if (pos > 0 && (a->hasLabel() || a->takesSpace()))
      for (size_t r = base + 1; r <= base + pos + 1; ++r)
        g.put(r, lay.code_offset + a->start, "|", styleOf(*a));
    if (a->kind == AnnKind::MultiStart) {
      g.put(base + pos + 1, lay.depthCol(a->depth), " ", styleOf(*a));
      fs.multis[a->multi].first_row = base + pos + 2;
    } else if (a->kind == AnnKind::MultiEnd) {
      for (size_t r = base; r <= base + pos + 1; ++r)
        g.put(r, lay.depthCol(a->depth), "|", styleOf(*a));
      fs.multis[a->multi].last_row = base + pos + 1;
    }
  }
  // Labels.
  for (auto& [pos, a] : positions) {
    if (!a->hasLabel()) continue;
    size_t row = pos == 0 ? base + 1 : base + pos + 2;
    size_t col = pos == 0 ? a->end + 1 : a->start;
    g.puts(row, lay.code_offset + col, a->label, styleOf(*a));
  }
  // Underlines.
  for (auto& [pos, a] : positions)
    for (uint32_t c = a->start; c < a->end; ++c)
      g.put(base + 1, lay.code_offset + c, a->primary ? "^" : "-", styleOf(*a));
}

// The annotated snippets of a diagnostic, one per file (the primary span's
// first), with the `-->` / `:::` headers.
std::vector<FileSnippet> collectSnippets(const Diagnostic& diag, const SourceManager& sources) {
  std::vector<FileSnippet> out;
  auto usable = [&](const Span& s) { return s.valid() && s.file < sources.size(); };
  std::vector<const DiagnosticLabel*> labels;
  for (const auto& l : diag.labels)
    if (usable(l.span)) labels.push_back(&l);
  // The primary file first, then the others in report order.
  stableSort(labels, [](const auto* a, const auto* b) {
    return a->primary > b->primary;
  });
  for (const auto* l : labels) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const FileSnippet& fs) { return fs.file == l->span.file; });
    if (it == out.end()) {
      out.push_back(FileSnippet{l->span.file, {}, {}, {}, {}});
      it = out.end() - 1;
      it->first = charPos(sources.buffer(l->span.file), l->span.begin);
    }
    addLabel(*it, sources.buffer(l->span.file), *l);
  }
  // Secondary files point at their first annotated line.
  for (size_t i = 0; i < out.size(); ++i) {
    if (i == 0 && !labels.empty() && labels[0]->primary) continue;
    const SourceBuffer& buf = sources.buffer(out[i].file);
    uint32_t best = UINT32_MAX;
    for (const auto* l : labels)
      if (l->span.file == out[i].file) best = std::min(best, l->span.begin);
    out[i].first = charPos(buf, best);
  }
  return out;
}

uint32_t maxLineNumber(const Diagnostic& diag, const SourceManager& sources) {
  uint32_t max_line = 0;
  auto consider = [&](const Span& s) {
    if (!s.valid() || s.file >= sources.size()) return;
    const SourceBuffer& buf = sources.buffer(s.file);
    max_line = std::max({max_line, buf.lineCol(s.begin).line, buf.lineCol(std::max(s.end, s.begin)).line});
  };
  for (const auto& l : diag.labels) consider(l.span);
  for (const auto& h : diag.helps) consider(h.span);
  return std::max<uint32_t>(max_line, 1);
}

void renderSnippets(std::string& out, const Diagnostic& diag, const SourceManager& sources,
                    size_t pad, const Painter& paint) {
  std::vector<FileSnippet> snippets = collectSnippets(diag, sources);
  Grid g;
  for (size_t i = 0; i < snippets.size(); ++i) {
    FileSnippet& fs = snippets[i];
    const SourceBuffer& buf = sources.buffer(fs.file);
    uint32_t depth = assignDepths(fs);
    SnippetLayout lay{pad, pad + 3 + (depth ? depth + 1 : 0), levelStyle(diag.level)};
    if (i > 0) gutterRow(g, g.addRow(), lay, "");
    size_t head = g.addRow();
    g.puts(head, pad, i == 0 ? "--> " : "::: ", St::LineNumber);
    g.puts(head, pad + 4,
           buf.name() + ":" + std::to_string(fs.first.line) + ":" + std::to_string(fs.first.column),
           St::None);
    gutterRow(g, g.addRow(), lay, "");
    std::vector<uint32_t> shown(fs.shown.begin(), fs.shown.end());
    for (size_t k = 0; k < shown.size(); ++k) {
      uint32_t line = shown[k];
      if (k > 0) {
        uint32_t prev = shown[k - 1];
        if (line - prev > 2) {
          g.puts(g.addRow(), 0, "...", St::LineNumber);
        } else if (line - prev == 2) {
          renderLine(g, buf, prev + 1, {}, fs, lay);
        }
      }
      auto it = fs.lines.find(line);
      renderLine(g, buf, line, it == fs.lines.end() ? std::vector<Ann>{} : it->second, fs, lay);
    }
    for (const Multi& m : fs.multis) {
      if (m.first_row == SIZE_MAX || m.last_row == SIZE_MAX) continue;
      for (size_t r = m.first_row; r <= m.last_row; ++r)
        if (!g.isSet(r, lay.depthCol(m.depth)))
          g.put(r, lay.depthCol(m.depth), "|", m.primary ? lay.primary_style : St::LineNumber);
    }
  }
  out += g.render(paint);
}

// Common prefix/suffix of `a` and `b` in bytes, kept on character boundaries.
void commonAffixes(std::string_view a, std::string_view b, size_t& prefix, size_t& suffix) {
  prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  while (prefix > 0 && ((static_cast<unsigned char>(a[prefix]) & 0xC0) == 0x80 ||
                        (prefix < b.size() && (static_cast<unsigned char>(b[prefix]) & 0xC0) == 0x80)))
    --prefix;
  suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  while (suffix > 0 && (static_cast<unsigned char>(a[a.size() - suffix]) & 0xC0) == 0x80) --suffix;
}

// "help: <message>" and the source as the suggestion would make it: inserted
// text underlined with `+`, replacements and removals as a `-`/`+` diff.
void renderSuggestion(std::string& out, const DiagnosticHelp& h, const SourceManager& sources,
                      size_t pad, const Painter& paint) {
  out += paint("help", St::Help) + ": " + h.message + "\n";
  if (!h.span.valid() || h.span.file >= sources.size()) return;
  const SourceBuffer& buf = sources.buffer(h.span.file);
  uint32_t size = uint32_t(buf.text().size());
  uint32_t begin = std::min(h.span.begin, size), end = std::min(std::max(h.span.end, begin), size);
  std::string_view old_text = buf.text().substr(begin, end - begin);
  size_t prefix, suffix;
  commonAffixes(old_text, h.replacement, prefix, suffix);
  uint32_t cbegin = begin + uint32_t(prefix), cend = end - uint32_t(suffix);
  std::string_view ins(h.replacement);
  ins = ins.substr(prefix, ins.size() - prefix - suffix);
  uint32_t first = buf.lineCol(begin).line, last = buf.lineCol(end).line;
  std::string before(buf.text().substr(buf.lineStart(first), begin - buf.lineStart(first)));
  std::string_view last_line = buf.lineText(last);
  std::string after(last_line.substr(std::min<size_t>(end - buf.lineStart(last), last_line.size())));

  SnippetLayout lay{pad, pad + 3, St::Help};
  Grid g;
  gutterRow(g, g.addRow(), lay, "");
  bool insertion = cbegin == cend && ins.find('\n') == std::string_view::npos && first == last;
  if (insertion) {
    // The changed line, with `+` under the inserted text (less its blanks).
    std::string line_before = before + std::string(h.replacement.substr(0, prefix));
    size_t row = g.addRow();
    gutterRow(g, row, lay, std::to_string(first));
    uint32_t col = displayWidth(line_before);
    g.puts(row, lay.code_offset, displayLine(line_before), St::None);
    g.puts(row, lay.code_offset + col, displayLine(ins), St::Addition);
    g.puts(row, lay.code_offset + col + displayWidth(ins),
           displayLine(std::string(h.replacement.substr(h.replacement.size() - suffix)) + after),
           St::None);
    size_t lead = ins.find_first_not_of(" \t");
    std::string_view core = ins;
    if (lead != std::string_view::npos) {
      size_t tail = ins.find_last_not_of(" \t");
      core = ins.substr(lead, tail - lead + 1);
      col += displayWidth(ins.substr(0, lead));
    }
    size_t marks = g.addRow();
    gutterRow(g, marks, lay, "");
    for (uint32_t i = 0; i < displayWidth(core); ++i)
      g.put(marks, lay.code_offset + col + i, "+", St::Addition);
  } else {
    // A diff: the old lines, then the new ones.
    auto diffRows = [&](const std::string& text, uint32_t first_line, const char* sign, St style,
                        size_t hl_begin, size_t hl_end) {
      size_t pos = 0;
      uint32_t line = first_line;
      while (true) {
        size_t eol = text.find('\n', pos);
        std::string_view l = std::string_view(text).substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
        size_t row = g.addRow();
        std::string num = std::to_string(line);
        g.puts(row, 0, num, St::LineNumber);
        g.puts(row, pad + 1, sign, style);
        // Highlight the changed bytes [hl_begin, hl_end) of `text`.
        size_t lb = pos, le = pos + l.size();
        size_t hb = std::clamp(hl_begin, lb, le), he = std::clamp(hl_end, lb, le);
        std::string a(text.substr(lb, hb - lb)), b(text.substr(hb, he - hb)), c(text.substr(he, le - he));
        g.puts(row, lay.code_offset, displayLine(a), St::None);
        g.puts(row, lay.code_offset + displayWidth(a), displayLine(b), style);
        g.puts(row, lay.code_offset + displayWidth(a) + displayWidth(b), displayLine(c), St::None);
        if (eol == std::string::npos) break;
        pos = eol + 1;
        ++line;
      }
    };
    std::string old_lines = before + std::string(old_text) + after;
    std::string new_lines = before + h.replacement + after;
    diffRows(old_lines, first, "-", St::Removal, before.size() + prefix,
             before.size() + old_text.size() - suffix);
    diffRows(new_lines, first, "+", St::Addition, before.size() + prefix,
             before.size() + h.replacement.size() - suffix);
    gutterRow(g, g.addRow(), lay, "");
  }
  out += g.render(paint);
}

// A child message (`= note: ...`), continuation lines aligned under the text.
std::string childLine(const char* level, std::string_view message, size_t pad,
                      const Painter& paint) {
  std::string out = std::string(pad + 1, ' ') + paint("= ", St::LineNumber) + paint(level, St::Bold) + ": ";
  std::string indent(pad + 1 + 2 + std::string_view(level).size() + 2, ' ');
  for (size_t pos = 0;;) {
    size_t eol = message.find('\n', pos);
    out += std::string(message.substr(pos, eol == std::string_view::npos ? eol : eol - pos)) + "\n";
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
    out += indent;
  }
  return out;
}

std::string header(DiagnosticLevel level, const std::string& code, const std::string& message,
                   const Painter& paint) {
  std::string head = diagnosticLevelName(level);
  if (!code.empty()) head += "[" + code + "]";
  return paint(head, levelStyle(level)) + paint(": " + message, St::Bold) + "\n";
}

}  // namespace

std::string renderDiagnostic(const Diagnostic& diag, const SourceManager& sources,
                             Color color) {
  Painter paint{color == Color::Always};
  std::string out = header(diag.level, diag.code, diag.message, paint);
  size_t pad = std::to_string(maxLineNumber(diag, sources)).size();
  renderSnippets(out, diag, sources, pad, paint);

  if (diag.notes.empty() && diag.helps.empty()) return out;
  out += std::string(pad + 1, ' ') + paint("|", St::LineNumber) + "\n";
  size_t ni = 0, hi = 0;
  for (bool is_help : diag.child_is_help) {
    if (!is_help && ni < diag.notes.size()) out += childLine("note", diag.notes[ni++], pad, paint);
    if (is_help && hi < diag.helps.size() && !diag.helps[hi++].isSuggestion())
      out += childLine("help", diag.helps[hi - 1].message, pad, paint);
  }
  while (ni < diag.notes.size()) out += childLine("note", diag.notes[ni++], pad, paint);
  for (; hi < diag.helps.size(); ++hi)
    if (!diag.helps[hi].isSuggestion()) out += childLine("help", diag.helps[hi].message, pad, paint);
  for (const auto& h : diag.helps)
    if (h.isSuggestion()) renderSuggestion(out, h, sources, pad, paint);
  return out;
}

std::string renderDiagnostics(const DiagnosticEngine& engine, const SourceManager& sources,
                              Color color) {
  std::string out;
  for (const auto& d : engine.diagnostics()) {
    out += renderDiagnostic(d, sources, color);
    out += "\n";
  }
  std::string summary = summaryMessage(engine.errorCount(), engine.warningCount());
  if (!summary.empty())
    out += header(engine.errorCount() ? DiagnosticLevel::Error : DiagnosticLevel::Warning, "",
                  summary, Painter{color == Color::Always});
  return out;
}

std::string renderDiagnostics(const DiagnosticEngine& engine, const SourceManager& sources,
                              ErrorFormat format, Color color) {
  if (format == ErrorFormat::Json) return renderDiagnosticsJson(engine, sources);
  return renderDiagnostics(engine, sources, color);
}

}  // namespace hematite
