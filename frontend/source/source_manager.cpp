#include "frontend/source/source_manager.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace hematite {

SourceBuffer::SourceBuffer(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

LineCol SourceBuffer::lineCol(uint32_t offset) const {
  if (offset > text_.size()) offset = uint32_t(text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line = uint32_t(it - line_starts_.begin());  // 1-based
  return LineCol{line, offset - line_starts_[line - 1] + 1};
}

std::string_view SourceBuffer::lineText(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t begin = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] : uint32_t(text_.size());
  std::string_view s(text_.data() + begin, end - begin);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

FileId SourceManager::addBuffer(std::string name, std::string text) {
  buffers_.push_back(std::make_unique<SourceBuffer>(std::move(name), std::move(text)));
  return FileId(buffers_.size() - 1);
}

std::optional<FileId> SourceManager::loadFile(const std::string& path, std::string* error) {
  errno = 0;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    if (error) *error = std::strerror(errno ? errno : ENOENT);
    return std::nullopt;
  }
  std::string text;
  char chunk[65536];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) text.append(chunk, n);
  bool failed = std::ferror(f);
  int err = errno;
  std::fclose(f);
  if (failed) {
    if (error) *error = std::strerror(err ? err : EIO);
    return std::nullopt;
  }
  return addBuffer(path, std::move(text));
}

std::string_view SourceManager::text(Span span) const {
  if (!span.valid() || span.file >= buffers_.size()) return {};
  std::string_view t = buffers_[span.file]->text();
  if (span.begin > t.size()) return {};
  return t.substr(span.begin, std::min<size_t>(span.end, t.size()) - span.begin);
}

}  // namespace hematite

namespace hematite {

Span SourceManager::spanAt(const std::string& name, uint32_t line, uint32_t column) const {
  for (FileId id = 0; id < buffers_.size(); ++id) {
    const SourceBuffer& buffer = *buffers_[id];
    if (buffer.name() != name || line == 0 || line > buffer.lineCount()) continue;
    std::string_view text = buffer.lineText(line);
    uint32_t begin = uint32_t(text.data() - buffer.text().data()) + (column ? column - 1 : 0);
    if (begin > buffer.text().size()) return Span{};
    return Span{id, begin, std::min<uint32_t>(begin + 1, uint32_t(buffer.text().size()))};
  }
  return Span{};
}

}  // namespace hematite
