// A kernel whose parameter the C++ launch header cannot express (hm-dialect
// input can carry types the frontend never produces): H0017 names the kernel
// and the parameter, and nothing is written.
// RUN: rm -f %t.hpp
// RUN: not %hematite --target=sm_90 --emit=header %s -o %t.hpp 2>&1 | FileCheck %s
// RUN: not test -e %t.hpp

// CHECK: error[H0017]: cannot write the launch header: kernel 'k': parameter 'arg0' has a type the launch header cannot express

func.func @k(%a: f16, %o: !hm.slice<mut f32>) attributes {hm.kernel} {
  return
}
