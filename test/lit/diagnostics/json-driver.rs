// Driver errors (bad target, unreadable file, bad option) go through the same
// renderer: in JSON mode stderr holds JSON lines only.
// RUN: not %hematite --error-format=json --target=sm_1 %s -o %t.out 2> %t.target
// RUN: FileCheck %s --check-prefix=TARGET < %t.target
// RUN: python3 %S/Inputs/check_json.py 2 < %t.target
// TARGET: {"$message_type":"diagnostic","message":"unknown target `sm_1`; the known targets are {{[^"]*}}","code":{"code":"H0011","explanation":null},"level":"error","spans":[],"children":[],"rendered":"error[H0011]: unknown target `sm_1`; the known targets are {{[^"]*}}\n\n"}
// TARGET-NEXT: {"$message_type":"diagnostic","message":"aborting due to 1 previous error","code":null,"level":"error","spans":[],"children":[],"rendered":"error: aborting due to 1 previous error\n\n"}

// RUN: not %hematite --error-format=json --target=sm_90 %t.does-not-exist.rs 2> %t.missing
// RUN: FileCheck %s --check-prefix=MISSING < %t.missing
// RUN: python3 %S/Inputs/check_json.py 2 < %t.missing
// MISSING: {"$message_type":"diagnostic","message":"couldn't read `{{[^"]*}}does-not-exist.rs`: No such file or directory","code":{"code":"H0001","explanation":null},"level":"error","spans":[]

// RUN: not %hematite --error-format=json %s 2> %t.notarget
// RUN: python3 %S/Inputs/check_json.py 2 < %t.notarget
// RUN: FileCheck %s --check-prefix=NOTARGET < %t.notarget
// NOTARGET: "code":{"code":"H0010","explanation":null}

// A command-line error has no code, as in rustc; --error-format may come last.
// RUN: not %hematite --color=sometimes %s --error-format=json 2> %t.option
// RUN: python3 %S/Inputs/check_json.py 2 < %t.option
// RUN: FileCheck %s --check-prefix=OPTION < %t.option
// OPTION: {"$message_type":"diagnostic","message":"--color: {{[^"]*}}sometimes{{[^"]*}}","code":null,"level":"error","spans":[],"children":[],"rendered":"error: --color: {{[^"]*}}\n\n"}
// OPTION-NEXT: "message":"aborting due to 1 previous error"

// An unknown --error-format is itself reported in the human format.
// RUN: not %hematite --error-format=xml %s 2>&1 | FileCheck %s --check-prefix=XML
// XML: --error-format: xml not in {human,json}
