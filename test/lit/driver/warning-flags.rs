// -Wall and -Wextra are accepted (every hematite warning is on by default);
// another -W<name> is reported as clang reports an unknown warning option and
// ignored, so a build system's usual flags do not break the build. -Werror and
// -w are the warning policy (test/unit/frontend/diagnostics_test.cpp,
// WarningPolicy).
// RUN: %hematite -Wall -Wextra -Werror --target=sm_90 %examples/saxpy.rs -o %t.ptx 2>&1 | count 0
// RUN: %hematite -Wshadow -w --target=sm_90 %examples/saxpy.rs -o %t2.ptx 2>&1 | FileCheck %s
// RUN: cmp %t.ptx %t2.ptx
// CHECK: warning: unknown warning option '-Wshadow' (ignored)
