// Writes an output file atomically: to a temporary beside it, renamed into place
// only on success, so a failed compilation never leaves a partial file behind. An
// existing output that is not a regular file (/dev/null, a pipe) is written in place.
#ifndef HEMATITE_TOOLS_HEMATITE_OUTPUT_FILE_H
#define HEMATITE_TOOLS_HEMATITE_OUTPUT_FILE_H

#include <string>

namespace hematite {
/// "-" writes to stdout. Returns false and sets `error` on failure.
bool writeOutputFile(const std::string &path, const std::string &bytes,
                     std::string &error);
}

#endif
