// A math op that a target computes neither with instructions nor with its device
// library (here exp on f16, which the language cannot write yet but hm input can)
// is refused at its location, naming the target, and no output is written.
// RUN: rm -f %t.ptx %t.hsaco
// RUN: not %hematite --target=sm_90 %s -o %t.ptx 2>&1 | FileCheck %s --check-prefix=PTX
// RUN: not test -e %t.ptx
// RUN: not %hematite --target=gfx942 %s -o %t.hsaco 2>&1 | FileCheck %s --check-prefix=GFX
// RUN: not test -e %t.hsaco

// PTX: error[H0900]: cannot compile for `sm_90`: `math.exp` on 'f16' has no instruction or library function on sm_90
// PTX-NEXT: --> {{.*}}math-unsupported.mlir:[[@LINE+6]]:8
// GFX: error[H0900]: cannot compile for `gfx942`: `math.exp` on 'f16' has no instruction or library function on gfx942

func.func @k(%s: !hm.slice<mut f16>) attributes {hm.kernel} {
  %i = hm.global_id x
  %v = hm.slice_load %s[%i] : !hm.slice<mut f16>
  %e = math.exp %v : f16
  hm.slice_store %e, %s[%i] : !hm.slice<mut f16>
  return
}
