// RUN: rm -f %t.out
// RUN: not %hematite --target=sm_1 %examples/saxpy.rs -o %t.out 2>&1 | FileCheck %s
// RUN: not test -e %t.out
// CHECK: error[H0011]: unknown target `sm_1`; the known targets are ptx: sm_70 {{.*}} sm_90
