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

// How sure a suggestion is (rustc's `Applicability`, the JSON
// "suggestion_applicability").
enum class Applicability : uint8_t {
  MachineApplicable,  // certainly what the user wants: tools may apply it
  MaybeIncorrect,     // may be what the user wants
  HasPlaceholders,    // contains placeholders like `(...)`
  Unspecified,
};
const char* applicabilityName(Applicability a);  // "MachineApplicable", ...

// A help message, optionally with a replacement of `span` (a suggestion: rustc
// renders it as "help: <message>" followed by the changed source line; JSON
// "suggested_replacement"). An empty span (begin == end) is an insertion.
struct DiagnosticHelp {
  std::string message;
  Span span;                // invalid when there is no suggestion
  std::string replacement;  // text to put in place of `span`
  Applicability applicability = Applicability::MachineApplicable;

  bool isSuggestion() const { return span.valid(); }
};

struct Diagnostic {
  DiagnosticKind kind{};
  DiagnosticLevel level = DiagnosticLevel::Error;
  std::string code;     // "H0301"; empty for an uncoded message (`error: ...`)
  std::string message;  // formatted
  std::vector<std::string> args;  // the format arguments, for tools
  std::vector<DiagnosticLabel> labels;  // labels[0] is the primary (may be invalid span)
  std::vector<std::string> notes;
  std::vector<DiagnosticHelp> helps;
  // The order in which note() and help() were called (false: the next note,
  // true: the next help), so that renderers interleave them as written. Notes
  // and helps pushed directly onto the vectors are rendered after these.
  // Suggestions (helps with a span) always come last, as in rustc.
  std::vector<bool> child_is_help;

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
    child_is_help.push_back(false);
    return *this;
  }
  Diagnostic& help(std::string text) {
    helps.push_back({std::move(text), Span{}, {}});
    child_is_help.push_back(true);
    return *this;
  }
  // A suggestion: replace `span` by `replacement` (an empty span inserts).
  Diagnostic& suggest(std::string text, Span span, std::string replacement,
                      Applicability applicability = Applicability::MachineApplicable) {
    helps.push_back({std::move(text), span, std::move(replacement), applicability});
    child_is_help.push_back(true);
    return *this;
  }
};

// What happens to warnings: -Werror makes them errors, -w drops them.
enum class WarningPolicy : uint8_t { Report, AsErrors, Ignore };

// Collects diagnostics in emission order.
class DiagnosticEngine {
 public:
  void setWarningPolicy(WarningPolicy policy) { warning_policy_ = policy; }

  Diagnostic& report(DiagnosticKind kind, Span span,
                     std::vector<std::string> args = {});

  // Adds a diagnostic built by hand (e.g. an uncoded driver message, or a
  // warning); counted by its `level`.
  Diagnostic& add(Diagnostic diag);

  const std::vector<Diagnostic>& diagnostics() const { return diags_; }
  size_t errorCount() const { return errors_; }
  size_t warningCount() const { return warnings_; }
  bool hasErrors() const { return errors_ != 0; }
  bool has(DiagnosticKind kind) const;
  void clear() { diags_.clear(); errors_ = warnings_ = 0; }

 private:
  std::vector<Diagnostic> diags_;
  size_t errors_ = 0, warnings_ = 0;
  WarningPolicy warning_policy_ = WarningPolicy::Report;
  Diagnostic discarded_; // the last warning dropped by -w
};

enum class Color { Never, Always };
// --error-format: rustc's human text, or one JSON object per line.
enum class ErrorFormat { Human, Json };

// The end-of-compilation summary message, as rustc words it, without the level:
// "aborting due to 2 previous errors; 1 warning emitted" (level error),
// "1 warning emitted" (level warning), or "" when there is nothing to say.
std::string summaryMessage(size_t errors, size_t warnings);

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
// ("error: aborting due to 2 previous errors; 1 warning emitted", or
// "warning: 1 warning emitted") when there were errors or warnings.
std::string renderDiagnostics(const DiagnosticEngine& engine, const SourceManager& sources,
                              Color color = Color::Never);

// rustc's JSON format (--error-format=json): one object per line, with
// "$message_type":"diagnostic", "message", "code", "level", "spans",
// "children", "rendered" (the human rendering, uncolored, ending in "\n\n").
// Columns are 1-based and count characters; byte offsets are 0-based.
std::string renderDiagnosticJson(const Diagnostic& diag, const SourceManager& sources);
// Every diagnostic (one line each), then the summary as a diagnostic object
// without a code, as rustc does.
std::string renderDiagnosticsJson(const DiagnosticEngine& engine, const SourceManager& sources);
// JSON string literal (with quotes) for `text`: escapes quotes, backslashes and
// control characters; other UTF-8 passes through.
std::string jsonQuote(std::string_view text);

// Renders in either format (what the driver prints on stderr).
std::string renderDiagnostics(const DiagnosticEngine& engine, const SourceManager& sources,
                              ErrorFormat format, Color color);

}  // namespace hematite

#endif
