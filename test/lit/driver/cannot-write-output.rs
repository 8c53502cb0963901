// RUN: not %hematite --target=sm_90 %examples/saxpy.rs -o %t.no-such-dir/out.ptx 2>&1 | FileCheck %s
// CHECK: error[H0013]: cannot write '{{.*}}no-such-dir/out.ptx': No such file or directory
