// -lineinfo gives a code object line tables only (.debug_line, no .debug_info);
// -g full DWARF; neither, none.
// RUN: %hematite --target=gfx942 -lineinfo %examples/saxpy.rs -o %t.li.hsaco
// RUN: llvm-readelf -S %t.li.hsaco | FileCheck %s --check-prefix=LINES
// RUN: %hematite --target=gfx942 -g %examples/saxpy.rs -o %t.g.hsaco
// RUN: llvm-readelf -S %t.g.hsaco | FileCheck %s --check-prefix=FULL
// RUN: %hematite --target=gfx942 %examples/saxpy.rs -o %t.hsaco
// RUN: llvm-readelf -S %t.hsaco | FileCheck %s --check-prefix=NONE
// LINES-NOT: .debug_info
// LINES: .debug_line
// LINES-NOT: .debug_info
// FULL-DAG: .debug_info
// FULL-DAG: .debug_line
// NONE-NOT: .debug_
