// RUN: not %hematite --target=sm_90 %t.does-not-exist.rs 2>&1 | FileCheck %s
// RUN: sh -c "%hematite --target=sm_90 %t.does-not-exist.rs 2>/dev/null; test \$? -eq 1"
// CHECK: error[H0001]: couldn't read `{{.*}}does-not-exist.rs`: No such file or directory
// CHECK: error: aborting due to 1 previous error
