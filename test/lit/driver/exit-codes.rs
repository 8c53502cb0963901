// Exit codes, as clang and nvcc: 0 success, 1 errors in the program, 2 a
// command line that cannot be acted on.
// RUN: %python %S/Inputs/expect_exit.py 0 %hematite --target=sm_90 %examples/saxpy.rs -o %t.ptx
// RUN: %python %S/Inputs/expect_exit.py 1 %hematite --target=sm_90 %S/Inputs/syntax-error.rs -o %t.x 2>/dev/null
// RUN: %python %S/Inputs/expect_exit.py 2 %hematite --target=sm_91 %examples/saxpy.rs -o %t.x 2>/dev/null
// RUN: %python %S/Inputs/expect_exit.py 2 %hematite %examples/saxpy.rs -o %t.x 2>/dev/null
// RUN: %python %S/Inputs/expect_exit.py 2 %hematite --target=sm_90 --emit=nonsense %examples/saxpy.rs 2>/dev/null
// RUN: %python %S/Inputs/expect_exit.py 2 %hematite --target=sm_90 --bogus-flag %examples/saxpy.rs 2>/dev/null
// RUN: %python %S/Inputs/expect_exit.py 2 %hematite --target=sm_90 -C frobnicate=1 %examples/saxpy.rs 2>/dev/null
// RUN: %python %S/Inputs/expect_exit.py 2 %hematite --target=vulkan1.2 --emit=ptx %examples/saxpy.rs 2>/dev/null
// RUN: %hematite --version | FileCheck %s
// RUN: %hematite --help | FileCheck %s --check-prefix=HELP
// CHECK: hematite 0.1.0
// HELP: --target
// HELP: -MD
