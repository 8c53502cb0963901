// Diagnostics: the registry of kinds, the Diagnostic record, the engine that
// collects them, and renderers.
//
// Usage (fluent; the returned reference is valid until the next report()):
//   diags.report(DiagnosticKind::MismatchedTypes, expr.span)
//       .label("expected `u32`, found `f32`")
//       .secondary(annot.span, "expected due to this")
//       .note("...").help("...");
#ifndef HEMATITE_FRONTEND_DIAGNOSTICS_DIAGNOSTICS_H
#define HEMATITE_FRONTEND_DIAGNOSTICS_DIAGNOSTICS_H

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/source/source_manager.h"

namespace hematite {

enum class DiagnosticKind : uint16_t {
#define HM_DIAGNOSTIC(Name, Code, Level, Format) Name,
#include "frontend/diagnostics/diagnostic_kinds.def"
};
inline constexpr size_t kNumDiagnosticKinds = 0
#define HM_DIAGNOSTIC(Name, Code, Level, Format) +1
#include "frontend/diagnostics/diagnostic_kinds.def"
    ;

enum class DiagnosticLevel : uint8_t { Error, Warning, Note, Help };

struct DiagnosticKindInfo {
  const char* name;    // "MismatchedTypes"
  const char* code;    // "H0301"
  DiagnosticLevel level;
  const char* format;  // "cannot find value `{0}` in this scope"
};
const DiagnosticKindInfo& diagnosticKindInfo(DiagnosticKind kind);
const char* diagnosticLevelName(DiagnosticLevel level);  // "error", "warning", ...

// Substitutes {0}, {1}, ... in `format` with args.
std::string formatDiagnosticMessage(std::string_view format,
                                    const std::vector<std::string>& args);

// A labeled source range. The primary label is rendered with ^^^, secondary
// labels with ---.
struct DiagnosticLabel {
  Span span;
  std::string message;  // may be empty
  bool primary = false;
};

// A help message, optionally with a machine-applicable replacement of `span`
// (rustc JSON "suggested_replacement").
struct DiagnosticHelp {
  std::string message;
  Span span;                // invalid when there is no suggestion
  std::string replacement;  // text to put in place of `span`
};

struct Diagnostic {
  DiagnosticKind kind;
  DiagnosticLevel level;
  std::string code;     // "H0301"
  std::string message;  // formatted
  std::vector<std::string> args;  // the format arguments, for tools
  std::vector<DiagnosticLabel> labels;  // labels[0] is the primary (may be invalid span)
  std::vector<std::string> notes;
  std::vector<DiagnosticHelp> helps;

  Span primarySpan() const { return labels.empty() ? Span{} : labels[0].span; }

  // Fluent builders.
  Diagnostic& label(std::string text) {
    labels[0].message = std::move(text);
    return *this;
  }
  Diagnostic& secondary(Span span, std::string text) {
    labels.push_back({span, std::move(text), false});
    return *this;
  }
  Diagnostic& note(std::string text) {
    notes.push_back(std::move(text));
    return *this;
  }
  Diagnostic& help(std::string text) {
    helps.push_back({std::move(text), Span{}, {}});
    return *this;
  }
  Diagnostic& suggest(std::string text, Span span, std::string replacement) {
    helps.push_back({std::move(text), span, std::move(replacement)});
    return *this;
  }
};

// Collects diagnostics in emission order.
class DiagnosticEngine {
 public:
  Diagnostic& report(DiagnosticKind kind, Span span,
                     std::vector<std::string> args = {});

  const std::vector<Diagnostic>& diagnostics() const { return diags_; }
  size_t errorCount() const { return errors_; }
  size_t warningCount() const { return warnings_; }
  bool hasErrors() const { return errors_ != 0; }
  bool has(DiagnosticKind kind) const;
  void clear() { diags_.clear(); errors_ = warnings_ = 0; }

 private:
  std::vector<Diagnostic> diags_;
  size_t errors_ = 0, warnings_ = 0;
};

enum class Color { Never, Always };

// rustc's human-readable format:
//   error[H0301]: mismatched types
//    --> file.rs:3:18
//     |
//   3 |     let x: u32 = 2.0;
//     |                  ^^^ expected `u32`, found floating-point number
//     |
//     = note: ...
//     = help: ...
std::string renderDiagnostic(const Diagnostic& diag, const SourceManager& sources,
                             Color color = Color::Never);
// All diagnostics, each followed by a blank line, then rustc's summary
// ("error: aborting due to 2 previous errors") when there were errors.
std::string renderDiagnostics(const DiagnosticEngine& engine, const SourceManager& sources,
                              Color color = Color::Never);

}  // namespace hematite

#endif
