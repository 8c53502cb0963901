fn f( {
    let x = ;
    let = 5;
    if { }
    while x < { 1 }
    y[0 = 2;
    foo(1, 2;
}
fn g() -> { }
pub kernel fn h() {}
fn i() { let a = (1 + ; let b = [1, 2; }
fn
