// RUN: not %hematite %examples/saxpy.rs 2>&1 | FileCheck %s
// CHECK: error[H0010]: no target given: pass --target=<target> (ptx: sm_70 {{.*}}; amdgcn: {{.*}}gfx942{{.*}}; spirv: {{.*}}vulkan1.2
