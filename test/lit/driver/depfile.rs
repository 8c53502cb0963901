// -MD writes a gcc-format depfile listing every file read, the `mod` files
// included, with absolute paths; -MF names it, -MT the rule's target. Without
// -MF it goes beside the output with extension .d.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %hematite --target=vulkan1.2 -MD -MF %t/k.d -MT gen/k.spv %S/Inputs/modkernel/main.rs -o %t/k.spv
// RUN: FileCheck %s --check-prefix=MF < %t/k.d
// RUN: %hematite --target=sm_90 -MD %S/Inputs/modkernel/main.rs -o %t/out.ptx
// RUN: FileCheck %s --check-prefix=BESIDE -DOUT=%t/out.ptx < %t/out.d
// clang's attached forms -MF<file> and -MT<target> work too, and -MMD.
// RUN: %hematite --target=sm_90 -MMD -MF%t/att.d -MTatt %S/Inputs/modkernel/main.rs -o %t/att.ptx
// RUN: FileCheck %s --check-prefix=ATTACHED < %t/att.d
// A failed compile writes neither the output nor the depfile.
// RUN: not %hematite --target=sm_90 -MD -MF %t/bad.d %S/Inputs/syntax-error.rs -o %t/bad.ptx
// RUN: not test -e %t/bad.d
// RUN: not test -e %t/bad.ptx
// -MD with the output on stdout needs -MF: a usage error (exit code 2).
// RUN: %python %S/Inputs/expect_exit.py 2 %hematite --target=sm_90 -MD %S/Inputs/modkernel/main.rs -o - > /dev/null 2> %t/err
// RUN: FileCheck %s --check-prefix=STDOUTCHECK < %t/err

// MF: gen/k.spv: \
// MF-NEXT: {{^  /.*}}/driver/Inputs/modkernel/main.rs \
// MF-NEXT: {{^  /.*}}/driver/Inputs/modkernel/helpers.rs{{$}}
// BESIDE: [[OUT]]: \
// BESIDE: modkernel/helpers.rs
// ATTACHED: att: \
// STDOUTCHECK: error[H0016]: -MD writes the depfile beside the output, but the output is stdout: name the depfile with -MF <file>
