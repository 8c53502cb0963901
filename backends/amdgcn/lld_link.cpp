#include "backends/amdgcn/lld_link.h"
#include "backends/common/temp_file.h"

#include "lld/Common/Driver.h"
#include "llvm/Support/raw_ostream.h"

LLD_HAS_DRIVER(elf)

namespace hematite {

bool linkCodeObject(const std::string &object, std::string &codeObject,
                    std::string &error) {
  // lld reads and writes files; the temporaries never leave this function.
  TempFile input, output;
  if (!input.create("o", object, error) || !output.create("hsaco", error))
    return false;
  std::string inputPath = input.path(), outputPath = output.path();
  const char *args[] = {"ld.lld", "-shared", "--no-undefined",
                        inputPath.c_str(), "-o", outputPath.c_str()};
  std::string messages;
  llvm::raw_string_ostream diag(messages);
  lld::Result result = lld::lldMain(args, diag, diag, {{lld::Gnu, &lld::elf::link}});
  if (result.retCode != 0) {
    error = "lld failed: " + messages;
    return false;
  }
  codeObject = output.read();
  if (codeObject.empty()) {
    error = "lld wrote no code object";
    return false;
  }
  return true;
}

} // namespace hematite
