// Only in HEMATITE_STATIC_LLVM builds, where hematite is linked -static with
// --wrap=__register_frame_info --wrap=__deregister_frame_info
// (tools/hematite/CMakeLists.txt).
//
// In a static executable, crtbegin registers the whole .eh_frame section with
// libgcc's unwinder at start-up. The first exception thrown then makes the
// unwinder sort all of the registered FDEs (about 150,000 here): 40 ms, which
// every `hematite --version`, `--help` and command-line error pays, since
// CLI11 reports those by throwing. Without the registration the unwinder
// looks FDEs up as it does in a dynamic executable: dl_iterate_phdr finds the
// PT_GNU_EH_FRAME segment and its sorted table (.eh_frame_hdr), a binary
// search.
extern "C" void __wrap___register_frame_info(const void *, void *) {}
extern "C" void *__wrap___deregister_frame_info(const void *) { return nullptr; }
