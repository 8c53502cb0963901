// Several targets (comma-separated or repeated) write one .hmb bundle holding
// each target's loadable module, in the order given (docs/bundle.md).
// RUN: rm -f %t.hmb
// RUN: %hematite --target=sm_80,sm_90,gfx942,vulkan1.2 %examples/saxpy.rs -o %t.hmb
// RUN: od -A n -c -N 8 %t.hmb | FileCheck %s --check-prefix=MAGIC
// RUN: %hematite --target=sm_90 --target=vulkan1.2 --emit=hmb %examples/saxpy.rs -o %t2.hmb
// The single-target images are byte-for-byte the files --target=X writes.
// RUN: %hematite --target=vulkan1.2 %examples/saxpy.rs -o %t.spv
// RUN: %hematite --target=sm_90 %examples/saxpy.rs -o %t.ptx
// RUN: %python %S/Inputs/bundle_images.py %t2.hmb %t.ptx %t.spv | FileCheck %s --check-prefix=IMAGES
// A default output name: saxpy.hmb in the working directory.
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir && %hematite --target=sm_90,vulkan1.2 %examples/saxpy.rs && test -f saxpy.hmb
// One target can be bundled too.
// RUN: %hematite --target=gfx90a --emit=hmb %examples/saxpy.rs -o %t3.hmb
// RUN: %python %S/Inputs/bundle_images.py %t3.hmb | FileCheck %s --check-prefix=ONE

// Usage errors (exit code 2): an --emit of one target's form with several, a
// target twice.
// RUN: %python %S/Inputs/expect_exit.py 2 %hematite --target=sm_90,vulkan1.2 --emit=ptx %examples/saxpy.rs -o %t.x 2> %t.err
// RUN: FileCheck %s --check-prefix=EMITCHECK < %t.err
// RUN: not %hematite --target=sm_90,vulkan1.2,sm_90 %examples/saxpy.rs -o %t.x 2>&1 | FileCheck %s --check-prefix=TWICECHECK
// RUN: not test -e %t.x

// MAGIC: 211   H   M   B  \r  \n 032  \n
// IMAGES: image 0: sm_90 PTX same-as-file
// IMAGES: image 1: vulkan1.2 SPIR-V same-as-file
// ONE: image 0: gfx90a hsaco
// EMITCHECK: error[H0014]: --emit=ptx writes one target's output, but 2 targets were given
// TWICECHECK: error[H0015]: target `sm_90` is given twice
