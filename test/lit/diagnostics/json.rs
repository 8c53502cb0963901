// --error-format=json: one rustc-schema JSON object per diagnostic per line on
// stderr, then the summary; nothing on stdout, and every line parses.
// RUN: not %hematite --error-format=json --emit=hm %s -o %t.mlir 2> %t.json > %t.stdout
// RUN: FileCheck %s < %t.json
// RUN: python3 -c "import json,sys; [json.loads(l) for l in sys.stdin]" < %t.json
// RUN: python3 %S/Inputs/check_json.py 3 < %t.json
// RUN: test ! -s %t.stdout
// The same errors in the human format, for comparison with "rendered".
// RUN: not %hematite --emit=hm %s -o %t.mlir 2>&1 | FileCheck %s --check-prefix=HUMAN

use gpu::*; #[kernel]
pub fn k(y: &mut [f32], n: u32) {
	let v: f32 = n; // é
    let i = 0;
    i = 1;
    y[0] = v;
}

// CHECK: {"$message_type":"diagnostic","message":"mismatched types","code":{"code":"H0301","explanation":null},"level":"error","spans":[
// CHECK-SAME: {"file_name":"{{[^"]*}}json.rs","byte_start":{{[0-9]+}},"byte_end":{{[0-9]+}},"line_start":13,"line_end":13,"column_start":15,"column_end":16,"is_primary":true,"text":[{"text":"\tlet v: f32 = n; // é","highlight_start":15,"highlight_end":16}],"label":"expected `f32`, found `u32`","suggested_replacement":null,"suggestion_applicability":null,"expansion":null}
// CHECK-SAME: "is_primary":false,{{.*}}"label":"expected due to this"
// CHECK-SAME: "children":[]
// CHECK-SAME: "rendered":"error[H0301]: mismatched types\n  --> {{[^"]*}}json.rs:13:15\n   |\n13 |     let v: f32 = n; // é\n   |            ---   ^ expected `f32`, found `u32`\n   |            |\n   |            expected due to this\n\n"}
// CHECK-NEXT: {"$message_type":"diagnostic","message":"cannot assign twice to immutable variable `i`","code":{"code":"H0308","explanation":null},"level":"error"
// CHECK-SAME: "children":[{"message":"{{[^"]*}}","code":null,"level":"help","spans":[{{.*}}"suggested_replacement":"mut i","suggestion_applicability":"MachineApplicable","expansion":null}],"children":[],"rendered":null}]
// CHECK-SAME: "rendered":"error[H0308]: cannot assign twice to immutable variable `i`\n
// CHECK-SAME: help: {{.*}}\n   |\n14 |     let mut i = 0;\n   |         +++\n\n"}
// CHECK-NEXT: {"$message_type":"diagnostic","message":"aborting due to 2 previous errors","code":null,"level":"error","spans":[],"children":[],"rendered":"error: aborting due to 2 previous errors\n\n"}
// CHECK-NOT: {{.}}

// HUMAN: error[H0301]: mismatched types
// HUMAN: error[H0308]: cannot assign twice to immutable variable `i`
// HUMAN: error: aborting due to 2 previous errors
