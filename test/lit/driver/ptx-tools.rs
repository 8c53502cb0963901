// sm_XX outputs through the CUDA toolkit: --emit=cubin (ptxas), -v (ptxas's
// resource report, one line per kernel), -C ptx-version, -lineinfo and -g.
// REQUIRES: ptxas
// RUN: env HEMATITE_CUDA_HOME=%cuda_home %hematite --target=sm_90 --emit=cubin %examples/saxpy.rs -o %t.cubin
// RUN: llvm-readelf --file-header --symbols %t.cubin | FileCheck %s --check-prefix=CUBIN
// RUN: env HEMATITE_CUDA_HOME=%cuda_home %hematite --target=sm_90 -v %examples/saxpy.rs -o %t.ptx 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: env HEMATITE_CUDA_HOME=%cuda_home %hematite --target=sm_80 -v %S/../../e2e/kernels/lang/gpu_kernels.rs -o %t2.ptx 2>&1 | FileCheck %s --check-prefix=SHARED
// RUN: %hematite --target=sm_90 -C ptx-version=8.5 %examples/saxpy.rs -o - | FileCheck %s --check-prefix=V85
// RUN: %hematite --target=sm_90 %examples/saxpy.rs -o - | FileCheck %s --check-prefix=V78
// RUN: not %hematite --target=sm_90 -C ptx-version=7.0 %examples/saxpy.rs -o %t.x 2>&1 | FileCheck %s --check-prefix=OLD
// RUN: not %hematite --target=sm_90 -C ptx-version=9.9 %examples/saxpy.rs -o %t.x 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: %hematite --target=sm_90 -lineinfo %examples/saxpy.rs -o %t.li.ptx
// RUN: FileCheck %s --check-prefix=LINEINFO < %t.li.ptx
// RUN: %ptxas -arch=sm_90 -lineinfo %t.li.ptx -o %t.li.cubin
// RUN: %hematite --target=sm_90 -g %examples/saxpy.rs -o %t.g.ptx
// RUN: FileCheck %s --check-prefix=DEBUG < %t.g.ptx
// RUN: %ptxas -arch=sm_90 -g %t.g.ptx -o %t.g.cubin
// Without ptxas, --emit=cubin says how to get it.
// RUN: rm -f %t.no.cubin
// RUN: not env HEMATITE_CUDA_HOME=%t.nonexistent %hematite --target=sm_90 --emit=cubin %examples/saxpy.rs -o %t.no.cubin 2>&1 | FileCheck %s --check-prefix=NOPTXAS
// RUN: not test -e %t.no.cubin

// CUBIN: Machine: {{.*}}CUDA
// CUBIN: FUNC {{.*}} saxpy
// REPORT: hematite: info: kernel 'saxpy' on sm_90: {{[0-9]+}} registers, 0 bytes shared, 0 bytes stack, 0 bytes spill stores, 0 bytes spill loads
// SHARED: kernel 'matmul' on sm_80: {{[0-9]+}} registers, 2048 bytes shared
// V85: .version 8.5
// V78: .version 7.8
// OLD: -C ptx-version=7.0 is too old for sm_90, which needs PTX ISA 7.8 or later
// UNKNOWN: -C ptx-version=9.9 is not a PTX ISA version LLVM can write (known: 6.0 {{.*}} 9.0)
// LINEINFO: .target sm_90{{$}}
// LINEINFO: .loc {{[0-9]+}} 7
// LINEINFO: .file {{[0-9]+}} "{{.*}}saxpy.rs"
// DEBUG: .target sm_90, debug
// DEBUG: .loc
// NOPTXAS: --emit=cubin needs ptxas: ptxas (CUDA toolkit) was not found: install the CUDA toolkit or set HEMATITE_CUDA_HOME
