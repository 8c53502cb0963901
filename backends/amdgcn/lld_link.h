// Links an AMDGPU object file into a code object (.hsaco) with lld, in process.
#ifndef HEMATITE_BACKENDS_AMDGCN_LLD_LINK_H
#define HEMATITE_BACKENDS_AMDGCN_LLD_LINK_H

#include <string>

namespace hematite {
/// Returns false and sets `error` (lld's own messages) on failure.
bool linkCodeObject(const std::string &object, std::string &codeObject,
                    std::string &error);
}

#endif
