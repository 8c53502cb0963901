// Only in HEMATITE_STATIC_LLVM builds. Debian's LLVM is built with Polly linked
// in, so its LTO library (which LLD needs) refers to getPollyPluginInfo, whose
// definition lives in libLLVM.so alone. LTO runs only on bitcode inputs, which
// hematite never hands to LLD, so the function is never called; if it were, it
// stops with a message instead of returning a plugin it does not have. (The
// return type is not part of the symbol's name, and LLVM 22 does not install
// the header that declares it.)
#include <cstdio>
#include <cstdlib>

[[noreturn]] void getPollyPluginInfo() {
  std::fputs("hematite: internal error: Polly was requested, but this static build "
             "does not include it\n", stderr);
  std::abort();
}
