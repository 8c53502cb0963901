#include "test_util.h"

namespace hematite::test {

std::set<DiagnosticKind>& seenKinds() {
  static std::set<DiagnosticKind> seen;
  return seen;
}

std::vector<DiagnosticKind> Compilation::kinds() const {
  std::vector<DiagnosticKind> out;
  for (const auto& d : diags.diagnostics()) out.push_back(d.kind);
  return out;
}

std::vector<std::string> Compilation::codes() const {
  std::vector<std::string> out;
  for (const auto& d : diags.diagnostics()) out.push_back(d.code);
  return out;
}

static void record(const Compilation& c) {
  for (const auto& d : c.diags.diagnostics()) seenKinds().insert(d.kind);
}

std::unique_ptr<Compilation> lexOnly(const std::string& source) {
  auto c = std::make_unique<Compilation>();
  c->file = c->sources.addBuffer("test.rs", source);
  c->tokens = lex::lex(c->sources, c->file, c->diags);
  record(*c);
  return c;
}

std::unique_ptr<Compilation> compile(const std::string& source, bool check) {
  auto c = lexOnly(source);
  c->crate = parse::parse(c->tokens, c->diags);
  if (check) c->program = check::check(c->crate, c->diags);
  record(*c);
  return c;
}

}  // namespace hematite::test
