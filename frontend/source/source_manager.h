// Source buffers and spans.
//
// A SourceManager owns every file the compiler reads (the root file and, later,
// files loaded for `mod x;`). A Span names a byte range [begin, end) in one of them.
#ifndef HEMATITE_FRONTEND_SOURCE_SOURCE_MANAGER_H
#define HEMATITE_FRONTEND_SOURCE_SOURCE_MANAGER_H

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hematite {

// Index of a buffer in its SourceManager. kInvalidFile marks "no location".
using FileId = uint32_t;
inline constexpr FileId kInvalidFile = ~FileId(0);

// A half-open byte range [begin, end) in one file.
struct Span {
  FileId file = kInvalidFile;
  uint32_t begin = 0;
  uint32_t end = 0;

  bool valid() const { return file != kInvalidFile; }
  uint32_t length() const { return end - begin; }
  // The smallest span covering both (same file assumed; `a` wins otherwise).
  static Span merge(Span a, Span b) {
    if (!a.valid()) return b;
    if (!b.valid() || a.file != b.file) return a;
    return Span{a.file, a.begin < b.begin ? a.begin : b.begin,
                a.end > b.end ? a.end : b.end};
  }
  bool operator==(const Span& o) const {
    return file == o.file && begin == o.begin && end == o.end;
  }
  bool operator!=(const Span& o) const { return !(*this == o); }
};

// 1-based line and column (column counted in bytes, as rustc does for ASCII).
struct LineCol {
  uint32_t line = 0;
  uint32_t column = 0;
};

// One file: its name (as given on the command line) and its text.
class SourceBuffer {
 public:
  SourceBuffer(std::string name, std::string text);

  const std::string& name() const { return name_; }
  std::string_view text() const { return text_; }

  // Line and column of a byte offset (offset == size() maps past the last char).
  LineCol lineCol(uint32_t offset) const;
  // The text of a 1-based line, without its line terminator.
  std::string_view lineText(uint32_t line) const;
  uint32_t lineCount() const { return uint32_t(line_starts_.size()); }
  // Byte offset where a 1-based line starts.
  uint32_t lineStart(uint32_t line) const { return line_starts_[line - 1]; }

 private:
  std::string name_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

class SourceManager {
 public:
  // Adds an in-memory buffer (tests, stdin). Never fails.
  FileId addBuffer(std::string name, std::string text);
  // Loads a file. On failure returns std::nullopt and sets *error to a message
  // such as "No such file or directory"; the caller reports it (diagnostic
  // FileNotFound / FileUnreadable).
  std::optional<FileId> loadFile(const std::string& path, std::string* error);

  const SourceBuffer& buffer(FileId id) const { return *buffers_[id]; }
  size_t size() const { return buffers_.size(); }

  // The text a span covers.
  std::string_view text(Span span) const;
  // The one-character span at 1-based line:column of the buffer named `name`
  // (how MLIR locations find their way back); an invalid span if there is none.
  Span spanAt(const std::string& name, uint32_t line, uint32_t column) const;
  LineCol lineCol(FileId file, uint32_t offset) const {
    return buffers_[file]->lineCol(offset);
  }

 private:
  std::vector<std::unique_ptr<SourceBuffer>> buffers_;
};

}  // namespace hematite

#endif
